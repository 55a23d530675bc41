import { solveSpd } from '../linalg/cholesky.js';
import { metricOperatorNorm } from '../linalg/metric.js';
import { axpy } from '../linalg/vector.js';
import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant } from './membership-checks.js';
import { pointMoves, samplePoint } from './point-probes.js';
import { probeSpace } from './probe-space.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type L0L1Smooth = Extract<Membership, { class: 'l0-l1-smooth' }>;

function validate(m: L0L1Smooth): void {
  requireConstant(m.L0, 'L0', 'l0-l1-smooth');
  requireConstant(m.L1, 'L1', 'l0-l1-smooth');
}

/**
 * Samples points x and maximizes ‖∇²f(x)‖ / (L0 + L1‖∇f(x)‖_* + τ). Tight points: where the gradient
 * is small (the L0 term alone must cover the curvature), reached by damped Newton steps
 * x − θ∇²f(x)⁻¹∇f(x), and far points where ‖∇²f‖ and ‖∇f‖ grow together.
 */
export function l0l1SpotCheck(instance: Instance, m: L0L1Smooth, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const space = probeSpace(instance, options.seed);
  const { metric, rounding } = space;
  const moves = pointMoves(space);
  const newton = (x: Float64Array, theta: number): Float64Array | null => {
    const s = solveSpd(o.hess(x), o.grad(x));
    return s.ok ? space.clip(axpy(-theta, s.x, x.slice())) : null;
  };
  const search = {
    sample: (k: number) => samplePoint(space, k),
    ratio(x: Float64Array): number {
      const h = o.hess(x);
      const observed = metricOperatorNorm(h, metric);
      const g = metric.dualNorm(o.grad(x));
      const points = metric.norm(x) + space.radius;
      const scale = space.whitenedScale(h);
      return ratioOf(observed, m.L0 + m.L1 * g + rounding.absolute(scale + m.L1 * (g + scale * points)));
    },
    moves: [
      (x: Float64Array) => newton(x, 1),
      (x: Float64Array, step: number) => moves.jitter(x, step),
      (x: Float64Array) => newton(x, 0.5),
      (x: Float64Array) => moves.rescale(x),
    ],
  };
  return spotCheckResult(search, options, rounding, (x) => ({ x }));
}

/**
 * (L0, L1)-smoothness. Grönwall along x + τh gives ‖∇f(x + h) − ∇f(x)‖_* ≤ (L0 + L1‖∇f(x)‖_*)(e^{L1‖h‖} − 1)/L1
 * ≤ (e − 1)(L0 + L1‖∇f(x)‖_*)‖h‖ for L1‖h‖ ≤ 1; the exact Hessian adds ‖∇²f(x)h‖_* ≤ (L0 + L1‖∇f(x)‖_*)‖h‖.
 * Hence, at g = ∇f(x) only (not for an arbitrary normaliser g: docs/theory.md#class-lower-bounds),
 *   π(t) = [c·L0/t + c·L1]⁻¹,  c = e − 1 (H ≡ 0) or e (H = ∇²f),  α ∈ {1, 0},  M₀ = c·L0,  M₁ = c·L1
 * (the cap 1/L1 of the Grönwall step never binds: π(t) < 1/((e − 1)L1)). `alpha` is the smallest exponent
 * with a nonzero constant (the paper's eq. (10), docs/theory.md#notation): 0 when L1 > 0, else 1. Derivation: docs/classes.md.
 */
export const l0l1Smooth: SmoothnessClass<'l0-l1-smooth'> = {
  id: 'l0-l1-smooth',
  title: '(L0, L1)-smooth',
  definition: '\\|\\nabla^2 f(x)\\|\\le L_0+L_1\\|\\nabla f(x)\\|_*\\quad\\forall x',
  source:
    'Semenov, Jaggi, Doikov (arXiv:2506.13710), class [P]; π derived [R], valid at g = ∇f(x) only; docs/classes.md',
  alpha(m) {
    validate(m);
    return m.L1 > 0 ? 0 : 1;
  },
  lowerBound(t, m, hessian: HessianKind) {
    validate(m);
    const c = hessian === 'zero' ? Math.E - 1 : Math.E;
    return 1 / ((c * m.L0) / t + c * m.L1);
  },
  spotCheck: l0l1SpotCheck,
};
