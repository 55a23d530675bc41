import { frobeniusNorm, type Matrix, matMul, matrix, normInfMatrix, transpose } from '../linalg/matrix.js';

export interface NewtonSchulzResult {
  readonly inverse: Matrix;
  /** ‖I − A·X‖_F of the inverse returned (≥ ‖I − A·X‖₂, so ‖A·(−X·q) + q‖ ≤ residual·‖q‖) */
  readonly residual: number;
  /** ‖I − A·X_j‖_F for j = 0, 1, …: e_{j+1} ≤ e_j² in exact arithmetic, since I − A·X_{j+1} = (I − A·X_j)² */
  readonly residuals: readonly number[];
  readonly warmStart: boolean;
}

/** I − A·X */
export function residualMatrix(a: Matrix, x: Matrix): Matrix {
  const r = matMul(a, x);
  for (let i = 0; i < r.data.length; i++) r.data[i] = -r.data[i];
  for (let i = 0; i < a.rows; i++) r.data[i * a.rows + i] += 1;
  return r;
}

/**
 * A⁻¹ by the Newton–Schulz iteration X_{j+1} = X_j(2I − A·X_j) (Schulz 1933; Pan & Schreiber 1991),
 * quadratic once ‖I − A·X₀‖ < 1: X₀ is `previous` where ‖I − A·previous‖_F < 1, else Aᵀ/(‖A‖₁‖A‖_∞)
 * (Pan & Schreiber's start, ρ(I − A·X₀) < 1 for nonsingular A). Stops once ‖I − A·X‖_F ≤ tolerance,
 * when the residual stops decreasing (rounding), or after `maxIterations`; the last iterate whose
 * residual decreased is returned.
 */
export function newtonSchulzInverse(a: Matrix, options: { readonly previous: Matrix | null; readonly tolerance: number; readonly maxIterations: number }): NewtonSchulzResult {
  const n = a.rows;
  const warm = options.previous !== null && frobeniusNorm(residualMatrix(a, options.previous)) < 1;
  let x: Matrix;
  if (warm) x = options.previous as Matrix;
  else {
    const t = transpose(a);
    // ‖A‖₁ = ‖Aᵀ‖_∞
    const s = 1 / (normInfMatrix(t) * normInfMatrix(a));
    x = matrix(n, n, t.data.map((v) => v * s));
  }
  let r = residualMatrix(a, x);
  let e = frobeniusNorm(r);
  const residuals = [e];
  for (let j = 0; j < options.maxIterations && e > options.tolerance; j++) {
    // X(2I − AX) = X(I + R)
    for (let i = 0; i < n; i++) r.data[i * n + i] += 1;
    const next = matMul(x, r);
    const rNext = residualMatrix(a, next);
    const eNext = frobeniusNorm(rNext);
    residuals.push(eNext);
    if (!(eNext < e)) break;
    x = next;
    r = rNext;
    e = eNext;
  }
  return { inverse: x, residual: e, residuals, warmStart: warm };
}
