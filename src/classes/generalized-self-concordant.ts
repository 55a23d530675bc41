import { axpy, dot } from '../linalg/vector.js';
import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant, requireExponent } from './membership-checks.js';
import { hessianScaleAt, lowCurvatureDirection, pointMoves, requireThird, samplePoint } from './point-probes.js';
import { probeSpace } from './probe-space.js';
import { T_STAR } from './quasi-self-concordant.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type GeneralizedSelfConcordant = Extract<Membership, { class: 'generalized-self-concordant' }>;

function validate(m: GeneralizedSelfConcordant): void {
  requireExponent(m.nu, 2, 3, 'generalized-self-concordant');
  requireConstant(m.M, 'M', 'generalized-self-concordant');
}

interface TripleProbe {
  readonly x: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

/**
 * Samples (x, u, v) with ‖u‖_B = ‖v‖_B = 1 and maximizes
 * |D³f(x)[u,u,v]| / (M⟨∇²f(x)u,u⟩‖v‖_x^{ν−2}‖v‖^{3−ν} + τ), ‖v‖_x = ⟨∇²f(x)v,v⟩^½. Tight
 * directions: generalized eigenvectors of ∇²f(x), v = u, and v = B⁻¹D³f(x)[u,u] (the v maximizing the
 * numerator for ν = 2).
 */
export function gscSpotCheck(instance: Instance, m: GeneralizedSelfConcordant, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const third = requireThird(o, 'generalized-self-concordant', instance.name.family);
  const space = probeSpace(instance, options.seed);
  const { rounding } = space;
  const scaleAt = hessianScaleAt(space, o);
  const eigenDirection = lowCurvatureDirection(space, o);
  const perturbed = (d: Float64Array, step: number) => space.normalize(axpy(0.5 * step, space.randomDirection(), d.slice()));
  const moves = pointMoves(space);
  const search = {
    sample: (k: number): TripleProbe => {
      const x = samplePoint(space, k);
      const u = k % 2 === 0 ? space.randomDirection() : eigenDirection(x);
      return { x, u, v: k % 4 < 2 ? u : space.randomDirection() };
    },
    ratio(p: TripleProbe): number {
      const observed = Math.abs(dot(third(p.x, p.u), p.v));
      const uu = Math.max(0, dot(o.hvp(p.x, p.u), p.u));
      const vv = Math.max(0, dot(o.hvp(p.x, p.v), p.v));
      const bound = m.M * uu * vv ** ((m.nu - 2) / 2);
      return ratioOf(observed, bound + rounding.absolute(m.M * scaleAt(p.x) ** (m.nu / 2)));
    },
    moves: [
      (p: TripleProbe) => {
        const u = eigenDirection(p.x);
        return { ...p, u, v: u };
      },
      (p: TripleProbe) => {
        const v = space.dualDirection(third(p.x, p.u));
        return v ? { ...p, v } : null;
      },
      (p: TripleProbe, step: number) => ({ ...p, x: moves.along(p.x, p.u, step) }),
      (p: TripleProbe, step: number) => {
        const u = perturbed(p.u, step);
        return u ? { ...p, u } : null;
      },
      (p: TripleProbe, step: number) => {
        const v = perturbed(p.v, step);
        return v ? { ...p, v } : null;
      },
      (p: TripleProbe, step: number) => ({ ...p, x: moves.jitter(p.x, step) }),
      (p: TripleProbe) => ({ ...p, x: moves.rescale(p.x) }),
      (p: TripleProbe) => ({ ...p, v: eigenDirection(p.x) }),
    ],
  };
  return spotCheckResult(search, options, rounding, (p) => ({ x: p.x, direction: p.u, y: p.v }));
}

/**
 * Generalized self-concordance (Sun & Tran-Dinh, "Generalized self-concordant functions: a recipe
 * for Newton-type methods", Math. Program. 178 (2019), Definition 2), adopted for ν ∈ [2, 3] with
 * the Euclidean norm replaced by ‖·‖_B:
 *   |D³f(x)[u,u,v]| ≤ M⟨∇²f(x)u,u⟩‖v‖_x^{ν−2}‖v‖^{3−ν},  ‖v‖_x = ⟨∇²f(x)v,v⟩^½.
 * ν = 2 is quasi-self-concordance, so π(t) = t⋆ / M and α = 0 there. For ν ∈ (2, 3] no π(‖g‖_*)
 * exists: on x > 0 the function with f''(x) = x^{−q}, q = 2/(ν − 2), is (M = q, ν)-GSC (ν = 3:
 * f = −log x, M = 2, where γ(x) = 2x = 2/|f'(x)| exactly); it is homogeneous, so γ(x) = c·x while
 * |f'(x)| = x^{1−q}/(q − 1) → ∞ as x → 0: γ → 0 as ‖g‖ → ∞, which no π(t) = (Σ Mᵢt^{−αᵢ})⁻¹ with
 * αᵢ ∈ [0, 1] allows. lowerBound and alpha return NaN there; see
 * docs/classes.md for the computation.
 */
export const generalizedSelfConcordant: SmoothnessClass<'generalized-self-concordant'> = {
  id: 'generalized-self-concordant',
  title: 'Generalized self-concordant (Sun & Tran-Dinh 2019), ν ∈ [2, 3]',
  definition:
    '|D^3 f(x)[u,u,v]|\\le M_f\\,\\langle\\nabla^2 f(x)u,u\\rangle\\,\\|v\\|_x^{\\nu-2}\\,\\|v\\|^{3-\\nu},\\quad \\|v\\|_x=\\langle\\nabla^2 f(x)v,v\\rangle^{1/2},\\ \\nu\\in[2,3]',
  source:
    'T. Sun, Q. Tran-Dinh, Generalized self-concordant functions: a recipe for Newton-type methods, Math. Program. 178 (2019) 145–213, Definition 2 (norm ‖·‖ taken from B); the paper (arXiv:2506.13710) states 0 < α ≤ ½ without a recoverable π; docs/classes.md',
  alpha(m) {
    validate(m);
    return m.nu === 2 ? 0 : NaN;
  },
  lowerBound(_t, m, hessian: HessianKind) {
    validate(m);
    return m.nu === 2 && hessian === 'exact' ? T_STAR / m.M : NaN;
  },
  spotCheck: gscSpotCheck,
};
