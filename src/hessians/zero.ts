import type { HessianModel } from './hessian-model.js';

/** H ≡ 0: GNS becomes the gradient-normalized gradient method x⁺ = x − B⁻¹g/λ (docs/theory.md#envelope-lipschitz-gradient). */
export function zeroHessian(): HessianModel {
  return {
    id: 'zero',
    certificate: { certified: false, psd: true, how: 'H ≡ 0; its error ‖∇²f‖ is bounded only through the class (e.g. Lipschitz gradient)' },
    at: () => ({ kind: 'zero' }),
  };
}
