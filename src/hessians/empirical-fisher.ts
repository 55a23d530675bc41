import { symmetricRankK } from '../linalg/rank-k.js';
import { norm2 } from '../linalg/vector.js';
import type { LogisticOracle } from '../problems/families/logistic.js';
import type { Instance } from '../problems/instance.js';
import type { HessianModel } from './hessian-model.js';

/**
 * Empirical Fisher for logistic regression (docs/theory.md#approximation-condition): H = (1/N)Σ∇ℓᵢ∇ℓᵢᵀ + ρI = (1/N)GᵀG + ρI ⪰ 0.
 * Its error (1/N)Σsᵢ(1 − 2sᵢ)aᵢaᵢᵀ has norm ≤ R²·(1/N)Σℓᵢ ≤ R²f(x), R = maxᵢ‖aᵢ‖₂ (docs/theory.md#approximation-condition),
 * so on the sublevel set {f ≤ f(x0)}, which holds every iterate of a monotone method, ‖E‖ ≤ R²f(x0):
 * C1 = R²f(x0), C2 = 0. (With f* and D known: C1 = R²f*, C2 = R²D, β = 0.)
 */
export function empiricalFisher(oracle: LogisticOracle, instance: Instance): HessianModel {
  const { features, rho } = oracle.data;
  const N = features.rows;
  const n = features.cols;
  let R = 0;
  for (let i = 0; i < N; i++) R = Math.max(R, norm2(features.data.subarray(i * n, (i + 1) * n)));
  const identity = instance.metric.kind === 'identity';
  const f0 = oracle.f(instance.x0);
  return {
    id: 'fisher',
    certificate: identity
      ? { certified: true, C1: R * R * f0, C2: 0, beta: 0, psd: true, how: `‖∇²f − H_F‖ ≤ R²f(x) ≤ R²f(x0) on the sublevel set of x0, R = ${R}` }
      : { certified: false, psd: true, how: 'empirical Fisher: the bound R²f(x) is proven for B = I only' },
    at(x) {
      const h = symmetricRankK(oracle.sampleGradients(x));
      for (let i = 0; i < h.data.length; i++) h.data[i] /= N;
      for (let i = 0; i < n; i++) h.data[i * n + i] += rho;
      return { kind: 'dense', matrix: h };
    },
  };
}
