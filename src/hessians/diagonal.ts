import { matrix } from '../linalg/matrix.js';
import type { Instance } from '../problems/instance.js';
import type { HessianModel } from './hessian-model.js';
import { hessianNormBound } from './hessian-norm-bound.js';

/**
 * H = Diag(∇²f(x)). With B = I, ‖Diag(A)‖₂ ≤ ‖A‖₂ gives ‖A − Diag(A)‖₂ ≤ 2‖A‖₂; in another metric no
 * such bound is proven here. Diag(A) ⪰ 0 when A ⪰ 0.
 */
export function diagonalHessian(instance: Instance): HessianModel {
  const o = instance.problem.oracle;
  const n = o.dim;
  const convex = instance.certificate.convexity === 'convex' || instance.certificate.convexity === 'strongly-convex';
  const bound = instance.metric.kind === 'identity' ? hessianNormBound(instance) : null;
  return {
    id: 'diagonal',
    certificate: bound
      ? { certified: true, C1: 2 * bound.C1, C2: 2 * bound.C2, beta: 0, psd: convex, how: `‖∇²f − Diag(∇²f)‖₂ ≤ 2‖∇²f‖₂, ${bound.how}` }
      : { certified: false, psd: convex, how: 'diagonal of the Hessian: no certified error bound in this metric' },
    at(x) {
      const h = o.hess(x);
      const d = matrix(n, n);
      for (let i = 0; i < n; i++) d.data[i * n + i] = h.data[i * n + i];
      return { kind: 'dense', matrix: d };
    },
  };
}
