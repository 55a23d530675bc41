import type { Instance } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { HessianModel } from './hessian-model.js';

/** H(x) = ∇²f(x); PSD when the instance is proven convex. */
export function exactHessianOf(instance: Instance): HessianModel {
  const c = instance.certificate.convexity;
  return exactHessian(instance.problem, c === 'convex' || c === 'strongly-convex');
}

/** H(x) = ∇²f(x) of an oracle; `psd` says whether that is proven. Formed by the backend where it evaluates this problem natively. */
export function exactHessian(problem: Oracle, psd: boolean): HessianModel {
  return {
    id: 'exact',
    certificate: { certified: true, C1: 0, C2: 0, beta: 0, psd, how: 'H = ∇²f exactly' },
    at: (x) => ({ kind: 'dense', matrix: problem.hess(x) }),
    onBackend: (_backend, oracle, point) => (oracle.native && oracle.evaluates(problem) ? oracle.hess(point) : null),
  };
}
