import type { Oracle } from '../problems/oracle.js';
import type { Backend, BoundOracle } from './backend.js';

/**
 * A problem evaluated by its own float64 oracle at a point's float64 value, the results converted into
 * the backend (rounded to its precision where that is lower): every backend's evaluation of a problem
 * without a native one, and the cpu backend's for every problem (its conversions are copies).
 */
export function crossingOracle<V, M>(backend: Pick<Backend<V, M>, 'vector' | 'matrix'>, problem: Oracle): BoundOracle<V, M> {
  return {
    native: false,
    f: (p) => problem.f(p.x),
    grad(p) {
      const g = problem.grad(p.x);
      return { g, v: backend.vector(g) };
    },
    hess: (p) => backend.matrix(problem.hess(p.x)),
    evaluates: (oracle) => oracle === problem,
    release() {},
  };
}
