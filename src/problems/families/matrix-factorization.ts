import fc from 'fast-check';
import { type Matrix, matMul, matrix } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { dyadicGaussian, isDyadicSample } from './dyadic-gaussian.js';
import { requireFiniteMatrix, requireInteger } from './data-validation.js';
import { readParams } from './family-params.js';
import { productShapes, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * Symmetric low-rank matrix factorization f(X) = ¼‖XXᵀ − M‖_F², X ∈ ℝ^{d×r}, x = vec(X) (columns
 * stacked: x[k·d + i] = X[i, k]), n = d·r (Burer–Monteiro; Ge, Jin & Zheng 2017). With R = XXᵀ − M:
 * ∇f = RX, ∇²f[V] = VXᵀX + XVᵀX + RV, i.e. ∇²f[(i,a),(j,b)] = δᵢⱼ(XᵀX)_ab + X_ib·X_ja + δ_ab·R_ij,
 * and D³f[V, V] = 2(VVᵀX + VXᵀV + XVᵀV).
 */
export interface MatrixFactorizationData {
  /** d×d, exactly symmetric */
  readonly target: Matrix;
  readonly rank: number;
}

export interface MatrixFactorizationOracle extends Oracle {
  readonly data: MatrixFactorizationData;
}

function validate(data: MatrixFactorizationData): void {
  const { target: m, rank } = data;
  const d = m.rows;
  requireFiniteMatrix('target', m);
  if (d < 1 || m.cols !== d) throw new InstanceError('target', `must be a non-empty square matrix, got ${m.rows}×${m.cols}`);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) if (m.data[i * d + j] !== m.data[j * d + i]) throw new InstanceError('target', `is not symmetric at (${i}, ${j})`);
  }
  requireInteger('rank', rank, 1);
}

/** Z = P·Q for P d×p row-major and Q p×q row-major */
function product(p: Float64Array, q: Float64Array, d: number, inner: number, cols: number): Float64Array {
  return matMul(matrix(d, inner, p), matrix(inner, cols, q)).data;
}

/** PᵀQ for P, Q d×r row-major: r×r */
function crossGram(p: Float64Array, q: Float64Array, d: number, r: number): Float64Array {
  const g = new Float64Array(r * r);
  for (let i = 0; i < d; i++) for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) g[a * r + b] += p[i * r + a] * q[i * r + b];
  return g;
}

export function matrixFactorization(data: MatrixFactorizationData): MatrixFactorizationOracle {
  validate(data);
  const { target, rank: r } = data;
  const d = target.rows;
  const n = d * r;
  /** X as d×r row-major from x = vec(X) */
  const unvec = (x: Float64Array): Float64Array => {
    const z = new Float64Array(n);
    for (let k = 0; k < r; k++) for (let i = 0; i < d; i++) z[i * r + k] = x[k * d + i];
    return z;
  };
  const vec = (z: Float64Array): Float64Array => {
    const x = new Float64Array(n);
    for (let k = 0; k < r; k++) for (let i = 0; i < d; i++) x[k * d + i] = z[i * r + k];
    return x;
  };
  /** R = XXᵀ − M, d×d row-major */
  const residual = (X: Float64Array): Float64Array => {
    const R = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += X[i * r + k] * X[j * r + k];
        R[i * d + j] = s - target.data[i * d + j];
      }
    }
    return R;
  };
  return {
    dim: n,
    data,
    f(x) {
      if (!allFinite(x)) return NaN;
      const R = residual(unvec(x));
      let s = 0;
      for (let i = 0; i < R.length; i++) s += R[i] * R[i];
      return s / 4;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const X = unvec(x);
      return vec(product(residual(X), X, d, d, r));
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const X = unvec(x);
      const R = residual(X);
      const G = crossGram(X, X, d, r);
      const h = matrix(n, n);
      for (let a = 0; a < r; a++) {
        for (let i = 0; i < d; i++) {
          const p = a * d + i;
          for (let b = 0; b < r; b++) {
            for (let j = 0; j < d; j++) {
              const q = b * d + j;
              h.data[p * n + q] = (i === j ? G[a * r + b] : 0) + X[i * r + b] * X[j * r + a] + (a === b ? R[i * d + j] : 0);
            }
          }
        }
      }
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const X = unvec(x);
      const V = unvec(v);
      const out = product(V, crossGram(X, X, d, r), d, r, r);
      const xvx = product(X, crossGram(V, X, d, r), d, r, r);
      const rv = product(residual(X), V, d, d, r);
      for (let i = 0; i < out.length; i++) out[i] += xvx[i] + rv[i];
      return vec(out);
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const X = unvec(x);
      const V = unvec(v);
      const vtx = crossGram(V, X, d, r);
      const xtv = crossGram(X, V, d, r);
      const vvx = product(V, vtx, d, r, r);
      const vxv = product(V, xtv, d, r, r);
      const xvv = product(X, crossGram(V, V, d, r), d, r, r);
      const out = new Float64Array(n);
      for (let i = 0; i < out.length; i++) out[i] = 2 * (vvx[i] + vxv[i] + xvv[i]);
      return vec(out);
    },
  };
}

/**
 * What is proven for M = X♮X♮ᵀ with dyadic X♮ (dyadic-gaussian.ts: every entry of X♮X♮ᵀ, and of the
 * oracle's XXᵀ at X♮, is exact): f(X♮) = 0 = f*, and the curvature at the critical point 0.
 * `planted` is vec(X♮).
 */
export function matrixFactorizationCertificate(oracle: MatrixFactorizationOracle, planted: Float64Array): Certificate {
  if (planted.length !== oracle.dim || !planted.every(isDyadicSample)) {
    throw new InstanceError('planted', 'f(X♮) = 0 is certified only for a dyadic X♮ (dyadic-gaussian.ts) of the oracle\'s shape');
  }
  if (oracle.f(planted) !== 0) throw new InstanceError('target', 'is not X♮X♮ᵀ');
  const nonzero = planted.some((t) => t !== 0);
  return {
    convexity: nonzero ? 'nonconvex' : 'convex',
    convexityHow: nonzero
      ? '∇f(0) = 0 and ∇²f(0) = −I_r ⊗ M, so ⟨∇²f(0)vec(X♮), vec(X♮)⟩ = −tr(X♮ᵀMX♮) = −‖X♮ᵀX♮‖_F² < 0: x = 0 is a critical point with negative curvature and f(0) = ¼‖M‖_F² > 0 = f*, impossible for a convex f.'
      : 'M = 0: f(X) = ¼‖XᵀX‖_F² composes the convex, Loewner-nondecreasing G ↦ ¼‖G‖_F² on the PSD cone with the matrix-convex X ↦ XᵀX.',
    memberships: [],
    fStar: 0,
    xStar: planted.slice(),
  };
}

const PARAMS = {
  rank: { kind: 'number', default: 2, min: 1, max: 10_000, integer: true },
} as const;

const MAX_RANK_DRAWN = 4;

/** Random symmetric factorization: X♮ (d×r) with dyadic Gaussian entries, M = X♮X♮ᵀ exact, x0 ~ N(0, I). */
export const matrixFactorizationFamily: Family = {
  id: 'matrix-factorization',
  description: 'symmetric low-rank factorization ¼‖XXᵀ − X♮X♮ᵀ‖_F², x = vec(X), nonconvex with f* = 0',
  classes: [],
  build(name: InstanceName): Instance {
    const p = readParams('matrix-factorization', name, PARAMS, 2500);
    const r = p.rank;
    if (name.dim % r !== 0) throw new InstanceError('dim', `n = ${name.dim} is not a multiple of rank = ${r}`);
    const d = name.dim / r;
    const next = rng(name.seed);
    const planted = Float64Array.from({ length: d * r }, () => dyadicGaussian(next));
    const target = matrix(d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += planted[k * d + i] * planted[k * d + j];
        target.data[i * d + j] = s;
      }
    }
    const x0 = gaussianVector(d * r, next);
    const oracle = matrixFactorization({ target, rank: r });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: matrixFactorizationCertificate(oracle, planted) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    const shapes = productShapes('matrix-factorization', 'd·r', options, 1, MAX_RANK_DRAWN);
    return fc
      .record({ shape: fc.constantFrom(...shapes), seed: seeds() })
      .map(({ shape, seed }) => ({ family: 'matrix-factorization', params: { rank: shape.k }, dim: shape.d * shape.k, seed }));
  },
};
