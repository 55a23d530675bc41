import fc from 'fast-check';
import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix, matVec, transpose } from '../../linalg/matrix.js';
import { allFinite, dot } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { denseNetworkModel } from '../dense-network.js';
import { counted } from '../oracle.js';
import type { RowLossOracle } from '../row-loss.js';
import { withStructure } from '../oracle-structure.js';
import type { SupervisedOracle } from '../supervised-model.js';
import { gramEigenvalueEnclosure, normUpperBound, roundedDown, roundedUp } from './certified-spectral-bounds.js';
import { requireFinite, requireFiniteMatrix } from './data-validation.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianMatrix, gaussianVector } from './random-data.js';

/**
 * Binary logistic regression f(x) = (1/N)·Σᵢ log(1 + exp(−yᵢ⟨aᵢ, x⟩)) + (ρ/2)‖x‖² (docs/theory.md#approximation-condition).
 * With zᵢ = yᵢ⟨aᵢ, x⟩, sᵢ = σ(−zᵢ) and ℓ(z) = log(1 + e^(−z)): ℓ' = −s, ℓ'' = s(1 − s),
 * ℓ''' = s(1 − s)(2s − 1) = −s(1 − s)·tanh(z/2); since yᵢ² = 1,
 * ∇f = −(1/N)·Aᵀ(s∘y) + ρx, ∇²f = (1/N)·AᵀDiag(s(1 − s))A + ρI, D³f[v, v] = (1/N)·Aᵀ(ℓ'''(z)∘y∘(Av)²).
 */
export interface LogisticData {
  /** N×n, rows aᵢ */
  readonly features: Matrix;
  /** yᵢ ∈ {−1, +1} */
  readonly labels: Float64Array;
  /** ρ ≥ 0 */
  readonly rho: number;
}

export interface LogisticOracle extends RowLossOracle, SupervisedOracle {
  readonly data: LogisticData;
  /** zᵢ = yᵢ⟨aᵢ, x⟩ */
  margins(x: Float64Array): Float64Array;
  /** sᵢ = σ(−zᵢ) = −ℓ'(zᵢ) */
  residuals(x: Float64Array): Float64Array;
  /** N×n, row i = ∇ℓᵢ(x) = −sᵢyᵢaᵢ (loss terms only): the empirical Fisher is (1/N)·GᵀG */
  sampleGradients(x: Float64Array): Matrix;
}

/** σ(t) = 1/(1 + e^(−t)) without overflow */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** log(1 + e^t) without overflow or cancellation */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

function validate(data: LogisticData): void {
  const { features: a, labels: y, rho } = data;
  requireFiniteMatrix('features', a);
  if (a.rows < 1 || a.cols < 1) throw new InstanceError('features', `must be a non-empty N×n matrix, got ${a.rows}×${a.cols}`);
  if (y.length !== a.rows) throw new InstanceError('labels', `has ${y.length} entries for ${a.rows} samples`);
  const bad = y.findIndex((v) => v !== 1 && v !== -1);
  if (bad >= 0) throw new InstanceError('labels', `label ${bad} is ${y[bad]}, not ±1`);
  if (!(requireFinite('rho', rho) >= 0)) throw new InstanceError('rho', `must be ≥ 0, got ${rho}`);
}

export function logisticRegression(data: LogisticData): LogisticOracle {
  validate(data);
  const { features: a, labels: y, rho } = data;
  const N = a.rows;
  const n = a.cols;
  // the features are referenced, not copied: they must not change while the oracle is in use
  const products = denseProducts(a);
  const margins = (x: Float64Array): Float64Array => {
    if (!allFinite(x)) return nanVector(N);
    const z = products.times(x);
    for (let i = 0; i < N; i++) z[i] *= y[i];
    return z;
  };
  const residuals = (x: Float64Array): Float64Array => margins(x).map((z) => sigmoid(-z));
  return withStructure<LogisticOracle>({
    dim: n,
    data,
    // one linear layer with one output and no bias, p = ⟨aᵢ, x⟩, labels yᵢ = ±1
    model: denseNetworkModel({ features: a, labels: y, loss: 'logistic', l2: rho, layers: [{ outputs: 1, bias: false, activation: 'identity' }] }),
    margins,
    residuals,
    sampleGradients(x) {
      const g = matrix(N, n);
      const s = residuals(x);
      for (let i = 0; i < N; i++) for (let j = 0; j < n; j++) g.data[i * n + j] = -s[i] * y[i] * a.data[i * n + j];
      return g;
    },
    f(x) {
      if (!allFinite(x)) return NaN;
      const z = margins(x);
      let loss = 0;
      for (let i = 0; i < N; i++) loss += softplus(-z[i]);
      return loss / N + 0.5 * rho * dot(x, x);
    },
    rowCount: N,
    rowLoss(x, rows) {
      if (!allFinite(x)) return NaN;
      let loss = 0;
      for (const i of rows) loss += softplus(-y[i] * dot(a.data.subarray(i * n, (i + 1) * n), x));
      return loss / rows.length + 0.5 * rho * dot(x, x);
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      // the margins are overwritten with the weights of Aᵀ
      const c = margins(x);
      for (let i = 0; i < N; i++) c[i] = (-sigmoid(-c[i]) * y[i]) / N;
      const g = products.transposeTimes(c);
      for (let j = 0; j < n; j++) g[j] += rho * x[j];
      return g;
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      // the margins are overwritten with the weights of AᵀWA
      const w = margins(x);
      for (let i = 0; i < N; i++) w[i] = (sigmoid(w[i]) * sigmoid(-w[i])) / N;
      const h = products.gram(w);
      for (let j = 0; j < n; j++) h.data[j * n + j] += rho;
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const z = margins(x);
      const av = products.times(v);
      for (let i = 0; i < N; i++) av[i] *= (sigmoid(z[i]) * sigmoid(-z[i])) / N;
      const out = products.transposeTimes(av);
      for (let j = 0; j < n; j++) out[j] += rho * v[j];
      return out;
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const z = margins(x);
      const av = products.times(v);
      for (let i = 0; i < N; i++) {
        const third = -sigmoid(z[i]) * sigmoid(-z[i]) * Math.tanh(z[i] / 2);
        av[i] = (third * y[i] * av[i] * av[i]) / N;
      }
      return products.transposeTimes(av);
    },
  }, { kind: 'logistic', features: a, labels: y, rho });
}

/** upper bounds of ‖aᵢ‖₂ and of ‖aᵢ‖₂², row by row */
function rowNormBounds(a: Matrix): { norms: Float64Array; squares: Float64Array } {
  const norms = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) norms[i] = normUpperBound(a.data.subarray(i * a.cols, (i + 1) * a.cols));
  return { norms, squares: norms.map((r) => roundedUp(r * r)) };
}

/**
 * What is proven about logistic regression on these data, in B = I. `x0` is used for the sublevel
 * radius only.
 */
export function logisticCertificate(oracle: LogisticOracle, x0: Float64Array): Certificate {
  const { features: a, rho } = oracle.data;
  const N = a.rows;
  const n = a.cols;
  const { norms, squares } = rowNormBounds(a);
  const R = norms.reduce((m, r) => Math.max(m, r), 0);
  const gram = gramEigenvalueEnclosure(a).max;
  const weightedByNorm = gramEigenvalueEnclosure(a, norms).max;
  const weightedBySquare = gramEigenvalueEnclosure(a, squares).max;
  const memberships: Membership[] = [
    {
      class: 'lipschitz-gradient',
      L: roundedUp(roundedUp(gram / (4 * N)) + rho),
      how: 'ℓ\'\' = s(1 − s) ≤ 1/4, so 0 ⪯ ∇²f ⪯ AᵀA/(4N) + ρI and L = λ_max(AᵀA)/(4N) + ρ; attained at x = 0 (all s = 1/2), so it is the best constant. λ_max bounded above with rounding and eigensolver margins.',
    },
    {
      class: 'quasi-self-concordant',
      M: R,
      how: 'D³f(x)[h,h,v] = (1/N)Σ ℓ\'\'\'(zᵢ)yᵢ⟨aᵢ,h⟩²⟨aᵢ,v⟩ with |ℓ\'\'\'| = s(1−s)|2s−1| ≤ ℓ\'\', and |⟨aᵢ,v⟩| ≤ ‖aᵢ‖‖v‖; the ridge term only adds ρ‖h‖² to ⟨∇²f h,h⟩. So M = maxᵢ‖aᵢ‖₂ (validation table "QSC logistic + ρ/2‖x‖²"); approached as |z| → ∞ with v ∥ aᵢ.',
    },
    {
      class: 'generalized-self-concordant',
      nu: 2,
      M: R,
      how: 'Definition (Sun & Tran-Dinh 2019): |D³f(x)[u,u,v]| ≤ M‖u‖²_x‖v‖_x^(ν−2)‖v‖^(3−ν), ‖u‖_x² = ⟨∇²f(x)u,u⟩. There ℓ(t) = log(1 + e^(−t)) is (1, 2)-GSC; for ν = 2 the inequality is the QSC one, proved above with M = maxᵢ‖aᵢ‖₂ (|D³f| bounded, since v → −v flips its sign).',
    },
    {
      class: 'holder-hessian',
      nu: 0,
      L: roundedUp(gram / (4 * N)),
      how: '∇²f(x) − ∇²f(y) = (1/N)AᵀDiag(w(x) − w(y))A with w = s(1−s) ∈ (0, 1/4], so ‖·‖ ≤ λ_max(AᵀA)/(4N) (ρI cancels).',
    },
    {
      class: 'holder-hessian',
      nu: 1,
      L: roundedUp(weightedByNorm / roundedDown(6 * Math.sqrt(3) * N)),
      how: '‖∇²f(x) − ∇²f(y)‖ ≤ sup|D³f[h,h,v]| over ‖h‖ = 1, ‖v‖ = ‖x − y‖; |ℓ\'\'\'| = s(1−s)|2s−1| ≤ 1/(6√3) (max at s = 1/2 ± 1/(2√3)) and |⟨aᵢ,v⟩| ≤ ‖aᵢ‖‖v‖ give L = λ_max(Σᵢ‖aᵢ‖aᵢaᵢᵀ)/(6√3·N).',
    },
    {
      class: 'holder-third',
      nu: 1,
      L: roundedUp(weightedBySquare / (8 * N)),
      how: 'f is convex; D⁴f[h,h,h,v] = (1/N)Σ ℓ\'\'\'\'(zᵢ)⟨aᵢ,h⟩³⟨aᵢ,v⟩ with ℓ\'\'\'\' = w((2s−1)² − 2w), w = s(1−s), so |ℓ\'\'\'\'| ≤ 1/8 (at s = 1/2); |⟨aᵢ,h⟩⟨aᵢ,v⟩| ≤ ‖aᵢ‖²‖h‖‖v‖ gives L = λ_max(Σᵢ‖aᵢ‖²aᵢaᵢᵀ)/(8N) for the symmetric trilinear norm.',
    },
  ];
  if (rho > 0) {
    memberships.push({
      class: 'generalized-self-concordant',
      nu: 3,
      M: roundedUp(R / roundedDown(Math.sqrt(rho))),
      how: 'Sun & Tran-Dinh (2019), ν = 3: ‖v‖_x² = ⟨∇²f v,v⟩ ≥ ρ‖v‖², so the ν = 2 bound M‖u‖²_x‖v‖ is ≤ (M/√ρ)‖u‖²_x‖v‖_x with M = maxᵢ‖aᵢ‖₂.',
    });
  }
  let separable = false;
  if (rho === 0 && N <= n) {
    const rowGram = gramEigenvalueEnclosure(transpose(a)).min;
    if (rowGram > 0) {
      separable = true;
      const sigmaMin = roundedDown(Math.sqrt(rowGram));
      memberships.push({
        class: 'l0-l1-smooth',
        L0: 0,
        L1: roundedUp(gram / sigmaMin),
        how: 'ρ = 0 and A (N×n, N ≤ n) has full row rank with σ_min(A)² ≥ a certified lower bound of λ_min(AAᵀ) > 0: ‖∇²f‖ ≤ σ_max²·maxᵢ s(1−s)/N ≤ σ_max²‖s‖₂/N and ‖∇f‖ = ‖Aᵀ(s∘y)‖/N ≥ σ_min‖s‖₂/N, so (L0, L1) = (0, σ_max²/σ_min); tight for N = 1 as z → ∞.',
      });
    }
  }
  const certificate: Certificate = {
    convexity: rho > 0 ? 'strongly-convex' : 'convex',
    convexityHow:
      (rho > 0 ? '∇²f = (1/N)AᵀDiag(s(1−s))A + ρI ⪰ ρI with ρ > 0.' : '∇²f = (1/N)AᵀDiag(s(1−s))A ⪰ 0.') +
      (separable ? ' The data are separable (A has full row rank, so some x has yᵢ⟨aᵢ,x⟩ = 1 for all i): f(tx) → 0 = inf f as t → ∞, not attained (fStar = 0 is the infimum; no minimizer, D = ∞).' : ''),
    memberships,
    ...(separable ? { fStar: 0 } : {}),
  };
  if (rho > 0) {
    const f0 = oracle.f(x0);
    const f0Upper = roundedUp(f0 * (1 + (N + n + 16) * 2 ** -52));
    return {
      ...certificate,
      sublevelRadius: roundedUp(Math.sqrt(roundedUp((2 * f0Upper) / rho)) * (1 + 2 ** -50)),
      sublevelRadiusHow: 'ρ-strong convexity: ρ/2‖x − x*‖² ≤ f(x) − f* ≤ f(x0) − f* ≤ f(x0) as f* ≥ 0, so D ≤ (2f(x0)/ρ)^½ (f(x0) rounded up).',
    };
  }
  return certificate;
}

const PARAMS = {
  samples: { kind: 'number', default: 50, min: 1, max: 1_000_000, integer: true },
  rho: { kind: 'number', default: 0, min: 0, max: 1e6 },
  featureScale: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
} as const;

/**
 * Random logistic regressions: aᵢ ~ featureScale·N(0, I/n), labels drawn from the logistic model of a
 * planted x♮ ~ N(0, (2/featureScale)²I) (margins of standard deviation ≈ 2, so the classes overlap
 * when N > n), x0 ~ N(0, I/featureScale²).
 */
export const logisticFamily: Family = {
  id: 'logistic',
  description: 'binary logistic regression (1/N)Σ log(1 + exp(−yᵢ⟨aᵢ,x⟩)) + ρ/2‖x‖² on Gaussian features with labels from a planted model',
  classes: ['lipschitz-gradient', 'quasi-self-concordant', 'generalized-self-concordant', 'holder-hessian', 'holder-third', 'l0-l1-smooth'],
  build(name: InstanceName): Instance {
    const p = readParams('logistic', name, PARAMS);
    const n = name.dim;
    const N = p.samples;
    const next = rng(name.seed);
    const scale = p.featureScale / Math.sqrt(n);
    const features = gaussianMatrix(N, n, next, scale);
    const planted = gaussianVector(n, next, 2 / p.featureScale);
    const plantedMargins = matVec(features, planted);
    const labels = plantedMargins.map((m) => (next() < sigmoid(m) ? 1 : -1));
    const x0 = Float64Array.from({ length: n }, () => gaussian(next) / p.featureScale);
    const oracle = logisticRegression({ features, labels, rho: p.rho });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: logisticCertificate(oracle, x0) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    return dimensions(options).chain((dim) =>
      fc
        .record({
          samples: fc.integer({ min: 1, max: 3 * dim }),
          rho: fc.constantFrom(0, 1e-3, 1e-2, 0.1, 1),
          featureScale: fc.constantFrom(0.25, 1, 4),
          seed: seeds(),
        })
        .map(({ seed, ...params }) => ({ family: 'logistic', params, dim, seed })),
    );
  },
};
