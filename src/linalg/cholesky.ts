import { type CholeskyKernel, jsCholeskyKernel } from './cholesky-kernel.js';
import { type Matrix, matrix } from './matrix.js';
import { solveLowerInPlace, solveLowerTransposeInPlace } from './triangular.js';
import { type KernelChoice, pickWasm } from './kernel-choice.js';
import { loadWasmCholeskyKernel } from './wasm/cholesky-wasm.js';

/** Unit roundoff of float64. */
export const FLOAT64_UNIT_ROUNDOFF = 2 ** -53;

/** A successful factorization A = L·Lᵀ; `l` is row-major n×n with zeros above the diagonal. */
export interface CholeskyFactor {
  readonly n: number;
  readonly l: Float64Array;
}

export type CholeskyResult =
  | { readonly ok: true; readonly factor: CholeskyFactor; readonly kernel: CholeskyKernel['name'] }
  | {
      readonly ok: false;
      readonly reason: 'not-positive-definite';
      /** index of the first pivot found not numerically positive */
      readonly pivot: number;
      readonly kernel: CholeskyKernel['name'];
    };

export type { KernelChoice } from './kernel-choice.js';

/** The kernel used for `choice`: 'auto' is wasm SIMD when it loads, else the JS reference. */
export function choleskyKernel(choice: KernelChoice = 'auto'): CholeskyKernel {
  return pickWasm(choice, loadWasmCholeskyKernel, 'Cholesky') ?? jsCholeskyKernel;
}

/**
 * Cholesky factorization of the symmetric matrix whose lower triangle is in `a` (a is not modified).
 *
 * A pivot dₖ = Lₖₖ² counts as not positive when dₖ ≤ 8(n+1)·u·aₖₖ (or dₖ ≤ 0, or not finite). The
 * rounding error of a computed pivot is about γ_{k+1}·Σⱼ lₖⱼ² ≈ (k+1)·u·aₖₖ (Higham, Accuracy and
 * Stability, Thm 10.3), so a pivot that is zero in exact arithmetic lands below the threshold; and
 * since dₖ ≥ λ_min(A) and aₖₖ ≤ λ_max(A), every SPD matrix with κ(A) < 1/(8(n+1)·u) passes
 * (κ up to 1.4e12 at n = 800).
 */
export function cholesky(a: Matrix, choice: KernelChoice = 'auto'): CholeskyResult {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`cholesky: matrix is ${n}×${a.cols}, not square`);
  const kernel = choleskyKernel(choice);
  const l = new Float64Array(n * n);
  const src = a.data;
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j <= i; j++) l[r + j] = src[r + j];
  }
  const failed = kernel.factor(l, n);
  const tol = 8 * (n + 1) * FLOAT64_UNIT_ROUNDOFF;
  const scanned = failed >= 0 ? failed : n;
  for (let k = 0; k < scanned; k++) {
    const lkk = l[k * n + k];
    if (lkk * lkk <= tol * src[k * n + k]) {
      return { ok: false, reason: 'not-positive-definite', pivot: k, kernel: kernel.name };
    }
  }
  if (failed >= 0) return { ok: false, reason: 'not-positive-definite', pivot: failed, kernel: kernel.name };
  return { ok: true, factor: { n, l }, kernel: kernel.name };
}

/** x = A⁻¹·b from the factor of A (b is not modified). */
export function choleskySolve(factor: CholeskyFactor, b: Float64Array): Float64Array {
  if (b.length !== factor.n) throw new RangeError(`choleskySolve: factor is ${factor.n}×${factor.n}, b has ${b.length}`);
  const x = b.slice();
  solveLowerInPlace(factor.l, factor.n, x);
  solveLowerTransposeInPlace(factor.l, factor.n, x);
  return x;
}

export type SpdSolveResult =
  | { readonly ok: true; readonly x: Float64Array; readonly factor: CholeskyFactor }
  | { readonly ok: false; readonly reason: 'not-positive-definite'; readonly pivot: number };

/** Solve A·x = b for symmetric positive definite A (lower triangle read). */
export function solveSpd(a: Matrix, b: Float64Array, choice: KernelChoice = 'auto'): SpdSolveResult {
  const f = cholesky(a, choice);
  if (!f.ok) return { ok: false, reason: f.reason, pivot: f.pivot };
  return { ok: true, x: choleskySolve(f.factor, b), factor: f.factor };
}

/** The factor as a Matrix (for diagnostics and tests). */
export function factorMatrix(factor: CholeskyFactor): Matrix {
  return matrix(factor.n, factor.n, factor.l);
}
