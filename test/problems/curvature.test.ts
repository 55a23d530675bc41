import { describe, expect, it } from 'vitest';
import { type Matrix, matrix } from '../../src/linalg/matrix.js';
import {
  batchGradient,
  batchLoss,
  curvatureDiagonal,
  curvatureMatrix,
  curvatureRows,
  kfacFactors,
  outputHessianFactor,
  sampleLabels,
} from '../../src/problems/curvature.js';
import { logisticRegression } from '../../src/problems/families/logistic.js';
import { mlpMixtureFamily } from '../../src/problems/families/mlp-mixture.js';
import { softmaxRegression } from '../../src/problems/families/softmax-regression.js';
import { OUTPUT_LOSS, OUTPUT_LOSSES } from '../../src/problems/output-loss.js';
import { allRows, type SupervisedModel } from '../../src/problems/supervised-model.js';
import { relativeDifference } from '../support/compare.js';
import { randomMatrix, randomVector, rng } from '../support/random-matrices.js';

const softmaxModel = (N: number, d: number, K: number, l2: number, seed: number): SupervisedModel => {
  const next = rng(seed);
  const features = randomMatrix(N, d, next);
  const labels = Int32Array.from({ length: N }, () => Math.floor(next() * K));
  return softmaxRegression({ features, labels, classes: K, rho: l2 }).model;
};
const logisticModel = (N: number, d: number, l2: number, seed: number): SupervisedModel => {
  const next = rng(seed);
  const features = randomMatrix(N, d, next);
  return logisticRegression({ features, labels: Float64Array.from({ length: N }, () => (next() < 0.5 ? 1 : -1)), rho: l2 }).model;
};
const mlpModel = (seed: number): SupervisedModel =>
  (mlpMixtureFamily.build({ family: 'mlp-mixture', params: { d: 2, hidden: 3, classes: 3, samples: 6 }, dim: 21, seed }).problem.oracle as unknown as { model: SupervisedModel }).model;

/** Γ ⊗ Λ in the row-major layer layout: entry ((o, j), (o', j')) = Γ[o, o']·Λ[j, j'] */
function kron(gamma: Matrix, lambda: Matrix): Matrix {
  const K = gamma.rows;
  const d = lambda.rows;
  const out = matrix(K * d, K * d);
  for (let o = 0; o < K; o++) for (let q = 0; q < K; q++) for (let j = 0; j < d; j++) for (let l = 0; l < d; l++) out.data[(o * d + j) * K * d + q * d + l] = gamma.data[o * K + q] * lambda.data[j * d + l];
  return out;
}

describe('curvature of a batch', () => {
  it('outputHessianFactor: Σ_c r_c r_cᵀ = ∇²_pℓ(p) for every output loss (to rounding)', () => {
    const next = rng(1);
    for (const id of OUTPUT_LOSSES) {
      for (let s = 0; s < 5; s++) {
        const k = id === 'logistic' ? 1 : 2 + s;
        const p = randomVector(k, next).map((t) => 3 * t);
        const sum = new Float64Array(k * k);
        for (const r of outputHessianFactor(OUTPUT_LOSS[id], p)) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum[i * k + j] += r[i] * r[j];
        const h = OUTPUT_LOSS[id].hessian(p);
        for (let i = 0; i < k * k; i++) expect(Math.abs(sum[i] - h[i]), id).toBeLessThan(1e-15);
      }
    }
  });

  it('K-FAC is exact for a linear layer on one input: the dense GGN − l2·I equals Γ ⊗ Λ (softmax regression and logistic, one row)', () => {
    const next = rng(2);
    for (const model of [softmaxModel(1, 4, 3, 0.3, 3), logisticModel(1, 5, 0.2, 4), softmaxModel(5, 3, 4, 0, 5)]) {
      const x = randomVector(model.dim, next);
      for (const row of [0, model.rowCount - 1]) {
        const batch = { kind: 'ggn' as const, rows: Uint32Array.of(row), labels: null };
        const dense = curvatureMatrix(model, x, batch);
        for (let i = 0; i < model.dim; i++) dense.data[i * model.dim + i] -= model.l2;
        const [{ gamma, lambda }] = kfacFactors(model, x, batch);
        expect(relativeDifference(kron(gamma, lambda).data, dense.data)).toBeLessThan(1e-14);
        // (Γ ⊗ Λ)·vec(G) = vec(Γ·G·Λ) in the row-major layout
        const K = gamma.rows;
        const d = lambda.rows;
        const G = randomVector(K * d, next);
        const direct = new Float64Array(K * d);
        for (let a = 0; a < K * d; a++) for (let b = 0; b < K * d; b++) direct[a] += dense.data[a * K * d + b] * G[b];
        const sandwich = new Float64Array(K * d);
        for (let o = 0; o < K; o++) for (let j = 0; j < d; j++) for (let q = 0; q < K; q++) for (let l = 0; l < d; l++) sandwich[o * d + j] += gamma.data[o * K + q] * G[q * d + l] * lambda.data[l * d + j];
        expect(relativeDifference(sandwich, direct)).toBeLessThan(1e-13);
      }
    }
  });

  it('with several rows K-FAC is only a model: Γ ⊗ Λ differs from the dense block, and the mlp gets one factor pair per layer', () => {
    const model = softmaxModel(6, 3, 3, 0, 6);
    const x = randomVector(model.dim, rng(7));
    const batch = { kind: 'ggn' as const, rows: allRows(model), labels: null };
    const [{ gamma, lambda }] = kfacFactors(model, x, batch);
    expect(relativeDifference(kron(gamma, lambda).data, curvatureMatrix(model, x, batch).data)).toBeGreaterThan(1e-3);
    const mlp = mlpModel(8);
    const factors = kfacFactors(mlp, randomVector(mlp.dim, rng(9)), { kind: 'ggn', rows: allRows(mlp), labels: null });
    expect(factors.map(({ gamma: g, lambda: l }) => [g.rows, l.rows])).toEqual(mlp.layers.map((layer) => [layer.outputs, layer.inputs]));
  });

  it('for a GLM the GGN over all rows is the Hessian (softmax and logistic regression), and the diagonal and rows agree with the dense matrix', () => {
    const next = rng(10);
    for (const model of [softmaxModel(7, 3, 3, 0.1, 11), logisticModel(9, 4, 0.05, 12)]) {
      const x = randomVector(model.dim, next);
      const rows = allRows(model);
      const batch = { kind: 'ggn' as const, rows, labels: null };
      const dense = curvatureMatrix(model, x, batch);
      const hessianColumns = matrix(model.dim, model.dim);
      for (let j = 0; j < model.dim; j++) {
        const e = new Float64Array(model.dim);
        e[j] = 1;
        const column = model.hvp(x, rows, e);
        for (let i = 0; i < model.dim; i++) hessianColumns.data[i * model.dim + j] = column[i];
      }
      expect(relativeDifference(dense.data, hessianColumns.data)).toBeLessThan(1e-13);
      expect(relativeDifference(curvatureDiagonal(model, x, batch), dense.data.filter((_, t) => t % (model.dim + 1) === 0))).toBeLessThan(1e-15);
      const U = curvatureRows(model, x, batch);
      expect(U.rows).toBe(rows.length * (model.loss === 'logistic' ? 1 : model.outputs));
    }
  });

  it('batch loss and gradient are means over the multiset of rows (repeats count), the regularizer once', () => {
    const model = mlpModel(13);
    const x = randomVector(model.dim, rng(14));
    const single = (row: number) => batchGradient(model, x, Uint32Array.of(row));
    const rows = Uint32Array.of(2, 0, 2);
    const mean = single(2).map((g, j) => (2 * g + single(0)[j]) / 3);
    expect(relativeDifference(batchGradient(model, x, rows), mean)).toBeLessThan(1e-14);
    const loss = (2 * batchLoss(model, x, Uint32Array.of(2)) + batchLoss(model, x, Uint32Array.of(0))) / 3;
    expect(Math.abs(batchLoss(model, x, rows) - loss)).toBeLessThan(1e-14 * Math.abs(loss));
  });

  /**
   * The one-sample Fisher F̂ = (1/|S|)Σᵢ Jᵢᵀvᵢvᵢᵀ Jᵢ + l2·I with vᵢ = ∇_pℓ(pᵢ, ŷᵢ), ŷᵢ drawn from the model, has mean GGN.
   * Each entry lies in [−B_ab, B_ab] + l2δ_ab, B_ab = (1/|S|)Σᵢ‖Jᵢe_a‖‖Jᵢe_b‖·max‖v‖² (max‖v‖² = 2 for softmax,
   * 1 for logistic), so by Hoeffding the mean of M draws is within t_ab = B_ab·√(2 ln(2·dim²/δ)/M) of the GGN for
   * every entry with probability ≥ 1 − δ; δ = 1e-6, M = 1500. The training labels of a model that is confidently
   * wrong on every row (logistic, yᵢ = −sign⟨aᵢ, x⟩, margins ≈ 6) give an empirical Fisher outside that bound.
   */
  it('the mean of M = 1500 sampled-label Fisher matrices is within the Hoeffding bound of the GGN; the empirical Fisher is not', () => {
    const M = 1500;
    const delta = 1e-6;
    const next = rng(17);
    const confidentlyWrong = (() => {
      const features = randomMatrix(6, 3, next);
      const x = randomVector(3, next);
      const scale = 6 / Math.min(...Array.from({ length: 6 }, (_, i) => Math.abs(features.data[3 * i] * x[0] + features.data[3 * i + 1] * x[1] + features.data[3 * i + 2] * x[2])));
      const w = x.map((t) => scale * t);
      const labels = Float64Array.from({ length: 6 }, (_, i) => (features.data[3 * i] * w[0] + features.data[3 * i + 1] * w[1] + features.data[3 * i + 2] * w[2] > 0 ? -1 : 1));
      return { model: logisticRegression({ features, labels, rho: 0 }).model, x: w };
    })();
    const mlp = mlpModel(15);
    for (const { model, x, vMax } of [
      { model: mlp, x: randomVector(mlp.dim, next), vMax: 2 },
      { ...confidentlyWrong, vMax: 1 },
    ]) {
      const n = model.dim;
      const rows = allRows(model);
      const ggn = curvatureMatrix(model, x, { kind: 'ggn', rows, labels: null });
      const mean = new Float64Array(n * n);
      for (let s = 0; s < M; s++) {
        const F = curvatureMatrix(model, x, { kind: 'fisher', rows, labels: sampleLabels(model, x, rows, next) });
        for (let t = 0; t < n * n; t++) mean[t] += F.data[t] / M;
      }
      const columnNorms = Array.from(rows, (row) => {
        const J = model.jacobian(x, row);
        return Array.from({ length: n }, (_, a) => Math.hypot(...Array.from({ length: model.outputs }, (_, c) => J.data[c * n + a])));
      });
      const scale = Math.sqrt((2 * Math.log((2 * n * n) / delta)) / M);
      const bound = (a: number, b: number) => (vMax * scale * columnNorms.reduce((s, c) => s + c[a] * c[b], 0)) / rows.length;
      const worstRatio = (m: ArrayLike<number>) => {
        let worst = 0;
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) worst = Math.max(worst, Math.abs(m[a * n + b] - ggn.data[a * n + b]) / bound(a, b));
        return worst;
      };
      expect(worstRatio(mean)).toBeLessThanOrEqual(1);
      if (model === confidentlyWrong.model) expect(worstRatio(curvatureMatrix(model, x, { kind: 'empirical-fisher', rows, labels: null }).data)).toBeGreaterThan(1);
    }
  });
});
