import { allRows, type SupervisedModel } from '../problems/supervised-model.js';
import { curvatureMatrix } from '../problems/curvature.js';
import type { HessianModel } from './hessian-model.js';

/**
 * The full-batch generalized Gauss–Newton matrix of a supervised model, H = (1/N)Σᵢ Jᵢᵀ∇²_pℓ(pᵢ)Jᵢ + l2·I
 * (src/problems/curvature.ts): the expected Fisher of the three output losses, PSD. Where p is affine in
 * x (a GLM) ∇²f = H exactly, since the dropped term Σᵢ ∂ℓ/∂p·∇²pᵢ vanishes; elsewhere no error bound is
 * proven. With it, Algorithm 1 is the α = 1 member (λ = ‖g‖_* ÷ γ) of the damping family μ = c‖g‖^α whose
 * α = 2 member is RING (docs/theory.md#natural-gradient-damped-system).
 */
export function generalizedGaussNewton(model: SupervisedModel): HessianModel {
  const rows = allRows(model);
  return {
    id: 'ggn',
    certificate: model.linearOutputs
      ? { certified: true, C1: 0, C2: 0, beta: 0, psd: true, how: 'outputs affine in x (a generalized linear model): the GGN + l2·I is ∇²f exactly' }
      : { certified: false, psd: true, how: 'GGN of a model nonlinear in x: the dropped term Σᵢ ∂ℓ/∂p·∇²pᵢ is not bounded' },
    at: (x) => ({ kind: 'dense', matrix: curvatureMatrix(model, x, { kind: 'ggn', rows, labels: null }) }),
  };
}
