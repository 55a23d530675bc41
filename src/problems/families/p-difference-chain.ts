import fc from 'fast-check';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { denseMetric } from '../../linalg/metric.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { requireFinite, requireInteger, requirePower } from './data-validation.js';
import { dimensions, instanceNames } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * f(x) = (1/(p+1))·(|x₁|^(p+1) + Σᵢ≥₂ |xᵢ − a·xᵢ₋₁|^(p+1)) (the authors' `PDifferenceOracle`).
 * With y = Cx, C lower bidiagonal (1 on the diagonal, −a below): ∇f = Cᵀ(sign(y)|y|^p),
 * ∇²f = CᵀDiag(p|y|^(p−1))C and D³f[v, v] = Cᵀ(p(p−1)·sign(y)|y|^(p−2)·(Cv)²).
 */
export interface PDifferenceChainOracle extends Oracle {
  readonly kind: 'p-difference-chain';
  readonly a: number;
  readonly p: number;
  /** D³f(x)[v, v] */
  third(x: Float64Array, v: Float64Array): Float64Array;
}

export function pDifferenceChain(n: number, a: number, p: number): PDifferenceChainOracle {
  requireInteger('n', n, 1);
  requireFinite('a', a);
  requirePower('p', p);

  /** y = Cx */
  const chain = (x: Float64Array): Float64Array => {
    const y = new Float64Array(n);
    y[0] = x[0];
    for (let i = 1; i < n; i++) y[i] = x[i] - a * x[i - 1];
    return y;
  };
  /** Cᵀz */
  const chainTranspose = (z: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] += z[i];
      if (i > 0) out[i - 1] -= a * z[i];
    }
    return out;
  };

  return {
    kind: 'p-difference-chain',
    dim: n,
    a,
    p,
    f(x) {
      if (!allFinite(x)) return NaN;
      const y = chain(x);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.abs(y[i]) ** (p + 1);
      return sum / (p + 1);
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      return chainTranspose(Float64Array.from(chain(x), (yi) => Math.sign(yi) * Math.abs(yi) ** p));
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const y = chain(x);
      const h: Matrix = matrix(n, n);
      for (let i = 0; i < n; i++) {
        const w = p * Math.abs(y[i]) ** (p - 1);
        h.data[i * n + i] += w;
        if (i > 0) {
          h.data[(i - 1) * n + i - 1] += a * a * w;
          h.data[i * n + i - 1] -= a * w;
          h.data[(i - 1) * n + i] -= a * w;
        }
      }
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const y = chain(x);
      const cv = chain(v);
      for (let i = 0; i < n; i++) cv[i] *= p * Math.abs(y[i]) ** (p - 1);
      return chainTranspose(cv);
    },
    third(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const y = chain(x);
      const cv = chain(v);
      for (let i = 0; i < n; i++) cv[i] = p * (p - 1) * Math.sign(y[i]) * Math.abs(y[i]) ** (p - 2) * cv[i] * cv[i];
      return chainTranspose(cv);
    },
  };
}

/** B = CᵀC */
function chainMetric(n: number, a: number): Matrix {
  const b = matrix(n, n);
  for (let i = 0; i < n; i++) {
    b.data[i * n + i] += 1;
    if (i > 0) {
      b.data[(i - 1) * n + i - 1] += a * a;
      b.data[i * n + i - 1] -= a;
      b.data[(i - 1) * n + i] -= a;
    }
  }
  return b;
}

function chainMemberships(p: number): Membership[] {
  const out: Membership[] = [];
  const inB = 'in B = CᵀC, Σᵢ(cᵢᵀh)² = ‖Ch‖₂² = ‖h‖² and |cᵢᵀd| ≤ ‖Cd‖₂ = ‖d‖';
  if (p === 2) {
    out.push({
      class: 'holder-hessian',
      nu: 1,
      L: 2,
      how: `∇²f(x) − ∇²f(z) = CᵀDiag(2(|yᵢ| − |wᵢ|))C with y = Cx, w = Cz, ||yᵢ| − |wᵢ|| ≤ |cᵢᵀ(x − z)|; ${inB}`,
    });
  }
  if (p <= 3) {
    const nu = p - 2;
    out.push({
      class: 'holder-third',
      nu,
      L: p * (p - 1) * 2 ** (1 - nu),
      how:
        `(D³f(x) − D³f(z))[h, h, h] = p(p−1)·Σᵢδᵢ(cᵢᵀh)³ with δᵢ = sign(yᵢ)|yᵢ|^ν − sign(wᵢ)|wᵢ|^ν, |δᵢ| ≤ 2^(1−ν)|yᵢ − wᵢ|^ν (ν = p − 2; ` +
        `opposite signs by concavity of t^ν), and Σ|cᵢᵀh|³ ≤ ‖Ch‖₂³; ${inB}; f is convex`,
    });
  }
  return out;
}

/** Slack for the rounding in f(x0) and the powers: the radius is computed in float64. */
const RADIUS_SAFETY = 1 + 1e-10;

function buildChain(name: InstanceName): Instance {
  const n = requireInteger('dim', name.dim, 1);
  const p = requirePower('p', Number(name.params.p));
  const a = requireFinite('a', Number(name.params.a));
  const x0 = gaussianVector(n, rng(name.seed));
  const oracle = pDifferenceChain(n, a, p);
  const f0 = oracle.f(x0);
  const certificate: Certificate = {
    convexity: 'convex',
    convexityHow: 'a sum of t ↦ |t|^(p+1)/(p+1) (convex) of the linear forms y = Cx; C is unit lower bidiagonal, hence invertible, so x* = 0 is the unique root and minimizer',
    memberships: chainMemberships(p),
    fStar: 0,
    xStar: new Float64Array(n),
    sublevelRadius: RADIUS_SAFETY * n ** ((p - 1) / (2 * (p + 1))) * ((p + 1) * f0) ** (1 / (p + 1)),
    sublevelRadiusHow:
      'f(x) ≤ f(x0) gives ‖Cx‖_(p+1) ≤ ((p+1)f(x0))^(1/(p+1)), and ‖x − 0‖ = ‖Cx‖₂ ≤ n^(1/2 − 1/(p+1))·‖Cx‖_(p+1) (Hölder); times 1 + 1e-10 for rounding',
  };
  const metricMatrix = chainMetric(n, a);
  if (!denseMetric(metricMatrix).ok) throw new InstanceError('a', `B = CᵀC is numerically singular for n = ${n} (‖C⁻¹‖ grows like |a|^n when |a| > 1)`);
  return { name, problem: counted(oracle), metric: { kind: 'dense', B: metricMatrix }, x0, certificate };
}

export const pDifferenceChainFamily: Family = {
  id: 'p-difference-chain',
  description:
    '(1/(p+1))(|x₁|^(p+1) + Σ|xᵢ − a·xᵢ₋₁|^(p+1)) (epfml/grad-norm-smooth), x0 Gaussian, metric B = CᵀC of the chain map; x* = 0, f* = 0; params p ≥ 2, a (|a| ≤ 1 keeps B well conditioned)',
  classes: ['holder-hessian', 'holder-third'],
  build: buildChain,
  arbitrary: (options: FamilyArbitraryOptions = {}) =>
    instanceNames('p-difference-chain', fc.record({ p: fc.constantFrom(2, 2.5, 3, 4), a: fc.constantFrom(-1, -0.5, 0.5, 0.9, 1) }), dimensions(options)),
};
