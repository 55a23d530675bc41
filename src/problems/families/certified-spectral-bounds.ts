import { symmetricEigenvalues } from '../../linalg/eigen.js';
import { frobeniusNorm, type Matrix, matrix } from '../../linalg/matrix.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { norm2 } from '../../linalg/vector.js';

/**
 * Rigorous-in-practice bounds for certificate constants computed in float64. Each bound accounts for
 * the rounding of forming a matrix (Higham, Accuracy and Stability, Thm 3.5: a length-k dot product
 * errs by at most γ_k·|x|ᵀ|y|, γ_k = ku/(1 − ku)) and for the eigensolver's backward error
 * (eigen.ts: the computed eigenvalues are exact for A + E, ‖E‖₂ = O(n·u·‖A‖); the constant in O(·)
 * is taken as EIGEN_BACKWARD_CONSTANT·n·u·‖A‖_F, which the tests check against 40-digit eigenvalues).
 * Weyl's inequality turns both into an absolute enclosure of every eigenvalue.
 */
const U = 2 ** -53;
const EIGEN_BACKWARD_CONSTANT = 16;

function gamma(k: number): number {
  return (k * U) / (1 - k * U);
}

/** x rounded away from zero by two units in the last place's worth of relative error. */
export function roundedUp(x: number): number {
  return x + 2 * U * Math.abs(x);
}

export function roundedDown(x: number): number {
  return x - 2 * U * Math.abs(x);
}

export interface EigenvalueEnclosure {
  /** ≤ the smallest eigenvalue of the exact matrix */
  readonly min: number;
  /** ≥ the largest eigenvalue of the exact matrix */
  readonly max: number;
}

/**
 * Eigenvalue bounds of an exact symmetric matrix C from its float64 approximation `computed`, where
 * ‖C − computed‖_F ≤ `formingError` (0 when `computed` is C itself).
 */
export function eigenvalueEnclosure(computed: Matrix, formingError = 0): EigenvalueEnclosure {
  const n = computed.rows;
  const values = symmetricEigenvalues(computed);
  if (n === 0) return { min: Infinity, max: -Infinity };
  const margin = roundedUp(formingError + EIGEN_BACKWARD_CONSTANT * (n + 1) * U * frobeniusNorm(computed)) * (1 + 4 * U);
  return { min: roundedDown(values[0] - margin), max: roundedUp(values[n - 1] + margin) };
}

/**
 * Eigenvalue bounds of the exact Aᵀ·Diag(w)·A (w ≡ 1 when omitted). For w ≥ 0 the matrix is monotone
 * in w, so passing upper bounds of weights that were themselves rounded keeps `max` an upper bound.
 */
export function gramEigenvalueEnclosure(a: Matrix, w?: Float64Array): EigenvalueEnclosure {
  const computed = symmetricRankK(a, w);
  const absA = matrix(a.rows, a.cols, a.data.map(Math.abs));
  const absW = w ? w.map(Math.abs) : undefined;
  const g = gamma(a.rows + 2);
  // the products and sums of |A|ᵀ|W||A| have no cancellation: each entry is within (1 + γ) of exact
  const formingError = g * (1 + 2 * g) * frobeniusNorm(symmetricRankK(absA, absW));
  return eigenvalueEnclosure(computed, formingError);
}

/** ≥ ‖v‖₂ of the exact vector v (norm2 scales by max|vᵢ| and sums n squares). */
export function normUpperBound(v: Float64Array): number {
  return roundedUp(norm2(v) * (1 + gamma(v.length + 4)));
}
