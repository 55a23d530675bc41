import { axpy, dot } from '../linalg/vector.js';
import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant, requireExponent } from './membership-checks.js';
import { type PairProbe, pairMoves, pairWitness, pairY, redirect, samplePair } from './pair-probes.js';
import { requireThird } from './point-probes.js';
import { type ProbeSpace, probeSpace } from './probe-space.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type HolderThird = Extract<Membership, { class: 'holder-third' }>;

/** shifted power iterations per estimate of sup_h |T[h,h,h]| */
const POWER_STEPS = 4;

function validate(m: HolderThird): void {
  requireExponent(m.nu, 0, 1, 'holder-third');
  requireConstant(m.L, 'L', 'holder-third');
}

/** ½c_ν(1+ν)^{−1/(1+ν)}κ^{(2+ν)/(1+ν)} + κ^{2+ν}/((1+ν)(2+ν)), c_ν = (1+ν)ν^{−ν/(1+ν)} (docs/classes.md) */
function kappaEquation(nu: number, kappa: number): number {
  const c = (1 + nu) * nu ** (-nu / (1 + nu));
  return 0.5 * c * (1 + nu) ** (-1 / (1 + nu)) * kappa ** ((2 + nu) / (1 + nu)) + kappa ** (2 + nu) / ((1 + nu) * (2 + nu));
}

/**
 * κ_ν: the root κ > 0 of kappaEquation(ν, κ) = 1, by bisection (the left side increases from 0 to ∞
 * and exceeds 1 at κ = 2 for every ν ∈ [0, 1]). κ₀ = 1, κ_½ = 1.00651, κ₁ = 1.07787.
 */
export function holderThirdKappa(nu: number): number {
  requireExponent(nu, 0, 1, 'holderThirdKappa');
  let lo = 0;
  let hi = 2;
  while (hi - lo > 4 * Number.EPSILON * hi) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (kappaEquation(nu, mid) < 1) lo = mid;
    else hi = mid;
  }
  return lo;
}

interface TrilinearEstimate {
  readonly value: number;
  readonly h: Float64Array;
  readonly scale: number;
}

/** sup over B-unit h of |T[h,h,h]|, T = D³f(y) − D³f(x): best of a few starts, then shifted power steps h ← B⁻¹T[h,h]·sign + |T[h,h,h]|·h. */
function trilinearNorm(
  third: (x: Float64Array, v: Float64Array) => Float64Array,
  space: ProbeSpace,
  x: Float64Array,
  y: Float64Array,
  starts: readonly Float64Array[],
): TrilinearEstimate {
  const form = (h: Float64Array) => {
    const tx = third(x, h);
    const ty = third(y, h);
    const t = ty.map((v, i) => v - tx[i]);
    return { t, value: dot(t, h), scale: space.metric.dualNorm(tx) + space.metric.dualNorm(ty) };
  };
  let best: TrilinearEstimate | null = null;
  let bestT: Float64Array | null = null;
  for (const h of starts) {
    const f = form(h);
    if (best === null || Math.abs(f.value) > Math.abs(best.value)) {
      best = { value: f.value, h, scale: f.scale };
      bestT = f.t;
    }
  }
  let current = best as TrilinearEstimate;
  let t = bestT as Float64Array;
  for (let k = 0; k < POWER_STEPS; k++) {
    const sign = current.value < 0 ? -1 : 1;
    const h = space.normalize(axpy(Math.abs(current.value), current.h, space.metric.solve(t).map((v) => sign * v)));
    if (!h) break;
    const f = form(h);
    current = { value: f.value, h, scale: f.scale };
    t = f.t;
    if (Math.abs(current.value) > Math.abs((best as TrilinearEstimate).value)) best = current;
  }
  return best as TrilinearEstimate;
}

/**
 * Samples pairs (x, y = x + t·d) and maximizes ‖D³f(y) − D³f(x)‖ / (L(‖y − x‖ + 2η)^ν + τ), the norm of
 * the symmetric trilinear form being sup_{‖h‖=1}|D³f(y)[h,h,h] − D³f(x)[h,h,h]| (Banach: equal to the
 * multilinear norm for a Euclidean ‖·‖_B), estimated from h ∈ {x − y direction, the best h so far, a
 * random h} refined by shifted power steps. Tight steps: along the best h; pairs slid to straddle a
 * kink symmetrically (ψ''' odd) are found by the slide move.
 */
export function holderThirdSpotCheck(instance: Instance, m: HolderThird, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const third = requireThird(o, 'holder-third', instance.name.family);
  const space = probeSpace(instance, options.seed);
  const { metric, rounding } = space;
  const found = new WeakMap<PairProbe, Float64Array>();
  const search = {
    sample: (k: number) =>
      samplePair(space, k, (x) => {
        const ge = space.generalizedEigen(o.hess(x));
        return ge.direction(Math.floor(space.next() * space.n));
      }),
    ratio(p: PairProbe): number {
      const y = pairY(p);
      const starts = [p.d, space.randomDirection(), ...(p.h ? [p.h] : [])];
      const est = trilinearNorm(third, space, p.x, y, starts);
      found.set(p, est.h);
      const points = metric.norm(p.x) + metric.norm(y) + space.radius;
      const bound = m.L * (p.t + 2 * rounding.pointError(points)) ** m.nu;
      return ratioOf(Math.abs(est.value), bound + rounding.absolute(est.scale + m.L * points ** m.nu));
    },
    moves: [
      ...pairMoves(space),
      (p: PairProbe) => {
        const h = found.get(p);
        if (!h) return null;
        const q = redirect(space, p, h);
        return q ? { ...q, h } : null;
      },
    ],
  };
  return spotCheckResult(search, options, rounding, (p) => ({ ...pairWitness(p), direction: found.get(p) ?? p.d }));
}

/**
 * Hölder-continuous third derivative of order ν for convex f. With the exact Hessian, on 𝒪_{x,g}
 * (where ⟨∇²f(x)h,h⟩ ≤ ‖g‖_* ‖h‖) the Taylor remainder and the convexity bound on D³f(x)[h,h] give
 * γ(x) ≥ κ_ν(‖g‖_* / L)^{1/(2+ν)}:
 *   π(t) = κ_ν(t/L)^{1/(2+ν)},  α = 1/(2+ν),  M_{1−α} = L^{1/(2+ν)}/κ_ν,
 * κ_ν from `holderThirdKappa`. No bound for H ≡ 0. Derivation: docs/classes.md.
 */
export const holderThird: SmoothnessClass<'holder-third'> = {
  id: 'holder-third',
  title: 'Hölder-continuous third derivative (convex f)',
  definition: 'f\\ \\text{convex},\\quad \\|D^3 f(x)-D^3 f(y)\\|\\le L_{3,\\nu}\\|x-y\\|^{\\nu}\\quad\\forall x,y,\\qquad \\nu\\in[0,1]',
  source: 'Semenov, Jaggi, Doikov (arXiv:2506.13710), class and α = 1/(2+ν) [P]; π and κ_ν derived [R]; docs/classes.md',
  alpha(m) {
    validate(m);
    return 1 / (2 + m.nu);
  },
  lowerBound(t, m, hessian: HessianKind) {
    validate(m);
    if (hessian === 'zero') return NaN;
    return holderThirdKappa(m.nu) * (t / m.L) ** (1 / (2 + m.nu));
  },
  spotCheck: holderThirdSpotCheck,
};
