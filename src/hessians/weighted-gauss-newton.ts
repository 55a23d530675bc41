import type { Metric } from '../linalg/metric.js';
import { symmetricRankK } from '../linalg/rank-k.js';
import type { LogSumExpOracle } from '../problems/families/logsumexp.js';
import type { HessianModel } from './hessian-model.js';

/**
 * Weighted Gauss–Newton for LogSumExp (docs/theory.md#approximation-condition): H = (1/μ)·AᵀDiag(π)A = ∇²f + (1/μ)∇f∇fᵀ ⪰ ∇²f.
 * The error is the rank-one (1/μ)ggᵀ with ‖·‖ = a²/μ, a = ‖Aᵀπ‖_* ≤ maxᵢ‖aᵢ‖_* =: R over the simplex
 * (a norm is convex), so ‖∇²f − H‖ ≤ (R/μ)·a: C1 = 0, C2 = R/μ, β = 0. (In the reference setup with
 * B = A₀ᵀA₀ and shifted rows, R ≤ √2: docs/theory.md#approximation-condition.)
 */
export function weightedGaussNewton(oracle: LogSumExpOracle, metric: Metric): HessianModel {
  const { A, mu } = oracle;
  const n = A.cols;
  let R = 0;
  for (let i = 0; i < A.rows; i++) R = Math.max(R, metric.dualNorm(A.data.slice(i * n, (i + 1) * n)));
  return {
    id: 'weighted-gauss-newton',
    certificate: { certified: true, C1: 0, C2: R / mu, beta: 0, psd: true, how: `‖E‖ = a²/μ and a ≤ maxᵢ‖aᵢ‖_* = ${R} (docs/theory.md#approximation-condition)` },
    at(x) {
      const pi = oracle.weights(x);
      const h = symmetricRankK(A, pi);
      if (mu !== 1) for (let i = 0; i < h.data.length; i++) h.data[i] /= mu; // x / 1 = x exactly
      return { kind: 'dense', matrix: h };
    },
  };
}
