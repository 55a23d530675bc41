import { kernelProfiler } from '../kernel-profile.js';
import { align64, ensureMemory, instantiateLinalg, type LinalgExports, WASM_MAX_BYTES, wasmVariant } from './linalg-module.js';

/**
 * The products of one fixed m×n row-major matrix A in wasm memory, with the operations of the JS
 * reference in the plain SIMD build (every multiply–accumulate fused in the FMA build):
 * - `times(x, y)`: y ← A·x (src/linalg/matrix.ts matVec), y of length m;
 * - `transposeTimes(x, y)`: y ← Aᵀ·x (matTVec, rows with xᵢ = 0 skipped), y of length n;
 * - `gram(d, c)`: c ← Aᵀ·diag(d)·A, both triangles (the rank-k kernel of cholesky-wasm.ts);
 * - `centredGram(d, top, c)`: c ← Σᵢ dᵢ·rᵢ·rᵢᵀ with rows centred about row `top` (the centred rank-k kernel).
 */
export interface WasmDenseProducts {
  times(x: Float64Array, y: Float64Array): void;
  transposeTimes(x: Float64Array, y: Float64Array): void;
  gram(d: Float64Array | null, c: Float64Array): void;
  centredGram(d: Float64Array, top: number, c: Float64Array): void;
}

/**
 * `prepare(a, m, n)` gives the products of A (`a`, m×n row-major). The array is referenced, not
 * copied: it must not change while the products are in use (it is copied into wasm memory on first
 * use, and again only after an eviction).
 */
export type WasmDenseProductsPrepare = (a: Float64Array, m: number, n: number) => WasmDenseProducts;

/** Bytes of resident matrices one pool keeps by default (its instance's memory is this plus the scratch of one call). */
export const DEFAULT_RESIDENT_BYTES = 64 * 2 ** 20;

/** Where a prepared matrix lies in the pool while resident: bytes [offset, offset + bytes) above the pool's base. */
interface Slot {
  readonly bytes: number;
  offset: number;
  resident: boolean;
  lastUse: number;
}

/**
 * Matrices resident in one instance's memory, at most `residentBytes` of them, least recently used
 * evicted first; a matrix larger than the bound is copied in for each call and never kept. Invariant:
 * `slots` holds the resident slots, ordered by offset, disjoint, each ending at most at `residentBytes`.
 * The scratch of a call (vectors, the Gram matrix, the rank-k kernel's work) lies above the highest
 * resident slot and lives for that call only.
 */
export function denseProductsOn(ex: LinalgExports, residentBytes: number = DEFAULT_RESIDENT_BYTES): WasmDenseProductsPrepare {
  const base = ex.heapBase();
  let view: Float64Array = new Float64Array(ex.memory.buffer);
  let clock = 0;
  const slots: Slot[] = [];
  const release = (slot: Slot): void => {
    const k = slots.indexOf(slot);
    if (k >= 0) slots.splice(k, 1);
    slot.resident = false;
  };
  const forgotten = new FinalizationRegistry<Slot>(release);

  /** A free offset for `bytes` in the pool, evicting least recently used slots until one is found. */
  const place = (bytes: number): number => {
    for (;;) {
      let start = 0;
      let k = 0;
      for (; k < slots.length; k++) {
        if (slots[k].offset - start >= bytes) break;
        start = slots[k].offset + slots[k].bytes;
      }
      if (k < slots.length || residentBytes - start >= bytes) return start;
      let victim = slots[0];
      for (const s of slots) if (s.lastUse < victim.lastUse) victim = s;
      release(victim);
    }
  };

  /**
   * Makes the memory of one call: A at `pa` (resident or copied for this call), then `scratch` bytes
   * from `ps`. Returns [pa, ps] and leaves `view` over the current buffer.
   */
  const enter = (a: Float64Array, m: number, n: number, slot: Slot, scratch: number): [number, number] => {
    const entries = m * n;
    const transient = slot.bytes > residentBytes;
    const placed = !transient && !slot.resident && slot.bytes > 0 ? place(slot.bytes) : -1;
    let top = slots.length === 0 ? 0 : slots[slots.length - 1].offset + slots[slots.length - 1].bytes;
    if (placed >= 0) top = Math.max(top, placed + slot.bytes);
    let ps = align64(base + top);
    let pa = base + (placed >= 0 ? placed : slot.offset);
    if (transient) {
      pa = ps;
      ps = align64(pa + 8 * entries);
    }
    const need = ps + scratch;
    if (need > WASM_MAX_BYTES) throw new RangeError(`wasm dense products: ${m}×${n} does not fit in 4 GiB of wasm memory`);
    if (need > view.buffer.byteLength || view.buffer !== ex.memory.buffer) view = ensureMemory(ex.memory, need);
    if ((transient || placed >= 0) && entries > 0) view.set(a.subarray(0, entries), pa / 8);
    if (placed >= 0) {
      slot.offset = placed;
      slot.resident = true;
      slots.push(slot);
      slots.sort((p, q) => p.offset - q.offset);
    }
    slot.lastUse = ++clock;
    return [pa, ps];
  };

  return (a, m, n) => {
    if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0 || a.length < m * n) {
      throw new RangeError(`wasm dense products: bad shape ${m}×${n} for an array of length ${a.length}`);
    }
    const slot: Slot = { bytes: align64(8 * m * n), offset: 0, resident: false, lastUse: 0 };
    const product = (transposed: boolean, x: Float64Array, y: Float64Array): void => {
      const [lx, ly] = transposed ? [m, n] : [n, m];
      if (x.length !== lx || y.length !== ly) throw new RangeError(`wasm dense products: A is ${m}×${n}, x has ${x.length}, y ${y.length}`);
      const profiler = kernelProfiler();
      const t0 = profiler ? performance.now() : 0;
      const px0 = align64(8 * lx);
      const [pa, px] = enter(a, m, n, slot, px0 + 8 * ly);
      const py = px + px0;
      view.set(x, px / 8);
      if (transposed) ex.matTVec(pa, m, n, px, py);
      else ex.matVec(pa, m, n, px, py);
      y.set(view.subarray(py / 8, py / 8 + ly));
      profiler?.add('products', performance.now() - t0);
    };
    const rankK = (d: Float64Array | null, top: number, c: Float64Array): void => {
      if (c.length < n * n || (d !== null && d.length !== m)) throw new RangeError(`wasm dense products: A is ${m}×${n}, arrays too short`);
      if (top >= 0 && (d === null || !Number.isInteger(top) || top >= m)) throw new RangeError(`wasm dense products: bad centring row ${top} of ${m}`);
      if (n === 0) return;
      const profiler = kernelProfiler();
      const t0 = profiler ? performance.now() : 0;
      const oc = align64(8 * m);
      const omean = align64(oc + 8 * n * n);
      const ow = align64(omean + 8 * n);
      const [pa, ps] = enter(a, m, n, slot, ow + ex.rankKWorkBytes(n));
      if (d !== null) view.set(d, ps / 8);
      if (top >= 0) ex.rankKCentred(pa, ps, ps + oc, m, n, ps + ow, top, ps + omean);
      else ex.rankK(pa, d === null ? 0 : ps, ps + oc, m, n, ps + ow);
      c.set(view.subarray((ps + oc) / 8, (ps + oc) / 8 + n * n), 0);
      profiler?.add('rank-k', performance.now() - t0);
    };
    const products: WasmDenseProducts = {
      times: (x, y) => product(false, x, y),
      transposeTimes: (x, y) => product(true, x, y),
      gram: (d, c) => rankK(d, -1, c),
      centredGram: (d, top, c) => rankK(d, top, c),
    };
    forgotten.register(products, slot);
    return products;
  };
}

let defaults: WasmDenseProductsPrepare | null | undefined;

/**
 * The process's pool of resident matrices, on its own instance of the module (of `wasmVariant()`), so
 * that it never evicts the solver's resident systems from the default instance; null without wasm.
 */
export function loadWasmDenseProducts(): WasmDenseProductsPrepare | null {
  if (defaults !== undefined) return defaults;
  const variant = wasmVariant();
  const ex = variant === null ? null : instantiateLinalg(variant);
  defaults = ex === null ? null : denseProductsOn(ex);
  return defaults;
}
