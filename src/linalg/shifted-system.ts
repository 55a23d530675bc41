import { jsCholeskyKernel } from './cholesky-kernel.js';
import { FLOAT64_UNIT_ROUNDOFF } from './cholesky.js';
import { type KernelChoice, pickWasm } from './kernel-choice.js';
import { type Matrix, matVec } from './matrix.js';
import { solveLowerInPlace, solveLowerTransposeInPlace } from './triangular.js';
import { loadWasmShiftedSystem } from './wasm/cholesky-wasm.js';

export type ShiftedSolveResult =
  | { readonly ok: true; readonly x: Float64Array }
  | { readonly ok: false; readonly reason: 'not-positive-definite'; readonly pivot: number };

/**
 * (H + λB)·x = rhs for many λ with H and B fixed: what a regularized Newton search solves on every
 * trial of one outer iteration. Set up once by `prepareShifted`; each `solve` forms the lower triangle
 * of H + λB in a work array held by the system, factors it and solves, so that a trial allocates
 * nothing of size n² (only the solution vector).
 */
export interface ShiftedSystem {
  readonly n: number;
  readonly kernel: 'js' | 'wasm';
  /** x = (H + λB)⁻¹·rhs (rhs is not modified), or the first pivot that is not numerically positive */
  solve(lambda: number, rhs: Float64Array): ShiftedSolveResult;
  /** H·x: `matVec(h, x)`, on the wasm path with the H already in wasm memory (fused in the FMA build) */
  times(x: Float64Array): Float64Array;
}

/**
 * The system for symmetric H (n×n, full storage; the lower triangle is read) and B (null: B = I).
 * H and B are referenced, not copied: they must not change while the system is in use (nor B between
 * systems that share the same array: on the wasm path it is copied in again only when the array differs).
 *
 * The result is bit for bit that of `cholesky(metric.shifted(h, λ))` + `choleskySolve` with the same
 * kernel choice: the entries of H + λB are formed as H + λ·B (H + λ on the diagonal for B = I); the
 * pivot rule is that of `cholesky()` — dₖ = Lₖₖ² not positive when dₖ ≤ 8(n+1)·u·(H + λB)ₖₖ — and on
 * the wasm path the factor stays in wasm memory, where the triangular solves (f64x2 SIMD, the same
 * rounding as `solveLowerInPlace` / `solveLowerTransposeInPlace`) also run.
 */
export function prepareShifted(h: Matrix, b: Matrix | null, choice: KernelChoice = 'auto'): ShiftedSystem {
  const n = h.rows;
  if (h.cols !== n) throw new RangeError(`prepareShifted: H is ${n}×${h.cols}, not square`);
  if (b !== null && (b.rows !== n || b.cols !== n)) throw new RangeError(`prepareShifted: B is ${b.rows}×${b.cols}, H is ${n}×${n}`);
  const tol = 8 * (n + 1) * FLOAT64_UNIT_ROUNDOFF;
  const notPd = (pivot: number): ShiftedSolveResult => ({ ok: false, reason: 'not-positive-definite', pivot });
  const checkRhs = (rhs: Float64Array): void => {
    if (rhs.length !== n) throw new RangeError(`ShiftedSystem.solve: system is ${n}×${n}, rhs has ${rhs.length}`);
  };

  const wasm = pickWasm(choice, loadWasmShiftedSystem, 'shifted Cholesky solve');
  if (wasm) {
    const system = wasm(h.data, b === null ? null : b.data, n);
    return {
      n,
      kernel: 'wasm',
      times(x) {
        if (x.length !== n) throw new RangeError(`ShiftedSystem.times: system is ${n}×${n}, x has ${x.length}`);
        const y = new Float64Array(n);
        system.times(x, y);
        return y;
      },
      solve(lambda, rhs) {
        checkRhs(rhs);
        const x = new Float64Array(n);
        const info = system.solve(lambda, rhs, tol, x);
        return info >= 0 ? notPd(info) : { ok: true, x };
      },
    };
  }

  const H = h.data;
  const B = b === null ? null : b.data;
  const w = new Float64Array(n * n);
  const diagonal = (k: number, lambda: number): number => (B === null ? H[k * n + k] + lambda : H[k * n + k] + lambda * B[k * n + k]);
  return {
    n,
    kernel: 'js',
    times: (x) => matVec(h, x),
    solve(lambda, rhs) {
      checkRhs(rhs);
      for (let i = 0; i < n; i++) {
        const r = i * n;
        if (B === null) {
          for (let j = 0; j <= i; j++) w[r + j] = H[r + j];
          w[r + i] += lambda;
        } else {
          for (let j = 0; j <= i; j++) w[r + j] = H[r + j] + lambda * B[r + j];
        }
      }
      const failed = jsCholeskyKernel.factor(w, n);
      const scanned = failed >= 0 ? failed : n;
      for (let k = 0; k < scanned; k++) {
        const lkk = w[k * n + k];
        if (lkk * lkk <= tol * diagonal(k, lambda)) return notPd(k);
      }
      if (failed >= 0) return notPd(failed);
      const x = rhs.slice();
      solveLowerInPlace(w, n, x);
      solveLowerTransposeInPlace(w, n, x);
      return { ok: true, x };
    },
  };
}
