import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';
import type { CholeskyKernel } from '../cholesky-kernel.js';

// Minimal typing of the WebAssembly global: the project compiles with lib ES2022 and @types/node 20,
// neither of which declares it.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface LinalgExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  requiredBytes(n: number): number;
  factor(a: number, n: number): number;
  setBlock(nb: number): void;
  getBlock(): number;
  rankKWorkBytes(n: number): number;
  rankK(a: number, d: number, c: number, m: number, n: number, work: number): void;
  rankKCentred(a: number, d: number, c: number, m: number, n: number, work: number, top: number, mean: number): void;
  factorEnd(a: number, n: number): number;
  shiftedFactor(h: number, b: number, w: number, n: number, lambda: number, tol: number): number;
  solveLower(l: number, n: number, x: number): void;
  solveLowerTranspose(l: number, n: number, x: number): void;
}

const PAGE_BYTES = 65536;
/** wasm32 linear memory is at most 4 GiB; requiredBytes is computed in u32 arithmetic. */
const MAX_BYTES = 2 ** 32 - PAGE_BYTES;

// (module (func (result v128) (v128.const i64x2 0 0)))
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

export function wasmSimdSupported(): boolean {
  try {
    return wasmApi !== undefined && wasmApi.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Path of build/wasm/linalg.wasm in the nearest enclosing directory whose package.json is named "ratecheck". */
export function findLinalgWasm(): string | null {
  const root = packageRoot();
  if (root === null) return null;
  const wasm = join(root, 'build', 'wasm', 'linalg.wasm');
  return existsSync(wasm) ? wasm : null;
}

let cachedExports: LinalgExports | null | undefined;

/** The instantiated linalg module, or null when wasm SIMD or the .wasm file is unavailable. */
export function loadLinalgExports(): LinalgExports | null {
  if (cachedExports !== undefined) return cachedExports;
  cachedExports = null;
  if (wasmApi === undefined || !wasmSimdSupported()) return null;
  const path = findLinalgWasm();
  if (path === null) return null;
  try {
    const module = new wasmApi.Module(readFileSync(path));
    const instance = new wasmApi.Instance(module, {});
    cachedExports = instance.exports as unknown as LinalgExports;
  } catch {
    cachedExports = null;
  }
  return cachedExports;
}

/** Grows the module's memory to at least `bytes`; returns a Float64Array over the whole (possibly new) buffer. */
function ensureMemory(mem: WasmMemory, bytes: number): Float64Array {
  const have = mem.buffer.byteLength;
  if (bytes > have) mem.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  return new Float64Array(mem.buffer);
}

/**
 * The prepared system whose H (and B) are in linear memory at heapBase now, or null. Every kernel
 * call that uses the memory at heapBase for something else clears it; a prepared system then copies
 * its matrices in again before its next solve.
 */
let resident: object | null = null;

let cachedKernel: CholeskyKernel | null | undefined;

export function loadWasmCholeskyKernel(): CholeskyKernel | null {
  if (cachedKernel !== undefined) return cachedKernel;
  const ex = loadLinalgExports();
  if (ex === null) {
    cachedKernel = null;
    return null;
  }
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  cachedKernel = {
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
      resident = null;
      const off = base / 8;
      const nn = n * n;
      // The module writes only on and below the diagonal, so a whole-array round trip returns the
      // entries above the diagonal bit for bit (same-type TypedArray.set is a byte copy).
      view.set(a.subarray(0, nn), off);
      const info = ex.factor(base, n);
      a.set(view.subarray(off, off + nn), 0);
      return info;
    },
  };
  return cachedKernel;
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

let cachedRankK: RankKUpdate | null | undefined;
let cachedCentredRankK: CentredRankKUpdate | null | undefined;

function makeRankK(ex: LinalgExports): (a: Float64Array, m: number, n: number, d: Float64Array | null, c: Float64Array, top: number) => void {
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  const align64 = (p: number): number => Math.ceil(p / 64) * 64;
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
    resident = null;
    view.set(a.subarray(0, m * n), pa / 8);
    if (d !== null) view.set(d.subarray(0, m), pd / 8);
    if (top >= 0) ex.rankKCentred(pa, pd, pc, m, n, pw, top, pmean);
    else ex.rankK(pa, d === null ? 0 : pd, pc, m, n, pw);
    c.set(view.subarray(pc / 8, pc / 8 + n * n), 0);
  };
}

export function loadWasmRankKUpdate(): RankKUpdate | null {
  if (cachedRankK !== undefined) return cachedRankK;
  const ex = loadLinalgExports();
  if (ex === null) {
    cachedRankK = null;
    return null;
  }
  const update = makeRankK(ex);
  cachedRankK = (a, m, n, d, c) => update(a, m, n, d, c, -1);
  return cachedRankK;
}

export function loadWasmCentredRankKUpdate(): CentredRankKUpdate | null {
  if (cachedCentredRankK !== undefined) return cachedCentredRankK;
  const ex = loadLinalgExports();
  if (ex === null) {
    cachedCentredRankK = null;
    return null;
  }
  const update = makeRankK(ex);
  cachedCentredRankK = (a, m, n, d, top, c) => update(a, m, n, d, c, top);
  return cachedCentredRankK;
}

/**
 * (H + λB)·x = rhs for a sequence of λ with H and B fixed (B = I when `b` is null), in wasm memory:
 * H and B are copied in once (again only if another kernel used the memory in between); each `solve`
 * forms the lower triangle of H + λB there, factors it and runs both triangular solves in place.
 * `solve` returns -1 with the solution in `out`, or the first pivot that is not positive under the
 * rule of `cholesky()` (dₖ ≤ `tol`·(H + λB)ₖₖ, or ≤ 0, or not finite). Entries of H and B above the
 * diagonal are not read. The arrays `h` and `b` are referenced, not copied: they must not change
 * while the system is in use.
 */
export interface WasmShiftedSystem {
  solve(lambda: number, rhs: Float64Array, tol: number, out: Float64Array): number;
}

export type WasmShiftedPrepare = (h: Float64Array, b: Float64Array | null, n: number) => WasmShiftedSystem;

let cachedShifted: WasmShiftedPrepare | null | undefined;

export function loadWasmShiftedSystem(): WasmShiftedPrepare | null {
  if (cachedShifted !== undefined) return cachedShifted;
  const ex = loadLinalgExports();
  if (ex === null) {
    cachedShifted = null;
    return null;
  }
  const base = ex.heapBase();
  const align64 = (p: number): number => Math.ceil(p / 64) * 64;
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  cachedShifted = (h, b, n) => {
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
    const system: WasmShiftedSystem = {
      solve(lambda, rhs, tol, out) {
        if (rhs.length !== n || out.length !== n) throw new RangeError(`wasm shifted system: n=${n}, rhs has ${rhs.length}, out ${out.length}`);
        if (n === 0) return -1;
        const need = ex.factorEnd(pw, n);
        if (need > view.buffer.byteLength || view.buffer !== ex.memory.buffer) view = ensureMemory(ex.memory, need);
        if (resident !== system) {
          view.set(h.subarray(0, n * n), ph / 8);
          if (b !== null) view.set(b.subarray(0, n * n), pb / 8);
          resident = system;
        }
        const info = ex.shiftedFactor(ph, b === null ? 0 : pb, pw, n, lambda, tol);
        if (info >= 0) return info;
        view.set(rhs, px / 8);
        ex.solveLower(pw, n, px);
        ex.solveLowerTranspose(pw, n, px);
        out.set(view.subarray(px / 8, px / 8 + n));
        return -1;
      },
    };
    return system;
  };
  return cachedShifted;
}
