import type { Oracle } from '../problems/oracle.js';
import type { HessianModel } from './hessian-model.js';

/** H(x) = ∇²f(x). */
export function exactHessian(problem: Oracle, psd: boolean): HessianModel {
  return {
    id: 'exact',
    certificate: { certified: true, C1: 0, C2: 0, beta: 0, psd, how: 'H = ∇²f exactly' },
    at: (x) => ({ kind: 'dense', matrix: problem.hess(x) }),
  };
}
