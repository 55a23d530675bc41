import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * The quartic strict-saddle sum f(x) = Σ_{i<p} (xᵢ⁴/4 − xᵢ²/2) + Σ_{i≥p} (xᵢ⁴/4 + xᵢ²/2) (in 2-D with p = 1 the toy of Bodard & Patrinos 2025): ∇f = (xᵢ³ ∓ xᵢ),
 * ∇²f = Diag(3xᵢ² ∓ 1), D³f[v, v] = (6xᵢvᵢ²), with − on the p unstable coordinates.
 */
export function quarticSaddleOracle(n: number, unstable: number): Oracle {
  const sign = (i: number) => (i < unstable ? -1 : 1);
  const curvature = (x: Float64Array) => x.map((t, i) => 3 * t * t + sign(i));
  return {
    dim: n,
    f(x) {
      if (!allFinite(x)) return NaN;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const t2 = x[i] * x[i];
        s += t2 * (t2 / 4 + sign(i) / 2);
      }
      return s;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      return x.map((t, i) => t * (t * t + sign(i)));
    },
    // the summands of t(t² ∓ 1): a few u of |t|³ + |t| is the rounding of each component
    gradMagnitude(x) {
      return x.map((t) => Math.abs(t) * (t * t + 1));
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const d = curvature(x);
      const h = matrix(n, n);
      for (let i = 0; i < n; i++) h.data[i * n + i] = d[i];
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const d = curvature(x);
      return v.map((vi, i) => d[i] * vi);
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      return v.map((vi, i) => 6 * x[i] * vi * vi);
    },
  };
}

/**
 * sup_t (|p''(t)| − |p'(t)|) over both pieces, for ‖∇²f‖ ≤ L0 + ‖∇f‖. Unstable p = t⁴/4 − t²/2: on
 * t ≥ 1 it is −t³ + 3t² + t − 1, stationary at t = 1 + 2/√3, value 2 + 16√3/9 = 5.07920143…; on
 * [1/√3, 1] it rises to 2, on [0, 1/√3] it falls from 1. Stable p = t⁴/4 + t²/2: −t³ + 3t² − t + 1,
 * stationary at 1 ± √(2/3), maxima 1 (t = 0) and 2 + (4/3)√(2/3) = 3.08866…. Both even in t.
 */
export const QUARTIC_SADDLE_L0 = 5.0793;

const ID = 'quartic-saddle';
const PARAMS = {
  /** p, the number of unstable coordinates (the first p) */
  unstable: { kind: 'number', default: 1, min: 1, max: 1000, integer: true },
  /** x0 ~ N(0, scale²·I) */
  scale: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
  /** 'saddle': x0 = 0, the strict saddle itself (where a perturbed method must escape), whatever the scale */
  start: { kind: 'choice', default: 'gaussian', choices: ['gaussian', 'saddle'] as const },
} as const;

function build(name: InstanceName): Instance {
  const { unstable: p, scale, start } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  if (p > n) throw new InstanceError('unstable', `p = ${p} unstable coordinates exceed n = ${n}`);
  const x0 = start === 'saddle' ? new Float64Array(n) : gaussianVector(n, rng(name.seed), scale);
  const unstableCoordinates = Array.from({ length: p }, (_, i) => i);
  const certificate: Certificate = {
    convexity: 'nonconvex',
    convexityHow: `∇f(0) = 0 and ∇²f(0) = Diag(−1 (×${p}), +1 (×${n - p})) has the eigenvalue −1: 0 is a strict saddle, impossible for a convex f.`,
    memberships: [
      {
        class: 'l0-l1-smooth',
        L0: QUARTIC_SADDLE_L0,
        L1: 1,
        how: "B = I, f = Σ pᵢ(xᵢ) separable: ‖∇²f‖ = maxᵢ|pᵢ''(xᵢ)| ≤ maxᵢ(L0 + |pᵢ'(xᵢ)|) ≤ L0 + ‖∇f‖ with L0 = max over the two pieces of sup_t(|p''(t)| − |p'(t)|): unstable t⁴/4 − t²/2 gives −t³ + 3t² + t − 1 on t ≥ 1, stationary at t = 1 + 2/√3 with value 2 + 16√3/9 = 5.079201… (≤ 2 on [1/√3, 1], ≤ 1 below); stable t⁴/4 + t²/2 gives −t³ + 3t² − t + 1, maxima 1 at t = 0 and 2 + (4/3)√(2/3) = 3.0887 at t = 1 + √(2/3); L0 = 5.0793 (rounded up), L1 = 1; attained on the axis x = (1 + 2/√3)e₀",
      },
    ],
    fStar: -p / 4,
    xStar: Float64Array.from({ length: n }, (_, i) => (i < p ? 1 : 0)),
    strictSaddles: [
      {
        point: new Float64Array(n),
        minEigenvalue: -1,
        unstableCoordinates,
        how: `∇f(0) = 0, ∇²f(0) = Diag(−1 (×${p}), +1 (×${n - p})). On {xᵢ = 0, i < ${p}} ∇f has zero unstable components, so a step along −c·∇f (c > 0 scalar) stays there, and f restricted to it, Σ_{i≥${p}}(xᵢ⁴/4 + xᵢ²/2), is 1-strongly convex with minimizer 0: a descent method converges to the saddle. Off it, near 0, an unstable |xᵢ| < 1 grows: |xᵢ⁺| = |xᵢ|(1 + c(1 − xᵢ²)).`,
      },
    ],
  };
  return { name, problem: counted(quarticSaddleOracle(n, p)), metric: { kind: 'identity' }, x0, certificate };
}

/** log-uniform in [lo, hi], rounded to 6 significant digits (a name that prints exactly) */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.noBias(fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true })).map((t) => Number(Math.exp(t).toPrecision(6)));

/** 2-D (the toy) half the time when the range allows; p = 1 half the time, else uniform in 1…n */
function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  const minDim = options.minDim ?? 1;
  const maxDim = Math.min(options.maxDim ?? 50, 1000);
  const dims = dimensions({ minDim, maxDim });
  const dim = minDim <= 2 && maxDim >= 2 ? fc.oneof(fc.constant(2), dims) : dims;
  return dim.chain((n) =>
    fc.record({
      family: fc.constant(ID),
      params: fc.record({ unstable: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: n })), scale: logUniform(0.1, 10) }),
      dim: fc.constant(n),
      seed: seeds(),
    }),
  );
}

export const quarticSaddleFamily: Family = {
  id: ID,
  description: 'quartic strict saddle Σ_{i<p}(xᵢ⁴/4 − xᵢ²/2) + Σ_{i≥p}(xᵢ⁴/4 + xᵢ²/2): saddle at 0, f* = −p/4 at (±1 on the first p, 0), (L0,L1)-smooth, not Lipschitz-smooth',
  classes: ['l0-l1-smooth'],
  build,
  arbitrary,
};
