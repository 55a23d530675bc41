import type { Matrix } from '../linalg/matrix.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { matrix } from '../linalg/matrix.js';
import { norm2 } from '../linalg/vector.js';
import type { Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { requireConstant, requireExponent } from './membership-checks.js';
import { type PairProbe, pairMoves, pairWitness, pairY, redirect, samplePair } from './pair-probes.js';
import { probeSpace } from './probe-space.js';
import type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';
import { ratioOf } from './rounding.js';
import { spotCheckResult } from './worst-case-search.js';

type HolderHessian = Extract<Membership, { class: 'holder-hessian' }>;

function validate(m: HolderHessian): void {
  requireExponent(m.nu, 0, 1, 'holder-hessian');
  requireConstant(m.L, 'L', 'holder-hessian');
}

function difference(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return values.some(Number.isNaN) ? NaN : m;
}

/**
 * Samples pairs (x, y = x + t·d) and maximizes ‖∇²f(y) − ∇²f(x)‖ / (L(‖y − x‖ + 2η)^ν + τ), with the
 * operator norm max|eig(B^{-½}(∇²f(y) − ∇²f(x))B^{-½})|. Tight directions: the top generalized
 * eigenvector of the Hessian difference (for a separable sum, the coordinate whose curvature changes
 * most); tight positions: large steps and pairs slid onto kinks of the Hessian.
 */
export function holderHessianSpotCheck(instance: Instance, m: HolderHessian, options: SpotCheckOptions): SpotCheckResult {
  validate(m);
  const o = instance.problem.oracle;
  const space = probeSpace(instance, options.seed);
  const { metric, rounding } = space;
  const whitenedHessians = (p: PairProbe) => [metric.whiten(o.hess(p.x)), metric.whiten(o.hess(pairY(p)))];
  const search = {
    sample: (k: number) =>
      samplePair(space, k, (x) => {
        const ge = space.generalizedEigen(o.hess(x));
        return ge.direction(space.next() < 0.5 ? 0 : space.n - 1);
      }),
    ratio(p: PairProbe): number {
      const [wx, wy] = whitenedHessians(p);
      const observed = maxAbs(symmetricEigenvalues(difference(wy, wx)));
      const scale = norm2(wx.data) + norm2(wy.data);
      const eta = rounding.pointError(metric.norm(p.x) + metric.norm(pairY(p)) + space.radius);
      const bound = m.L * (p.t + 2 * eta) ** m.nu;
      return ratioOf(observed, bound + rounding.absolute(scale));
    },
    moves: [
      ...pairMoves(space),
      (p: PairProbe) => {
        const ge = space.generalizedEigen(difference(o.hess(pairY(p)), o.hess(p.x)));
        const top = Math.abs(ge.values[0]) > Math.abs(ge.values[space.n - 1]) ? 0 : space.n - 1;
        return redirect(space, p, ge.direction(top));
      },
    ],
  };
  return spotCheckResult(search, options, rounding, pairWitness);
}

/**
 * Hölder-continuous Hessian of order ν ∈ [0, 1] (ν = 1: Lipschitz Hessian; ν = 0: bounded Hessian
 * variation). With the exact Hessian, ‖r_x(h)‖_* ≤ L‖h‖^{1+ν}/(1+ν) for every h (Taylor with the
 * integral remainder), so γ(x) ≥ γ as soon as Lγ^ν/(1+ν) ≤ ‖g‖_* / γ:
 *   π(t) = ((1+ν)t/L)^{1/(1+ν)},  α = 1/(1+ν),  M_{1−α} = (L/(1+ν))^{1/(1+ν)}.
 * ν = 1 gives the paper's √(2t/L); ν = 0 gives t/L. No bound for H ≡ 0 (the residual then contains
 * ∇²f(x)h, which this class does not bound). Derivations: docs/classes.md.
 */
export const holderHessian: SmoothnessClass<'holder-hessian'> = {
  id: 'holder-hessian',
  title: 'Hölder-continuous Hessian (ν = 1: Lipschitz Hessian; ν = 0: bounded Hessian variation)',
  definition: '\\|\\nabla^2 f(x)-\\nabla^2 f(y)\\|\\le L_{2,\\nu}\\|x-y\\|^{\\nu}\\quad\\forall x,y,\\qquad \\nu\\in[0,1]',
  source:
    'Semenov, Jaggi, Doikov (arXiv:2506.13710), class list and α = 1/(1+ν) [P]; π derived [R] (ν = 1 formula [P]); docs/classes.md',
  alpha(m) {
    validate(m);
    return 1 / (1 + m.nu);
  },
  lowerBound(t, m, hessian: HessianKind) {
    validate(m);
    if (hessian === 'zero') return NaN;
    return (((1 + m.nu) * t) / m.L) ** (1 / (1 + m.nu));
  },
  spotCheck: holderHessianSpotCheck,
};

/** The ν = 0 member of the Hölder-Hessian class: ‖∇²f(x) − ∇²f(y)‖ ≤ L (α = 1, π(t) = t/L). */
export const boundedHessianVariation = {
  id: 'holder-hessian',
  title: 'Bounded Hessian variation (Hölder Hessian with ν = 0)',
  definition: '\\|\\nabla^2 f(x)-\\nabla^2 f(y)\\|\\le L_{2,0}\\quad\\forall x,y',
  source: holderHessian.source,
  alpha: (m: HolderHessian) => holderHessian.alpha(requireBoundedVariation(m)),
  lowerBound: (t: number, m: HolderHessian, hessian: HessianKind) => holderHessian.lowerBound(t, requireBoundedVariation(m), hessian),
  spotCheck: (instance: Instance, m: HolderHessian, options: SpotCheckOptions) =>
    holderHessian.spotCheck(instance, requireBoundedVariation(m), options),
} as const satisfies SmoothnessClass<'holder-hessian'>;

function requireBoundedVariation(m: HolderHessian): HolderHessian {
  if (m.nu !== 0) throw new RangeError(`bounded Hessian variation is the Hölder-Hessian class with ν = 0, got ν = ${m.nu}`);
  return m;
}
