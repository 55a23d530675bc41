import fc from 'fast-check';
import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix, matVec } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { dyadicGaussian, isDyadicSample } from './dyadic-gaussian.js';
import { requireFiniteMatrix, requireFiniteVector } from './data-validation.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * Real phase retrieval f(x) = (1/(4m))·Σᵢ (⟨aᵢ, x⟩² − yᵢ)² (Candès, Li & Soltanolkotabi 2015, Wirtinger
 * flow; Sun, Qu & Wright 2018). With rᵢ = ⟨aᵢ, x⟩: ∇f = (1/m)·Aᵀ((r² − y)∘r),
 * ∇²f = (1/m)·AᵀDiag(3r² − y)A, D³f[v, v] = (6/m)·Aᵀ(r∘(Av)²).
 */
export interface PhaseRetrievalData {
  /** m×n, rows aᵢ */
  readonly sensing: Matrix;
  /** yᵢ (for a planted signal x♮: yᵢ = ⟨aᵢ, x♮⟩²) */
  readonly measurements: Float64Array;
}

export interface PhaseRetrievalOracle extends Oracle {
  readonly data: PhaseRetrievalData;
}

function validate(data: PhaseRetrievalData): void {
  const { sensing: a, measurements: y } = data;
  requireFiniteMatrix('sensing', a);
  if (a.rows < 1 || a.cols < 1) throw new InstanceError('sensing', `must be a non-empty m×n matrix, got ${a.rows}×${a.cols}`);
  requireFiniteVector('measurements', y, a.rows);
}

export function phaseRetrieval(data: PhaseRetrievalData): PhaseRetrievalOracle {
  validate(data);
  const { sensing: a, measurements: y } = data;
  const m = a.rows;
  const n = a.cols;
  // the sensing matrix is referenced, not copied: it must not change while the oracle is in use
  const products = denseProducts(a);
  return {
    dim: n,
    data,
    f(x) {
      if (!allFinite(x)) return NaN;
      const r = products.times(x);
      let s = 0;
      for (let i = 0; i < m; i++) s += (r[i] * r[i] - y[i]) ** 2;
      return s / (4 * m);
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const r = products.times(x);
      for (let i = 0; i < m; i++) r[i] = ((r[i] * r[i] - y[i]) * r[i]) / m;
      return products.transposeTimes(r);
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const r = products.times(x);
      return products.gram(r.map((ri, i) => (3 * ri * ri - y[i]) / m));
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const r = products.times(x);
      const av = products.times(v);
      for (let i = 0; i < m; i++) av[i] *= (3 * r[i] * r[i] - y[i]) / m;
      return products.transposeTimes(av);
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const r = products.times(x);
      const av = products.times(v);
      for (let i = 0; i < m; i++) av[i] = (6 * r[i] * av[i] * av[i]) / m;
      return products.transposeTimes(av);
    },
  };
}

/** n·(2⁹)² < 2²⁶ units of 2⁻¹²: ⟨aᵢ, x♮⟩ and its square are exact (dyadic-gaussian.ts) */
const MAX_EXACT_DIM = 256;

/**
 * What is proven for measurements yᵢ = ⟨aᵢ, x♮⟩² that are exact in float64 (as dyadic data make them):
 * f(±x♮) = 0 = f*, and the sign of the curvature at the critical point 0.
 */
export function phaseRetrievalCertificate(oracle: PhaseRetrievalOracle, planted: Float64Array): Certificate {
  const { sensing: a, measurements: y } = oracle.data;
  if (a.cols > MAX_EXACT_DIM || !a.data.every(isDyadicSample) || !planted.every(isDyadicSample)) {
    throw new InstanceError('sensing', `f(x♮) = 0 is certified only for dyadic samples (dyadic-gaussian.ts) and n ≤ ${MAX_EXACT_DIM}`);
  }
  const r = matVec(a, planted);
  if (r.some((ri, i) => ri * ri !== y[i])) throw new InstanceError('measurements', 'are not ⟨aᵢ, x♮⟩²');
  const curvedAlongPlanted = y.some((yi) => yi > 0);
  return {
    convexity: curvedAlongPlanted ? 'nonconvex' : 'convex',
    convexityHow: curvedAlongPlanted
      ? '∇f(0) = 0 and ⟨∇²f(0)x♮, x♮⟩ = −(1/m)Σᵢ yᵢ² < 0 (some yᵢ > 0): x = 0 is a critical point with negative curvature (a strict saddle or local maximum, f(0) > 0 = f*), impossible for a convex f.'
      : 'all yᵢ = 0, so f = (1/(4m))Σᵢ⟨aᵢ,x⟩⁴, a sum of convex functions.',
    memberships: [],
    fStar: 0,
    xStar: planted.slice(),
  };
}

const PARAMS = {
  samples: { kind: 'number', default: 100, min: 1, max: 1_000_000, integer: true },
} as const;

/**
 * Random real phase retrieval: aᵢ and x♮ with dyadic Gaussian entries (multiples of 2⁻⁶, |·| < 8), so
 * yᵢ = ⟨aᵢ, x♮⟩² is exact and x* = x♮ is an exact global minimizer (n ≤ 256 keeps the squares exact);
 * x0 ~ N(0, I).
 */
export const phaseRetrievalFamily: Family = {
  id: 'phase-retrieval',
  description: 'real phase retrieval (1/4m)Σ(⟨aᵢ,x⟩² − ⟨aᵢ,x♮⟩²)², nonconvex with f* = 0 at ±x♮',
  classes: [],
  build(name: InstanceName): Instance {
    const p = readParams('phase-retrieval', name, PARAMS, MAX_EXACT_DIM);
    const n = name.dim;
    const m = p.samples;
    const next = rng(name.seed);
    const sensing = matrix(m, n, Float64Array.from({ length: m * n }, () => dyadicGaussian(next)));
    const planted = Float64Array.from({ length: n }, () => dyadicGaussian(next));
    const measurements = matVec(sensing, planted).map((r) => r * r);
    const x0 = gaussianVector(n, next);
    const oracle = phaseRetrieval({ sensing, measurements });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: phaseRetrievalCertificate(oracle, planted) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    return dimensions(options).chain((dim) =>
      fc.record({ samples: fc.integer({ min: 1, max: 4 * dim }), seed: seeds() }).map(({ seed, samples }) => ({ family: 'phase-retrieval', params: { samples }, dim, seed })),
    );
  },
};
