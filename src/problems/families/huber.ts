import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { allFinite, dot, norm2 } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { roundedUp } from './certified-spectral-bounds.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';

/**
 * The radial Huber function f(x) = φ(‖x‖), φ(r) = L r²/2 for r ≤ τ and L τ r − L τ²/2 beyond: the
 * Moreau envelope of Lτ‖·‖ with parameter 1/L, so ∇f(x) = L·Π_τ(x), Π_τ the projection onto the
 * ball of radius τ. In 1-D with τ = R/(2N + 1) and x0 = R it is the function on which the gradient
 * method with step 1/L attains f(x_N) − f* = L R²/(4N + 2) (Drori & Teboulle 2014, Thm 3.2).
 */
export function huberOracle(n: number, L: number, tau: number): Oracle {
  // outside the ball: ∇²f = (Lτ/r)(I − x xᵀ/r²); inside: L·I (either one on the sphere r = τ)
  const hess = (x: Float64Array) => {
    if (!allFinite(x)) return nanMatrix(n);
    const r = norm2(x);
    const h = matrix(n, n);
    if (r <= tau) {
      for (let i = 0; i < n; i++) h.data[i * n + i] = L;
      return h;
    }
    const c = (L * tau) / r;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) h.data[i * n + j] = c * ((i === j ? 1 : 0) - (x[i] / r) * (x[j] / r));
    }
    return h;
  };
  return {
    dim: n,
    f(x) {
      if (!allFinite(x)) return NaN;
      const r = norm2(x);
      return r <= tau ? 0.5 * L * r * r : L * tau * (r - 0.5 * tau);
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const r = norm2(x);
      return r <= tau ? x.map((xi) => L * xi) : x.map((xi) => L * tau * (xi / r));
    },
    hess,
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const r = norm2(x);
      if (r <= tau) return v.map((vi) => L * vi);
      const c = (L * tau) / r;
      const radial = dot(x, v) / (r * r);
      return v.map((vi, i) => c * (vi - radial * x[i]));
    },
  };
}

const ID = 'huber';
const PARAMS = {
  /** the Lipschitz constant of ∇f */
  L: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
  /** R = ‖x0‖ = ‖x0 − x*‖ */
  radius: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
  /** the kink τ relative to R: τ = kink·R */
  kink: { kind: 'number', default: 1 / 3, min: 1e-6, max: 4 },
} as const;

function build(name: InstanceName): Instance {
  const { L, radius, kink } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  const tau = kink * radius;
  if (!(tau > 0) || !Number.isFinite(L * tau * radius)) throw new InstanceError('kink', `τ = kink·radius = ${tau} must be a positive number with Lτ·radius finite`);
  // 1-D: x0 = ±R exactly (the sign from the seed); n-D: R times a Gaussian direction
  const next = rng(name.seed);
  let x0: Float64Array;
  if (n === 1) x0 = Float64Array.of(name.seed % 2 === 0 ? radius : -radius);
  else {
    const v = Float64Array.from({ length: n }, () => gaussian(next));
    const s = norm2(v);
    if (!(s > 0)) throw new InstanceError('seed', 'the direction of x0 is zero');
    x0 = v.map((vi) => (radius * vi) / s);
  }
  const certificate: Certificate = {
    convexity: 'convex',
    convexityHow: 'f = φ(‖x‖) with φ convex and nondecreasing on [0, ∞) (φ\' = L·min(r, τ) ≥ 0 nondecreasing): a convex nondecreasing function of a norm',
    memberships: [
      {
        class: 'lipschitz-gradient',
        L,
        how: 'B = I: ∇f(x) = L·Π_τ(x), Π_τ the projection onto the ball of radius τ, which is nonexpansive: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖ (attained inside the ball)',
      },
    ],
    fStar: 0,
    xStar: new Float64Array(n),
    // {f ≤ f(x0)} = {‖x‖ ≤ ‖x0‖} (φ increasing): ‖x0‖ as computed, rounded up past its (n + 1)u error
    sublevelRadius: n === 1 ? radius : roundedUp(norm2(x0) * (1 + (n + 2) * 2 ** -52)),
    sublevelRadiusHow: 'f is an increasing function of ‖x‖, so {f ≤ f(x0)} is the ball of radius ‖x0‖ about x* = 0',
    hessianJumps: `on the sphere ‖x‖ = τ = ${tau} (∇²f = L·I inside, L·τ/‖x‖·(I − xxᵀ/‖x‖²) outside)`,
  };
  return { name, problem: counted(huberOracle(n, L, tau)), metric: { kind: 'identity' }, x0, certificate };
}

/** log-uniform in [lo, hi], rounded to 6 significant digits (a name that prints exactly) */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.noBias(fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true })).map((t) => Number(Math.exp(t).toPrecision(6)));

/** mostly 1-D (the worst case of Drori & Teboulle is 1-D); the kink log-uniform in [1e-3, 2], so x0 lies outside the ball in most names */
function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  const minDim = options.minDim ?? 1;
  const maxDim = Math.min(options.maxDim ?? 50, 1000);
  const dim = minDim <= 1 ? fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: dimensions({ minDim, maxDim }), weight: 1 }) : dimensions({ minDim, maxDim });
  return fc.record({
    family: fc.constant(ID),
    params: fc.record({ L: logUniform(1e-2, 1e2), radius: logUniform(1e-2, 1e2), kink: logUniform(1e-3, 2) }),
    dim,
    seed: seeds(),
  });
}

export const huberFamily: Family = {
  id: ID,
  description: 'radial Huber φ(‖x‖), φ(r) = Lr²/2 (r ≤ τ), Lτr − Lτ²/2 beyond, x* = 0, ‖x0‖ = R, τ = kink·R: the 1-D function attaining the gradient method\'s exact worst case',
  classes: ['lipschitz-gradient'],
  build,
  arbitrary,
};
