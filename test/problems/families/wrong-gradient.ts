import type { Oracle } from '../../../src/problems/oracle.js';

/** The oracle with ∂f/∂x₀ scaled by 1.01: a deliberately wrong gradient the self-checks must catch. */
export function withWrongGradient(o: Oracle): Oracle {
  return {
    dim: o.dim,
    f: (x) => o.f(x),
    grad(x) {
      const g = o.grad(x);
      g[0] *= 1.01;
      return g;
    },
    hess: (x) => o.hess(x),
    hvp: (x, v) => o.hvp(x, v),
  };
}
