import type { HessianCertificate } from './hessian-model.js';

/**
 * ‖∇²f − (H + E)‖ ≤ ‖∇²f − H‖ + ‖E‖ (triangle inequality). Two bounds C1 + C2‖g‖^(1−β) add up when
 * their exponents agree or one has no ‖g‖ term; otherwise no single (C1, C2, β) bound follows.
 */
export function addErrorBounds(
  base: HessianCertificate,
  extra: { C1: number; C2: number; beta: number },
  psd: boolean,
  how: string,
): HessianCertificate {
  if (!base.certified) return { certified: false, psd, how: `${how}; uncertified because the base model is (${base.how})` };
  if (base.C2 !== 0 && extra.C2 !== 0 && base.beta !== extra.beta) {
    return { certified: false, psd, how: `${how}; uncertified: the base bound has β = ${base.beta}, the perturbation β = ${extra.beta}` };
  }
  const beta = base.C2 !== 0 ? base.beta : extra.beta;
  return { certified: true, C1: base.C1 + extra.C1, C2: base.C2 + extra.C2, beta, psd, how: `${how} (base: ${base.how})` };
}
