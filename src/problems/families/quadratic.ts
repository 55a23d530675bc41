import fc from 'fast-check';
import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix, matVec } from '../../linalg/matrix.js';
import { allFinite, dot } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName, MetricSpec } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { eigenvalueEnclosure, roundedUp } from './certified-spectral-bounds.js';
import { requireFinite, requireFiniteMatrix, requireFiniteVector } from './data-validation.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/** f(x) = ½⟨Q(x − x*), x − x*⟩ + f*, Q symmetric: ∇f = Q(x − x*), ∇²f = Q, D³f = 0. */
export interface QuadraticData {
  /** n×n, exactly symmetric */
  readonly Q: Matrix;
  readonly xStar: Float64Array;
  readonly fStar: number;
}

export interface QuadraticOracle extends Oracle {
  readonly data: QuadraticData;
}

function validate(data: QuadraticData): void {
  const { Q, xStar, fStar } = data;
  const n = Q.rows;
  requireFiniteMatrix('Q', Q);
  if (n < 1 || Q.cols !== n) throw new InstanceError('Q', `must be a non-empty square matrix, got ${Q.rows}×${Q.cols}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) if (Q.data[i * n + j] !== Q.data[j * n + i]) throw new InstanceError('Q', `is not symmetric at (${i}, ${j})`);
  }
  requireFiniteVector('xStar', xStar, n);
  requireFinite('fStar', fStar);
}

export function quadratic(data: QuadraticData): QuadraticOracle {
  validate(data);
  const { Q, xStar, fStar } = data;
  const n = Q.rows;
  // Q is referenced, not copied: it must not change while the oracle is in use
  const products = denseProducts(Q);
  const offset = (x: Float64Array): Float64Array => x.map((xi, i) => xi - xStar[i]);
  return {
    dim: n,
    data,
    f(x) {
      if (!allFinite(x)) return NaN;
      const e = offset(x);
      return fStar + 0.5 * dot(products.times(e), e);
    },
    grad(x) {
      return allFinite(x) ? products.times(offset(x)) : nanVector(n);
    },
    hess(x) {
      return allFinite(x) ? matrix(n, n, Q.data.slice()) : nanMatrix(n);
    },
    hvp(x, v) {
      return allFinite(x) ? products.times(v) : nanVector(n);
    },
    third(x) {
      return allFinite(x) ? new Float64Array(n) : nanVector(n);
    },
  };
}

/** ≥ f(x0) − f* = ½⟨Q e, e⟩ of the exact function (dot-product rounding bound on ½|e|ᵀ|Q||e|) */
function excessUpperBound(Q: Matrix, e: Float64Array): number {
  const n = e.length;
  const absE = e.map(Math.abs);
  const absQ = matrix(n, n, Q.data.map(Math.abs));
  const g = (2 * (n + 2) * 2 ** -53) / (1 - 2 * (n + 2) * 2 ** -53);
  return roundedUp(0.5 * dot(matVec(Q, e), e) + g * dot(matVec(absQ, absE), absE));
}

export type QuadraticMetric = 'identity' | 'hessian';

/**
 * What is proven about the quadratic, in B = I or in B = Q ('hessian'); `x0` is used for the sublevel
 * radius. ∇²f ≡ Q, so the Hölder-Hessian (every ν) and QSC inequalities hold with constant 0 and
 * γ(x) = +∞ for H = ∇²f (docs/theory.md#quadratic-doubling); those zero constants are deliberately not stated as memberships,
 * since every bound π and every observed/bound ratio would divide by them.
 */
export function quadraticCertificate(oracle: QuadraticOracle, metric: QuadraticMetric, x0: Float64Array): Certificate {
  const { Q, xStar, fStar } = oracle.data;
  const spectrum = eigenvalueEnclosure(Q);
  const inHessianMetric = metric === 'hessian';
  const memberships: Membership[] = [
    inHessianMetric
      ? { class: 'lipschitz-gradient', L: 1, how: 'B = Q: ‖∇f(x) − ∇f(y)‖_* = ‖Q(x − y)‖_{Q⁻¹} = ‖x − y‖_Q exactly, so L = 1.' }
      : {
          class: 'lipschitz-gradient',
          L: spectrum.max,
          how: '‖Q(x − y)‖₂ ≤ λ_max(Q)‖x − y‖₂, attained on the top eigenvector; λ_max of the stored Q bounded above with the eigensolver margin.',
        },
  ];
  const e = x0.map((xi, i) => xi - xStar[i]);
  const excess = excessUpperBound(Q, e);
  const stronglyConvex = spectrum.min > 0;
  const radius = inHessianMetric
    ? { sublevelRadius: roundedUp(Math.sqrt(2 * excess) * (1 + 2 ** -50)), sublevelRadiusHow: 'B = Q: ‖x − x*‖_Q² = 2(f(x) − f*) ≤ 2(f(x0) − f*) (rounded up).' }
    : stronglyConvex
      ? {
          sublevelRadius: roundedUp(Math.sqrt(roundedUp((2 * excess) / spectrum.min)) * (1 + 2 ** -50)),
          sublevelRadiusHow: 'λ_min(Q)‖x − x*‖² ≤ 2(f(x) − f*) ≤ 2(f(x0) − f*), with λ_min bounded below and f(x0) − f* above.',
        }
      : {};
  return {
    convexity: stronglyConvex ? 'strongly-convex' : 'unknown',
    convexityHow: stronglyConvex
      ? `∇²f ≡ Q with λ_min(Q) ≥ ${spectrum.min.toExponential(3)} > 0 (eigensolver value minus its error margin).`
      : 'λ_min(Q) could not be certified positive in float64.',
    memberships,
    fStar,
    xStar: xStar.slice(),
    ...radius,
  };
}

/** A random orthogonal matrix: the product of n Householder reflections of Gaussian vectors. */
function randomOrthogonal(n: number, next: () => number): Matrix {
  const q = matrix(n, n);
  for (let i = 0; i < n; i++) q.data[i * n + i] = 1;
  for (let r = 0; r < n; r++) {
    const v = gaussianVector(n, next);
    const vv = dot(v, v);
    if (vv === 0) continue;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q.data[i * n + k] * v[k];
      const c = (2 * s) / vv;
      for (let k = 0; k < n; k++) q.data[i * n + k] -= c * v[k];
    }
  }
  return q;
}

/** U·Diag(λ)·Uᵀ, lower triangle computed and mirrored, so exactly symmetric */
function withSpectrum(values: Float64Array, u: Matrix): Matrix {
  const n = values.length;
  const q = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += u.data[i * n + k] * values[k] * u.data[j * n + k];
      q.data[i * n + j] = s;
      q.data[j * n + i] = s;
    }
  }
  return q;
}

const PARAMS = {
  logCond: { kind: 'number', default: 3, min: 0, max: 8 },
  scale: { kind: 'number', default: 1, min: 1e-8, max: 1e8 },
  metric: { kind: 'choice', default: 'identity', choices: ['identity', 'hessian'] as const },
} as const;

/**
 * Random SPD quadratics: eigenvalues log-uniform in [scale·10^(−logCond), scale] with both ends
 * attained (n ≥ 2), a random orthogonal eigenbasis, x* ~ N(0, I), f* ~ N(0, 1), x0 = x* + N(0, I).
 */
export const quadraticFamily: Family = {
  id: 'quadratic',
  description: 'SPD quadratics ½⟨Q(x − x*), x − x*⟩ + f* with prescribed condition number, metric B = I or B = Q',
  classes: ['lipschitz-gradient'],
  build(name: InstanceName): Instance {
    const p = readParams('quadratic', name, PARAMS, 500);
    const n = name.dim;
    const next = rng(name.seed);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = i === 0 || n === 1 ? 0 : i === n - 1 ? 1 : next();
      values[i] = p.scale * 10 ** (-p.logCond * t);
    }
    const Q = withSpectrum(values, randomOrthogonal(n, next));
    const xStar = gaussianVector(n, next);
    const fStar = gaussian(next);
    const x0 = xStar.map((xi) => xi + gaussian(next));
    const oracle = quadratic({ Q, xStar, fStar });
    const metric: MetricSpec = p.metric === 'hessian' ? { kind: 'dense', B: matrix(n, n, Q.data.slice()) } : { kind: 'identity' };
    return { name, problem: counted(oracle), metric, x0, certificate: quadraticCertificate(oracle, p.metric, x0) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    return fc
      .record({
        dim: dimensions(options),
        logCond: fc.constantFrom(0, 1, 3, 6),
        scale: fc.constantFrom(1e-2, 1, 1e2),
        metric: fc.constantFrom('identity', 'hessian'),
        seed: seeds(),
      })
      .map(({ dim, seed, ...params }) => ({ family: 'quadratic', params, dim, seed }));
  },
};
