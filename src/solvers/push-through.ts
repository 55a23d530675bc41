import { cholesky, type CholeskyFactor, choleskySolve } from '../linalg/cholesky.js';
import { type Matrix, matrix, matTVec, matVec } from '../linalg/matrix.js';

/** the Cholesky factor of UUᵀ + BμI (R × R), null where it is not numerically positive definite */
function dualFactor(u: Matrix, batchSize: number, mu: number): CholeskyFactor | null {
  const r = u.rows;
  const n = u.cols;
  const gram = matrix(r, r);
  for (let i = 0; i < r; i++) {
    const ui = u.data.subarray(i * n, (i + 1) * n);
    for (let j = 0; j <= i; j++) {
      const uj = u.data.subarray(j * n, (j + 1) * n);
      let s = 0;
      for (let c = 0; c < n; c++) s += ui[c] * uj[c];
      gram.data[i * r + j] = s;
      gram.data[j * r + i] = s;
    }
    gram.data[i * r + i] += batchSize * mu;
  }
  const f = cholesky(gram);
  return f.ok ? f.factor : null;
}

/**
 * The push-through (Kalman) form of a damped curvature solve (docs/theory.md#natural-gradient-methods):
 * (UᵀU/B + μI)⁻¹q = (1/μ)(q − Uᵀ(UUᵀ + BμI)⁻¹Uq), which factors only the R × R matrix UUᵀ + BμI for
 * U with R rows (Woodbury; the Kalman update with prior covariance P = I/μ, observation noise B·I and
 * gain K = PUᵀ(UPUᵀ + BI)⁻¹, Ollivier 2018). Null where that matrix is not numerically positive definite.
 * For q near the row space of U and small μ the difference loses ~u‖q‖/μ: use pushThroughInnovationSolve there.
 */
export function pushThroughSolve(u: Matrix, batchSize: number, mu: number, q: Float64Array): Float64Array | null {
  const f = dualFactor(u, batchSize, mu);
  if (!f) return null;
  const back = matTVec(u, choleskySolve(f, matVec(u, q)));
  return q.map((v, i) => (v - back[i]) / mu);
}

/**
 * The same solve for q = Uᵀa given by its coefficients a on the rows of U (the Kalman update from the
 * innovation a): (UᵀU/B + μI)⁻¹Uᵀa = B·Uᵀ(UUᵀ + BμI)⁻¹a (the push-through identity), no difference of
 * nearly equal vectors, so that it stays accurate as μ → 0.
 */
export function pushThroughInnovationSolve(u: Matrix, batchSize: number, mu: number, a: Float64Array): Float64Array | null {
  const f = dualFactor(u, batchSize, mu);
  if (!f) return null;
  return matTVec(u, choleskySolve(f, a)).map((v) => batchSize * v);
}
