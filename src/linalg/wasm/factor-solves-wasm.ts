import { kernelProfiler } from '../kernel-profile.js';
import { align64, ensureMemory, instantiateLinalg, WASM_MAX_BYTES, wasmVariant } from './linalg-module.js';

/**
 * The triangular operations of one fixed Cholesky factor L (a metric's B = L·Lᵀ) on an instance of the
 * linalg module of its own, L copied in once: L⁻¹s, L⁻ᵀL⁻¹s and Lᵀh, each with the rounding of the JS
 * function it replaces (solveLowerInPlace, solveLowerTransposeInPlace, Metric.norm's Lᵀh) in both
 * builds, since neither build fuses these. L (n×n row-major, lower triangle read) is copied, so the
 * caller may reuse its array.
 */
export interface WasmFactorSolves {
  forward(s: Float64Array): Float64Array;
  solve(s: Float64Array): Float64Array;
  transposeTimes(h: Float64Array): Float64Array;
}

export function wasmFactorSolves(l: Float64Array, n: number): WasmFactorSolves | null {
  const variant = wasmVariant();
  const ex = variant === null ? null : instantiateLinalg(variant);
  if (ex === null) return null;
  const pl = ex.heapBase();
  const px = align64(pl + 8 * n * n);
  const py = align64(px + 8 * n);
  const end = py + 8 * n;
  if (end > WASM_MAX_BYTES) return null;
  const view = ensureMemory(ex.memory, end);
  view.set(l.subarray(0, n * n), pl / 8);
  const run = (s: Float64Array, op: () => void, out: number): Float64Array => {
    if (s.length !== n) throw new RangeError(`wasm factor solves: L is ${n}×${n}, the vector has ${s.length}`);
    const profiler = kernelProfiler();
    const t0 = profiler ? performance.now() : 0;
    view.set(s, px / 8);
    op();
    const result = view.slice(out / 8, out / 8 + n);
    profiler?.add('triangular', performance.now() - t0);
    return result;
  };
  return {
    forward: (s) => run(s, () => ex.solveLower(pl, n, px), px),
    solve: (s) =>
      run(
        s,
        () => {
          ex.solveLower(pl, n, px);
          ex.solveLowerTranspose(pl, n, px);
        },
        px,
      ),
    transposeTimes: (h) => run(h, () => ex.lowerTransposeTimes(pl, n, px, py), py),
  };
}
