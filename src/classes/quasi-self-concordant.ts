import { axpy, dot } from '../linalg/vector.js';
import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant } from './membership-checks.js';
import { hessianScaleAt, lowCurvatureDirection, pointMoves, requireThird, samplePoint } from './point-probes.js';
import { probeSpace } from './probe-space.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type QuasiSelfConcordant = Extract<Membership, { class: 'quasi-self-concordant' }>;

function validate(m: QuasiSelfConcordant): void {
  requireConstant(m.M, 'M', 'quasi-self-concordant');
}

/** t* > 0 with e^t = 1 + 2t, by bisection on [1, 2] (e^t − 1 − 2t changes sign there): 1.2564312… */
export function qscRoot(): number {
  let lo = 1;
  let hi = 2;
  for (;;) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) return lo;
    if (Math.expm1(mid) - 2 * mid < 0) lo = mid;
    else hi = mid;
  }
}

export const T_STAR = qscRoot();

interface DirectionProbe {
  readonly x: Float64Array;
  readonly h: Float64Array;
}

/**
 * Samples (x, h) with ‖h‖_B = 1 and maximizes sup_v D³f(x)[h,h,v]/‖v‖ / (M⟨∇²f(x)h,h⟩ + τ) =
 * ‖D³f(x)[h,h]‖_* / (M⟨∇²f(x)h,h⟩ + τ) (the sup over v is the dual norm, attained at v = B⁻¹D³f(x)[h,h]).
 * Tight directions: generalized eigenvectors of ∇²f(x) (low curvature first); tight points: far
 * from x0 along h (where |ψ'''|/ψ'' → 1 for logistic- and cosh-type terms).
 */
export function qscSpotCheck(instance: Instance, m: QuasiSelfConcordant, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const third = requireThird(o, 'quasi-self-concordant', instance.name.family);
  const space = probeSpace(instance, options.seed);
  const { metric, rounding } = space;
  const scaleAt = hessianScaleAt(space, o);
  const eigenDirection = lowCurvatureDirection(space, o);
  const moves = pointMoves(space);
  const search = {
    sample: (k: number): DirectionProbe => {
      const x = samplePoint(space, k);
      return { x, h: k % 2 === 0 ? space.randomDirection() : eigenDirection(x) };
    },
    ratio(p: DirectionProbe): number {
      const observed = metric.dualNorm(third(p.x, p.h));
      const bound = m.M * dot(o.hvp(p.x, p.h), p.h);
      return ratioOf(observed, Math.max(0, bound) + rounding.absolute(m.M * scaleAt(p.x)));
    },
    moves: [
      (p: DirectionProbe) => ({ ...p, h: eigenDirection(p.x) }),
      (p: DirectionProbe, step: number) => ({ ...p, x: moves.along(p.x, p.h, step) }),
      (p: DirectionProbe, step: number) => {
        const h = space.normalize(axpy(0.5 * step, space.randomDirection(), p.h.slice()));
        return h ? { ...p, h } : null;
      },
      (p: DirectionProbe, step: number) => ({ ...p, x: moves.jitter(p.x, step) }),
      (p: DirectionProbe) => ({ ...p, x: moves.rescale(p.x) }),
    ],
  };
  return spotCheckResult(search, options, rounding, (p) => ({ x: p.x, direction: p.h }));
}

/**
 * Quasi-self-concordance. With the exact Hessian, ∇²f(x + sh) ⪯ e^{Ms‖h‖}∇²f(x) and the QSC
 * inequality give ‖r_x(h)‖_* ≤ M⟨∇²f(x)h,h⟩(e^c − 1 − c)/c², c = M‖h‖; on 𝒪_{x,g} the condition
 * reduces to (e^t − 1 − t)/t ≤ 1 at t = Mγ, i.e. e^t ≤ 1 + 2t:
 *   π(t) = t⋆ / M (constant in the gradient norm),  α = 0,  M₁ = M / t⋆,  t⋆ = 1.2564312.
 * No bound for H ≡ 0. Derivation: docs/classes.md.
 */
export const quasiSelfConcordant: SmoothnessClass<'quasi-self-concordant'> = {
  id: 'quasi-self-concordant',
  title: 'Quasi-self-concordant',
  definition: 'D^3 f(x)[h,h,v]\\le M\\|v\\|\\,\\langle\\nabla^2 f(x)h,h\\rangle\\quad\\forall x,h,v',
  source: 'Semenov, Jaggi, Doikov (arXiv:2506.13710), class and α = 0 [P]; π = t⋆ / M derived [R]; docs/classes.md',
  alpha(m) {
    validate(m);
    return 0;
  },
  lowerBound(_t, m, hessian: HessianKind) {
    validate(m);
    return hessian === 'zero' ? NaN : T_STAR / m.M;
  },
  spotCheck: qscSpotCheck,
};
