/**
 * Wrapped models and instances for the power checks: a Hessian model passed off as exact, an instance
 * with a false (too optimistic) certificate, and a model whose values are mis-scaled.
 */
import type { HessianModel, HessianValue } from '../../src/hessians/hessian-model.js';
import type { Membership } from '../../src/problems/certificate.js';
import type { Instance } from '../../src/problems/instance.js';

function timesValue(v: HessianValue, c: number): HessianValue {
  if (v.kind === 'zero') return v;
  if (v.kind === 'rank-one') return { kind: 'rank-one', alpha: c * v.alpha, v: v.v };
  return { kind: 'dense', matrix: { rows: v.matrix.rows, cols: v.matrix.cols, data: v.matrix.data.map((x) => c * x) } };
}

/** H = c·(the model's H), keeping the model's id and certificate (a false certificate when c ≠ 1). */
export function mislabelledScaledModel(base: HessianModel, c: number): HessianModel {
  return { id: base.id, certificate: base.certificate, at: (x, k) => timesValue(base.at(x, k), c) };
}

/** Every membership constant divided by `factor` (claims f smoother than proven): a false certificate. */
export function optimisticCertificate(instance: Instance, factor: number): Instance {
  const shrink = (m: Membership): Membership => {
    switch (m.class) {
      case 'holder-hessian':
      case 'lipschitz-gradient':
      case 'holder-third':
        return { ...m, L: m.L / factor };
      case 'quasi-self-concordant':
      case 'generalized-self-concordant':
        return { ...m, M: m.M / factor };
      case 'l0-l1-smooth':
        return { ...m, L0: m.L0 / factor, L1: m.L1 / factor };
    }
  };
  return { ...instance, certificate: { ...instance.certificate, memberships: instance.certificate.memberships.map(shrink) } };
}
