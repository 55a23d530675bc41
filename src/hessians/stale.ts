import { membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import type { HessianModel, HessianValue } from './hessian-model.js';

/**
 * A stale Hessian: H(x_k) = H₀(x_j) with j = k − (k mod m), recomputed every m iterations.
 * Certified error: for convex f with a Lipschitz gradient, 0 ⪯ ∇²f ⪯ L·B everywhere, so
 * ‖∇²f(x) − ∇²f(y)‖ ≤ L; with a bounded Hessian variation (Hölder ν = 0) it is ≤ L_{2,0}.
 */
export function staleHessian(base: HessianModel, instance: Instance, every: number): HessianModel {
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError('stale Hessian: the refresh period must be a positive integer');
  const exactBase = base.certificate.certified && base.certificate.C1 === 0 && base.certificate.C2 === 0;
  const convex = instance.certificate.convexity === 'convex' || instance.certificate.convexity === 'strongly-convex';
  const lip = convex ? membership(instance.certificate, 'lipschitz-gradient').map((m) => m.L) : [];
  const variation = membership(instance.certificate, 'holder-hessian').filter((m) => m.nu === 0).map((m) => m.L);
  const C1 = Math.min(...lip, ...variation);
  const how = `Hessian refreshed every ${every} iterations`;
  let cached: { iteration: number; value: HessianValue } | null = null;
  return {
    id: `${base.id}+stale(every=${every})`,
    certificate: exactBase && Number.isFinite(C1)
      ? { certified: true, C1, C2: 0, beta: 0, psd: base.certificate.psd, how: `${how}: ‖∇²f(x) − ∇²f(y)‖ ≤ ${C1} (${lip.length ? 'convex, Lipschitz gradient' : 'bounded Hessian variation'})` }
      : { certified: false, psd: base.certificate.psd, how: `${how}: no certified bound on the variation of ∇²f` },
    at(x, iteration) {
      const refresh = iteration - (iteration % every);
      if (!cached || cached.iteration !== refresh || iteration < cached.iteration) cached = { iteration: refresh, value: base.at(x, iteration) };
      return cached.value;
    },
  };
}
