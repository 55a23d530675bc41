import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant } from './membership-checks.js';
import { type PairProbe, pairMoves, pairWitness, pairY, redirect, samplePair } from './pair-probes.js';
import { along, probeSpace } from './probe-space.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type LipschitzGradient = Extract<Membership, { class: 'lipschitz-gradient' }>;

function validate(m: LipschitzGradient): void {
  requireConstant(m.L, 'L', 'lipschitz-gradient');
}

/**
 * Samples pairs (x, y = x + t·d) and maximizes ‖∇f(y) − ∇f(x)‖_* / (L(‖y − x‖ + 2η) + τ). Tight
 * directions: the top generalized eigenvector of ∇²f at the midpoint (the direction of largest
 * curvature along which the gradient moves fastest).
 */
export function lipschitzGradientSpotCheck(instance: Instance, m: LipschitzGradient, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const space = probeSpace(instance, options.seed);
  const { metric, rounding } = space;
  const topCurvature = (x: Float64Array): Float64Array => {
    const ge = space.generalizedEigen(o.hess(x));
    return ge.direction(Math.abs(ge.values[0]) > Math.abs(ge.values[space.n - 1]) ? 0 : space.n - 1);
  };
  const search = {
    sample: (k: number) => samplePair(space, k, topCurvature),
    ratio(p: PairProbe): number {
      const y = pairY(p);
      const gx = o.grad(p.x);
      const gy = o.grad(y);
      const diff = gy.map((v, i) => v - gx[i]);
      const observed = metric.dualNorm(diff);
      const points = metric.norm(p.x) + metric.norm(y) + space.radius;
      const scale = metric.dualNorm(gx) + metric.dualNorm(gy) + m.L * points;
      const bound = m.L * (p.t + 2 * rounding.pointError(points));
      return ratioOf(observed, bound + rounding.absolute(scale));
    },
    moves: [...pairMoves(space), (p: PairProbe) => redirect(space, p, topCurvature(along(p.x, p.t / 2, p.d)))],
  };
  return spotCheckResult(search, options, rounding, pairWitness);
}

/**
 * Lipschitz-continuous gradient, for first-order steps (H ≡ 0): r_x(h) = ∇f(x + h) − ∇f(x), so
 * ‖r_x(h)‖_* ≤ L‖h‖ ≤ ‖g‖_* ‖h‖ / γ whenever γ ≤ ‖g‖_* / L:
 *   π(t) = t/L,  α = 1,  M₀ = L.
 * With the exact Hessian, −L·B ⪯ ∇²f ⪯ L·B gives ‖∇²f(x + τh) − ∇²f(x)‖ ≤ 2L, hence ‖r_x(h)‖_* ≤ 2L‖h‖
 * and π(t) = t/(2L). Derivations: docs/classes.md.
 */
export const lipschitzGradient: SmoothnessClass<'lipschitz-gradient'> = {
  id: 'lipschitz-gradient',
  title: 'Lipschitz-continuous gradient (first-order methods, H ≡ 0)',
  definition: '\\|\\nabla f(x)-\\nabla f(y)\\|_*\\le L\\|x-y\\|\\quad\\forall x,y',
  source: 'Semenov, Jaggi, Doikov (arXiv:2506.13710), α = 1 for gradient-type methods [P]; π derived [R]; docs/classes.md',
  alpha(m) {
    validate(m);
    return 1;
  },
  lowerBound(t, m, hessian: HessianKind) {
    validate(m);
    return hessian === 'zero' ? t / m.L : t / (2 * m.L);
  },
  spotCheck: lipschitzGradientSpotCheck,
};
