/**
 * The check's own dense solve of a record's system (C + μI)δ* = −q, C = UᵀU/B + l2·I from the record's
 * curvature rows, by Cholesky on fl(C + μI), with the derived bound on its forward error:
 * ‖δ_c − δ*‖ ≤ ‖r‖/λ_min(C + μI) ≤ (γ_{3n+1}tr(Â)‖δ_c‖/(1 − γ_{n+1}) + γ_{R+3}(‖U‖_F²/B + ‖A‖)‖δ_c‖)/(l2 + μ)
 * (natural-gradient-solve-rounding.ts; docs/theory.md#natural-gradient-push-through).
 */
import { solveSpd } from '../linalg/cholesky.js';
import { matrix } from '../linalg/matrix.js';
import { normUp } from './natural-gradient-records.js';
import { choleskySolveAllowance, formingAllowance } from './natural-gradient-solve-rounding.js';
import type { DampedSystem } from './natural-gradient-system.js';

export interface DenseReference {
  readonly delta: Float64Array;
  /** ≥ ‖delta − δ*‖ */
  readonly forwardError: number;
}

/** null where the system is not dense or fl(C + μI) is not numerically positive definite */
export function denseReferenceSolve(system: DampedSystem, l2: number, q: Float64Array): DenseReference | null {
  const s = system.structure;
  if (s.kind !== 'dense') return null;
  const { rows, batchSize } = s;
  const n = rows.cols;
  const a = matrix(n, n);
  for (let r = 0; r < rows.rows; r++) {
    const row = rows.data.subarray(r * n, (r + 1) * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] += row[i] * row[j];
  }
  const shift = l2 + system.tau;
  for (let i = 0; i < n * n; i++) a.data[i] /= batchSize;
  for (let i = 0; i < n; i++) a.data[i * n + i] += shift;
  const solved = solveSpd(a, q.map((v) => -v));
  if (!solved.ok) return null;
  const deltaNorm = normUp(solved.x);
  const residual = choleskySolveAllowance(system, deltaNorm) + formingAllowance(system, deltaNorm);
  return { delta: solved.x, forwardError: (residual / system.lambdaMinLower) * (1 + 2 ** -50) };
}
