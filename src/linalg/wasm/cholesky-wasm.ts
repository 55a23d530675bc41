import type { CholeskyKernel } from '../cholesky-kernel.js';
import { kernelProfiler } from '../kernel-profile.js';
import { align64, ensureMemory, type LinalgExports, loadLinalgExports, WASM_MAX_BYTES as MAX_BYTES } from './linalg-module.js';

/**
 * The prepared system whose H (and B) are in the instance's linear memory at heapBase now, or null.
 * Every kernel call that uses the memory at heapBase for something else clears it; a prepared system
 * then copies its matrices in again before its next solve.
 */
interface ResidentSlot {
  system: object | null;
  /** B of the last system copied in (its n×n at the same offset), kept while no other kernel used the memory */
  b: Float64Array | null;
  bn: number;
}

/** Another kernel is about to use the memory at heapBase: nothing there is resident any more. */
function evict(slot: ResidentSlot): void {
  slot.system = null;
  slot.b = null;
}

/** The kernels of one instance of the linalg module, sharing its memory. */
export interface WasmKernels {
  readonly cholesky: CholeskyKernel;
  readonly rankK: RankKUpdate;
  readonly centredRankK: CentredRankKUpdate;
  readonly shifted: WasmShiftedPrepare;
}

export function wasmKernelsOn(ex: LinalgExports): WasmKernels {
  const slot: ResidentSlot = { system: null, b: null, bn: 0 };
  const update = makeRankK(ex, slot);
  return {
    cholesky: makeCholesky(ex, slot),
    rankK: (a, m, n, d, c) => update(a, m, n, d, c, -1),
    centredRankK: (a, m, n, d, top, c) => update(a, m, n, d, c, top),
    shifted: makeShifted(ex, slot),
  };
}

let defaults: WasmKernels | null | undefined;

function defaultKernels(): WasmKernels | null {
  if (defaults !== undefined) return defaults;
  const ex = loadLinalgExports();
  defaults = ex === null ? null : wasmKernelsOn(ex);
  return defaults;
}

export function loadWasmCholeskyKernel(): CholeskyKernel | null {
  return defaultKernels()?.cholesky ?? null;
}

export function loadWasmRankKUpdate(): RankKUpdate | null {
  return defaultKernels()?.rankK ?? null;
}

export function loadWasmCentredRankKUpdate(): CentredRankKUpdate | null {
  return defaultKernels()?.centredRankK ?? null;
}

export function loadWasmShiftedSystem(): WasmShiftedPrepare | null {
  return defaultKernels()?.shifted ?? null;
}

function makeCholesky(ex: LinalgExports, slot: ResidentSlot): CholeskyKernel {
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  return {
    name: 'wasm',
    factor(a: Float64Array, n: number): number {
      if (!Number.isInteger(n) || n < 0 || a.length < n * n) {
        throw new RangeError(`wasm cholesky: bad size n=${n} for an array of length ${a.length}`);
      }
      if (n === 0) return -1;
      if (base + 8 * n * n + 8 * (n + 4) * ex.getBlock() + 512 > MAX_BYTES) {
        throw new RangeError(`wasm cholesky: n=${n} does not fit in 4 GiB of wasm memory`);
      }
      const need = ex.requiredBytes(n);
      if (need > view.buffer.byteLength || view.buffer !== ex.memory.buffer) {
        view = ensureMemory(ex.memory, need);
      }
      evict(slot);
      const profiler = kernelProfiler();
      const t0 = profiler ? performance.now() : 0;
      const off = base / 8;
      const nn = n * n;
      // The module writes only on and below the diagonal, so a whole-array round trip returns the
      // entries above the diagonal bit for bit (same-type TypedArray.set is a byte copy).
      view.set(a.subarray(0, nn), off);
      const info = ex.factor(base, n);
      a.set(view.subarray(off, off + nn), 0);
      profiler?.add('factor', performance.now() - t0);
      return info;
    },
  };
}

/**
 * `update(a, m, n, d, c)` sets c ← Aᵀ·diag(d)·A, i.e. c[i·n + j] = Σ_k a[k·n + i]·d[k]·a[k·n + j], for the
 * m×n row-major `a`; `d` has length m, or is null for diag(d) = I. `c` (length ≥ n²) is overwritten,
 * both triangles (the result is exactly symmetric: the upper triangle is a copy of the lower).
 */
export type RankKUpdate = (a: Float64Array, m: number, n: number, d: Float64Array | null, c: Float64Array) => void;

/**
 * `update(a, m, n, d, top, c)` sets c ← Σᵢ dᵢ·rᵢ·rᵢᵀ with the centred rows rᵢ = (aᵢ − a_top) − mean,
 * mean = Σ_{j≠top} dⱼ(aⱼ − a_top) (i and j ascending, each entry rounded in that order): for weights
 * summing to 1, the d-weighted covariance of the rows of the m×n row-major `a`, formed about row `top`
 * without a centred copy of `a`. `c` is overwritten, both triangles (exactly symmetric).
 */
export type CentredRankKUpdate = (a: Float64Array, m: number, n: number, d: Float64Array, top: number, c: Float64Array) => void;

function makeRankK(ex: LinalgExports, slot: ResidentSlot): (a: Float64Array, m: number, n: number, d: Float64Array | null, c: Float64Array, top: number) => void {
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  return (a, m, n, d, c, top) => {
    if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) {
      throw new RangeError(`wasm rank-k: bad shape ${m}×${n}`);
    }
    if (a.length < m * n || c.length < n * n || (d !== null && d.length < m)) {
      throw new RangeError(`wasm rank-k: arrays too short for ${m}×${n}`);
    }
    if (top >= 0 && (d === null || !Number.isInteger(top) || top >= m)) throw new RangeError(`wasm rank-k: bad centring row ${top} of ${m}`);
    if (n === 0) return;
    const pa = base;
    const pd = align64(pa + 8 * m * n);
    const pc = align64(pd + 8 * m);
    const pmean = align64(pc + 8 * n * n);
    const pw = align64(pmean + 8 * n);
    const need = pw > MAX_BYTES ? pw : pw + ex.rankKWorkBytes(n);
    if (need > MAX_BYTES) throw new RangeError(`wasm rank-k: ${m}×${n} does not fit in 4 GiB of wasm memory`);
    if (need > view.buffer.byteLength || view.buffer !== ex.memory.buffer) view = ensureMemory(ex.memory, need);
    evict(slot);
    const profiler = kernelProfiler();
    const t0 = profiler ? performance.now() : 0;
    view.set(a.subarray(0, m * n), pa / 8);
    if (d !== null) view.set(d.subarray(0, m), pd / 8);
    if (top >= 0) ex.rankKCentred(pa, pd, pc, m, n, pw, top, pmean);
    else ex.rankK(pa, d === null ? 0 : pd, pc, m, n, pw);
    c.set(view.subarray(pc / 8, pc / 8 + n * n), 0);
    profiler?.add('rank-k', performance.now() - t0);
  };
}

/**
 * (H + λB)·x = rhs for a sequence of λ with H and B fixed (B = I when `b` is null), in wasm memory:
 * H and B are copied in once (again only if another kernel used the memory in between; B not at all
 * when the system before it had the same array `b`, a metric's fixed B); each `solve`
 * forms the lower triangle of H + λB there, factors it and runs both triangular solves in place.
 * `solve` returns -1 with the solution in `out`, or the first pivot that is not positive under the
 * rule of `cholesky()` (dₖ ≤ `tol`·(H + λB)ₖₖ, or ≤ 0, or not finite). Entries of H and B above the
 * diagonal are not read. The arrays `h` and `b` are referenced, not copied: they must not change
 * while the system is in use, nor `b` between systems that share it.
 */
export interface WasmShiftedSystem {
  solve(lambda: number, rhs: Float64Array, tol: number, out: Float64Array): number;
  /** out ← H·x with the resident H (full storage), the operations of `matVec` (fused in the FMA build) */
  times(x: Float64Array, out: Float64Array): void;
}

export type WasmShiftedPrepare = (h: Float64Array, b: Float64Array | null, n: number) => WasmShiftedSystem;

function makeShifted(ex: LinalgExports, slot: ResidentSlot): WasmShiftedPrepare {
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  return (h, b, n) => {
    if (!Number.isInteger(n) || n < 0 || h.length < n * n || (b !== null && b.length < n * n)) {
      throw new RangeError(`wasm shifted system: bad size n=${n}`);
    }
    const bytes = 8 * n * n;
    const ph = base;
    const pb = b === null ? 0 : align64(ph + bytes);
    const px = align64((b === null ? ph : pb) + bytes);
    const pw = align64(px + 8 * n);
    if (pw + bytes + 8 * (n + 4) * ex.getBlock() + 512 > MAX_BYTES) {
      throw new RangeError(`wasm shifted system: n=${n} does not fit in 4 GiB of wasm memory`);
    }
    const makeResident = (): void => {
      const need = ex.factorEnd(pw, n);
      if (need > view.buffer.byteLength || view.buffer !== ex.memory.buffer) view = ensureMemory(ex.memory, need);
      if (slot.system === system) return;
      view.set(h.subarray(0, n * n), ph / 8);
      if (b !== null && (slot.b !== b || slot.bn !== n)) view.set(b.subarray(0, n * n), pb / 8);
      slot.system = system;
      slot.b = b;
      slot.bn = n;
    };
    const system: WasmShiftedSystem = {
      times(x, out) {
        if (x.length !== n || out.length !== n) throw new RangeError(`wasm shifted system: n=${n}, x has ${x.length}, out ${out.length}`);
        if (n === 0) return;
        const profiler = kernelProfiler();
        const t0 = profiler ? performance.now() : 0;
        makeResident();
        // x and H·x in the right-hand side's slot and the factor's work area (refactored by every solve)
        view.set(x, px / 8);
        ex.matVec(ph, n, n, px, pw);
        out.set(view.subarray(pw / 8, pw / 8 + n));
        profiler?.add('products', performance.now() - t0);
      },
      solve(lambda, rhs, tol, out) {
        if (rhs.length !== n || out.length !== n) throw new RangeError(`wasm shifted system: n=${n}, rhs has ${rhs.length}, out ${out.length}`);
        if (n === 0) return -1;
        const profiler = kernelProfiler();
        const t0 = profiler ? performance.now() : 0;
        makeResident();
        const info = ex.shiftedFactor(ph, b === null ? 0 : pb, pw, n, lambda, tol);
        const t1 = profiler ? performance.now() : 0;
        profiler?.add('factor', t1 - t0);
        if (info >= 0) return info;
        view.set(rhs, px / 8);
        ex.solveLower(pw, n, px);
        ex.solveLowerTranspose(pw, n, px);
        out.set(view.subarray(px / 8, px / 8 + n));
        profiler?.add('triangular', performance.now() - t1);
        return -1;
      },
    };
    return system;
  };
}
