import fc from 'fast-check';
import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { allFinite, dot } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { denseNetworkModel } from '../dense-network.js';
import { counted } from '../oracle.js';
import { withStructure } from '../oracle-structure.js';
import type { SupervisedOracle } from '../supervised-model.js';
import { gramEigenvalueEnclosure, normUpperBound, roundedDown, roundedUp } from './certified-spectral-bounds.js';
import { requireFinite, requireFiniteMatrix, requireInteger } from './data-validation.js';
import { readParams } from './family-params.js';
import { productShapes, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianMatrix, gaussianVector } from './random-data.js';

/**
 * Multiclass softmax (cross-entropy) regression with K classes on features aᵢ ∈ ℝᵈ:
 * f(W) = (1/N)·Σᵢ [lse(uᵢ) − uᵢ,cᵢ] + (ρ/2)‖W‖_F², uᵢ,k = ⟨aᵢ, w_k⟩, x = vec(W) = (w_1; …; w_K), so
 * x[k·d + j] = W[j, k] and n = d·K. With pᵢ = softmax(uᵢ) and tᵢ,k = ⟨aᵢ, v_k⟩ (moments under pᵢ):
 * ∇_{w_k} f = (1/N)Σᵢ (pᵢ,k − [cᵢ = k])aᵢ + ρw_k; ⟨∇²f v, v⟩ = (1/N)Σᵢ Var_pᵢ(tᵢ) + ρ‖v‖², i.e.
 * block (k, l) of ∇²f is (1/N)·AᵀDiag(p_k δ_kl − p_k p_l)A + ρδ_kl I; D³lse(u)[t, t] = p∘((t − E t)² − Var t),
 * the third cumulant.
 */
export interface SoftmaxData {
  /** N×d, rows aᵢ */
  readonly features: Matrix;
  /** cᵢ ∈ {0, …, K − 1} */
  readonly labels: Int32Array;
  readonly classes: number;
  /** ρ ≥ 0 */
  readonly rho: number;
}

export interface SoftmaxOracle extends SupervisedOracle {
  readonly data: SoftmaxData;
  /** N×K, row i = softmax(uᵢ) */
  probabilities(x: Float64Array): Matrix;
}

function validate(data: SoftmaxData): void {
  const { features: a, labels: c, classes: K, rho } = data;
  requireFiniteMatrix('features', a);
  if (a.rows < 1 || a.cols < 1) throw new InstanceError('features', `must be a non-empty N×d matrix, got ${a.rows}×${a.cols}`);
  requireInteger('classes', K, 2);
  if (c.length !== a.rows) throw new InstanceError('labels', `has ${c.length} entries for ${a.rows} samples`);
  const bad = c.findIndex((v) => !(v >= 0 && v < K));
  if (bad >= 0) throw new InstanceError('labels', `label ${bad} is ${c[bad]}, not a class in 0…${K - 1}`);
  if (!(requireFinite('rho', rho) >= 0)) throw new InstanceError('rho', `must be ≥ 0, got ${rho}`);
}

interface SoftmaxState {
  /** N×K probabilities */
  readonly p: Float64Array;
  /** N×K, 1 − p computed as the sum of the other probabilities (no cancellation) */
  readonly q: Float64Array;
  /** (1/N)Σᵢ [lse(uᵢ) − uᵢ,cᵢ] */
  readonly loss: number;
}

export function softmaxRegression(data: SoftmaxData): SoftmaxOracle {
  validate(data);
  const { features: a, labels: c, classes: K, rho } = data;
  const N = a.rows;
  const d = a.cols;
  const n = d * K;
  // the features are referenced, not copied: they must not change while the oracle is in use
  const products = denseProducts(a);
  const perClass = (v: Float64Array): Float64Array => {
    const t = new Float64Array(N * K);
    for (let k = 0; k < K; k++) {
      const tk = products.times(v.subarray(k * d, (k + 1) * d));
      for (let i = 0; i < N; i++) t[i * K + k] = tk[i];
    }
    return t;
  };
  const state = (x: Float64Array): SoftmaxState => {
    const u = perClass(x);
    const p = new Float64Array(N * K);
    const q = new Float64Array(N * K);
    let loss = 0;
    for (let i = 0; i < N; i++) {
      const row = i * K;
      let top = 0;
      for (let k = 1; k < K; k++) if (u[row + k] > u[row + top]) top = k;
      const m = u[row + top];
      // lse(u) − u_c = (m − u_c) + log1p(Σ_{k≠top} e^(u_k − m)): the top term is exactly 1
      let rest = 0;
      for (let k = 0; k < K; k++) if (k !== top) rest += Math.exp(u[row + k] - m);
      loss += m - u[row + c[i]] + Math.log1p(rest);
      for (let k = 0; k < K; k++) p[row + k] = (k === top ? 1 : Math.exp(u[row + k] - m)) / (1 + rest);
      for (let k = 0; k < K; k++) {
        let others = 0;
        for (let l = 0; l < K; l++) if (l !== k) others += p[row + l];
        q[row + k] = others;
      }
    }
    return { p, q, loss: loss / N };
  };
  /** tᵢₖ − Σₗ pᵢₗtᵢₗ for the class scores t = perClass(v) of each sample */
  const centeredScores = (p: Float64Array, v: Float64Array): Float64Array => {
    const t = perClass(v);
    for (let i = 0; i < N; i++) {
      let mean = 0;
      for (let k = 0; k < K; k++) mean += p[i * K + k] * t[i * K + k];
      for (let k = 0; k < K; k++) t[i * K + k] -= mean;
    }
    return t;
  };
  const fromPerSample = (w: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    const col = new Float64Array(N);
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < N; i++) col[i] = w[i * K + k];
      out.set(products.transposeTimes(col), k * d);
    }
    return out;
  };
  return withStructure<SoftmaxOracle>({
    dim: n,
    data,
    // one linear layer without bias: W (K × d, row-major) at x[k·d + j] = W[k, j] = (w_k)_j, labels cᵢ
    model: denseNetworkModel({
      features: a,
      labels: Float64Array.from(c),
      loss: 'softmax-cross-entropy',
      l2: rho,
      layers: [{ outputs: K, bias: false, activation: 'identity' }],
    }),
    probabilities(x) {
      return matrix(N, K, allFinite(x) ? state(x).p : nanVector(N * K));
    },
    f(x) {
      if (!allFinite(x)) return NaN;
      return state(x).loss + 0.5 * rho * dot(x, x);
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const { p, q } = state(x);
      const r = new Float64Array(N * K);
      for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) r[i * K + k] = (k === c[i] ? -q[i * K + k] : p[i * K + k]) / N;
      const g = fromPerSample(r);
      for (let j = 0; j < n; j++) g[j] += rho * x[j];
      return g;
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const { p, q } = state(x);
      const h = matrix(n, n);
      const w = new Float64Array(N);
      for (let k = 0; k < K; k++) {
        for (let l = 0; l <= k; l++) {
          for (let i = 0; i < N; i++) w[i] = (k === l ? p[i * K + k] * q[i * K + k] : -p[i * K + k] * p[i * K + l]) / N;
          const block = products.gram(w).data;
          for (let r = 0; r < d; r++) {
            for (let s = 0; s < d; s++) {
              h.data[(k * d + r) * n + l * d + s] = block[r * d + s];
              h.data[(l * d + s) * n + k * d + r] = block[r * d + s];
            }
          }
        }
      }
      for (let j = 0; j < n; j++) h.data[j * n + j] += rho;
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const { p } = state(x);
      const c = centeredScores(p, v);
      const w = Float64Array.from(c, (cj, j) => (p[j] * cj) / N);
      const out = fromPerSample(w);
      for (let j = 0; j < n; j++) out[j] += rho * v[j];
      return out;
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const { p } = state(x);
      const c = centeredScores(p, v);
      const w = new Float64Array(N * K);
      for (let i = 0; i < N; i++) {
        let variance = 0;
        for (let k = 0; k < K; k++) variance += p[i * K + k] * c[i * K + k] ** 2;
        for (let k = 0; k < K; k++) w[i * K + k] = (p[i * K + k] * (c[i * K + k] ** 2 - variance)) / N;
      }
      return fromPerSample(w);
    },
  }, { kind: 'softmax-regression', features: a, labels: c, classes: K, rho });
}

/** What is proven about softmax regression on these data, in B = I; `x0` is used for the sublevel radius only. */
export function softmaxCertificate(oracle: SoftmaxOracle, x0: Float64Array): Certificate {
  const { features: a, rho } = oracle.data;
  const N = a.rows;
  const norms = new Float64Array(N);
  for (let i = 0; i < N; i++) norms[i] = normUpperBound(a.data.subarray(i * a.cols, (i + 1) * a.cols));
  const R = norms.reduce((m, r) => Math.max(m, r), 0);
  const qscM = roundedUp(Math.SQRT2 * R * (1 + 2 ** -52));
  const gram = gramEigenvalueEnclosure(a).max;
  const weightedByNorm = gramEigenvalueEnclosure(a, norms).max;
  const variance =
    'Var_p(t) ≤ (max t − min t)²/4 ≤ ‖t‖²/2 (Popoviciu; (t_k − t_l)² ≤ 2‖t‖²), so 0 ⪯ ∇²f − ρI ⪯ (1/(2N))·I_K ⊗ AᵀA';
  const memberships: Membership[] = [
    {
      class: 'lipschitz-gradient',
      L: roundedUp(roundedUp(gram / (2 * N)) + rho),
      how: `${variance}, so L = λ_max(AᵀA)/(2N) + ρ; attained for K = 2 at x = 0 (p = (½, ½)); for K > 2 possibly not attained. λ_max bounded above with rounding and eigensolver margins.`,
    },
    {
      class: 'holder-hessian',
      nu: 0,
      L: roundedUp(gram / (2 * N)),
      how: `${variance}; two matrices between 0 and C differ by at most ‖C‖, so L = λ_max(AᵀA)/(2N).`,
    },
    {
      class: 'holder-hessian',
      nu: 1,
      L: roundedUp(weightedByNorm / roundedDown(Math.SQRT2 * N)),
      how: 'D³f[h,h,v] = (1/N)Σᵢ E_pᵢ[(tᵢ − E tᵢ)²(sᵢ − E sᵢ)] with tᵢ,k = ⟨aᵢ,h_k⟩, sᵢ,k = ⟨aᵢ,v_k⟩; |·| ≤ osc(sᵢ)·Var(tᵢ) ≤ √2‖aᵢ‖‖v‖·‖tᵢ‖²/2, and Σᵢ‖aᵢ‖‖tᵢ‖² ≤ λ_max(Σᵢ‖aᵢ‖aᵢaᵢᵀ)‖h‖², so L = λ_max(Σᵢ‖aᵢ‖aᵢaᵢᵀ)/(√2·N).',
    },
    {
      class: 'quasi-self-concordant',
      M: qscM,
      how: 'D³f[h,h,v] = (1/N)Σᵢ E_pᵢ[(tᵢ − E tᵢ)²(sᵢ − E sᵢ)] ≤ (1/N)Σᵢ osc(sᵢ)·Var_pᵢ(tᵢ), osc(sᵢ) = max_{k,l}⟨aᵢ, v_k − v_l⟩ ≤ ‖aᵢ‖·√2‖v‖ (‖v_k − v_l‖² ≤ 2‖v‖²), and ⟨∇²f h,h⟩ = (1/N)Σᵢ Var_pᵢ(tᵢ) + ρ‖h‖²: M = √2·maxᵢ‖aᵢ‖₂ (tight for K = 2, N = 1).',
    },
    {
      class: 'generalized-self-concordant',
      nu: 2,
      M: qscM,
      how: 'Sun & Tran-Dinh (2019), Def. 2 with ν = 2: |D³f(x)[u,u,v]| ≤ M‖u‖²_x‖v‖, the QSC inequality (which bounds |·| by symmetry v → −v), M = √2·maxᵢ‖aᵢ‖₂.',
    },
  ];
  if (rho > 0) {
    memberships.push({
      class: 'generalized-self-concordant',
      nu: 3,
      M: roundedUp(qscM / roundedDown(Math.sqrt(rho))),
      how: 'Sun & Tran-Dinh (2019), ν = 3: ‖v‖_x² ≥ ρ‖v‖², so the ν = 2 bound gives M = √2·maxᵢ‖aᵢ‖₂/√ρ.',
    });
  }
  const certificate: Certificate = {
    convexity: rho > 0 ? 'strongly-convex' : 'convex',
    convexityHow:
      rho > 0
        ? '⟨∇²f v,v⟩ = (1/N)Σᵢ Var_pᵢ(tᵢ) + ρ‖v‖² ≥ ρ‖v‖² with ρ > 0.'
        : '⟨∇²f v,v⟩ = (1/N)Σᵢ Var_pᵢ(tᵢ) ≥ 0; not strongly convex: f(W + w1ᵀ) = f(W) (the same vector added to every class).',
    memberships,
  };
  if (rho > 0) {
    const f0 = oracle.f(x0);
    const f0Upper = roundedUp(f0 * (1 + (N * oracle.data.classes + oracle.dim + 16) * 2 ** -52));
    return {
      ...certificate,
      sublevelRadius: roundedUp(Math.sqrt(roundedUp((2 * f0Upper) / rho)) * (1 + 2 ** -50)),
      sublevelRadiusHow: 'ρ-strong convexity and f* ≥ 0 (lse(u) ≥ u_c): ‖x − x*‖² ≤ 2(f(x0) − f*)/ρ ≤ 2f(x0)/ρ (f(x0) rounded up).',
    };
  }
  return certificate;
}

const PARAMS = {
  classes: { kind: 'number', default: 3, min: 2, max: 10_000, integer: true },
  samples: { kind: 'number', default: 50, min: 1, max: 1_000_000, integer: true },
  rho: { kind: 'number', default: 0, min: 0, max: 1e6 },
  featureScale: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
} as const;

const MAX_CLASSES_DRAWN = 5;

/**
 * Random softmax regressions, n = d·K: aᵢ ~ featureScale·N(0, I/d), labels drawn from the softmax model
 * of a planted W♮ with entries ~ N(0, (2/featureScale)²), x0 ~ N(0, I/featureScale²).
 */
export const softmaxRegressionFamily: Family = {
  id: 'softmax-regression',
  description: 'multiclass softmax regression (1/N)Σ [lse(Wᵀaᵢ) − ⟨w_cᵢ, aᵢ⟩] + ρ/2‖W‖², x = vec(W), on Gaussian features with planted labels',
  classes: ['lipschitz-gradient', 'holder-hessian', 'quasi-self-concordant', 'generalized-self-concordant'],
  build(name: InstanceName): Instance {
    const p = readParams('softmax-regression', name, PARAMS);
    const K = p.classes;
    if (name.dim % K !== 0) throw new InstanceError('dim', `n = ${name.dim} is not a multiple of classes = ${K}`);
    const d = name.dim / K;
    const N = p.samples;
    const next = rng(name.seed);
    const scale = p.featureScale / Math.sqrt(d);
    const features = gaussianMatrix(N, d, next, scale);
    const planted = gaussianVector(d * K, next, 2 / p.featureScale);
    const plantedModel = softmaxRegression({ features, labels: new Int32Array(N), classes: K, rho: 0 });
    const probabilities = plantedModel.probabilities(planted).data;
    const labels = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      let draw = next();
      let k = 0;
      while (k < K - 1 && draw >= probabilities[i * K + k]) draw -= probabilities[i * K + k++];
      labels[i] = k;
    }
    const x0 = Float64Array.from({ length: d * K }, () => gaussian(next) / p.featureScale);
    const oracle = softmaxRegression({ features, labels, classes: K, rho: p.rho });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: softmaxCertificate(oracle, x0) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    const shapes = productShapes('softmax-regression', 'd·K (K ≥ 2)', options, 2, MAX_CLASSES_DRAWN);
    return fc.constantFrom(...shapes).chain(({ k: classes, d }) =>
      fc
        .record({
          samples: fc.integer({ min: 1, max: 3 * d * classes }),
          rho: fc.constantFrom(0, 1e-3, 1e-2, 0.1, 1),
          featureScale: fc.constantFrom(0.25, 1, 4),
          seed: seeds(),
        })
        .map(({ seed, ...params }) => ({ family: 'softmax-regression', params: { classes, ...params }, dim: d * classes, seed })),
    );
  },
};
