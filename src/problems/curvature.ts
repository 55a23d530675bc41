import { type Matrix, matrix } from '../linalg/matrix.js';
import { OUTPUT_LOSS, type OutputLoss, softmax, sigmoid } from './output-loss.js';
import type { SupervisedModel } from './supervised-model.js';

/**
 * Curvature of a batch S of a supervised model (supervised-model.ts), C = (1/|S|)·Σᵢ JᵢᵀMᵢJᵢ + l2·I with
 * - `ggn`: Mᵢ = ∇²_pℓ(pᵢ) (generalized Gauss–Newton; = the Fisher of these losses in expectation),
 * - `fisher`: Mᵢ = vᵢvᵢᵀ, vᵢ = ∇_pℓ(pᵢ, ŷᵢ) for labels ŷᵢ drawn from the model (one-sample Monte Carlo Fisher),
 * - `empirical-fisher`: Mᵢ = vᵢvᵢᵀ with the training labels yᵢ (biased: docs/theory.md#natural-gradient-curvature).
 * Each Mᵢ is written as Σ_c v_{ic}v_{ic}ᵀ (for `ggn` the columns of a square root of ∇²_pℓ), so that
 * C = UᵀU/|S| + l2·I with the rows u_r = J_{i(r)}ᵀv_r: dense, Kronecker-factored (K-FAC) and
 * push-through forms all start from these output vectors.
 */
export const CURVATURE_KINDS = ['ggn', 'fisher', 'empirical-fisher'] as const;
export type CurvatureKind = (typeof CURVATURE_KINDS)[number];

/** The batch a curvature is formed on: its rows and, for `fisher`, the sampled labels (|rows| × label width). */
export interface CurvatureBatch {
  readonly kind: CurvatureKind;
  readonly rows: Uint32Array;
  readonly labels: Float64Array | null;
}

/** The output vectors v_r of a batch's curvature and the row each belongs to (C = (1/|rows|)Σ_r J_{rowOf r}ᵀv_r v_rᵀJ_{rowOf r} + l2·I). */
export interface CurvatureVectors {
  readonly rowOf: Uint32Array;
  /** R × k row-major */
  readonly v: Float64Array;
}

function labelsOf(model: SupervisedModel, rows: Uint32Array): Float64Array {
  const w = OUTPUT_LOSS[model.loss].labelWidth(model.outputs);
  const out = new Float64Array(rows.length * w);
  rows.forEach((row, i) => out.set(model.label(row), i * w));
  return out;
}

/** ∇_pℓ(pᵢ, yᵢ) for each row (|rows| × k), with the training labels or the given ones (|rows| × label width). */
export function outputGradients(model: SupervisedModel, x: Float64Array, rows: Uint32Array, labels?: Float64Array): Float64Array {
  const loss = OUTPUT_LOSS[model.loss];
  const k = model.outputs;
  const w = loss.labelWidth(k);
  const y = labels ?? labelsOf(model, rows);
  const p = model.predict(x, rows);
  const out = new Float64Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) out.set(loss.gradient(p.subarray(i * k, (i + 1) * k), y.subarray(i * w, (i + 1) * w)), i * k);
  return out;
}

/** The batch loss (1/|rows|)·Σ ℓ(pᵢ, yᵢ) + (l2/2)‖x‖². */
export function batchLoss(model: SupervisedModel, x: Float64Array, rows: Uint32Array): number {
  const loss = OUTPUT_LOSS[model.loss];
  const k = model.outputs;
  const w = loss.labelWidth(k);
  const p = model.predict(x, rows);
  let total = 0;
  rows.forEach((row, i) => (total += loss.value(p.subarray(i * k, (i + 1) * k), model.label(row).subarray(0, w))));
  let xx = 0;
  for (const v of x) xx += v * v;
  return total / rows.length + (model.l2 / 2) * xx;
}

/** The batch gradient (1/|rows|)·Σ Jᵢᵀ∇_pℓ(pᵢ, yᵢ) + l2·x (training labels, or the given ones). */
export function batchGradient(model: SupervisedModel, x: Float64Array, rows: Uint32Array, labels?: Float64Array): Float64Array {
  const g = model.pullback(x, rows, outputGradients(model, x, rows, labels));
  if (model.l2 !== 0) for (let j = 0; j < g.length; j++) g[j] += model.l2 * x[j];
  return g;
}

/** Labels drawn from the model's predictive distribution at x for each row (|rows| × label width), uniforms from `next`. */
export function sampleLabels(model: SupervisedModel, x: Float64Array, rows: Uint32Array, next: () => number): Float64Array {
  const loss = OUTPUT_LOSS[model.loss];
  const k = model.outputs;
  const w = loss.labelWidth(k);
  const p = model.predict(x, rows);
  const out = new Float64Array(rows.length * w);
  for (let i = 0; i < rows.length; i++) out.set(loss.sample(p.subarray(i * k, (i + 1) * k), next), i * w);
  return out;
}

/**
 * Columns r_c of a square root of ∇²_pℓ(p) (Σ_c r_c r_cᵀ = ∇²_pℓ): the unit vectors for `squared`;
 * r_c = √s_c·(e_c − s) for softmax (Σ_c s_c(e_c − s)(e_c − s)ᵀ = diag(s) − ssᵀ); √(σ(p)σ(−p)) for logistic.
 */
export function outputHessianFactor(loss: OutputLoss, p: Float64Array): Float64Array[] {
  const k = p.length;
  if (loss.id === 'squared') return Array.from({ length: k }, (_, c) => Float64Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
  if (loss.id === 'logistic') return [Float64Array.of(Math.sqrt(sigmoid(p[0]) * sigmoid(-p[0])))];
  const s = softmax(p);
  return Array.from({ length: k }, (_, c) => Float64Array.from({ length: k }, (_, j) => Math.sqrt(s[c]) * ((j === c ? 1 : 0) - s[j])));
}

export function curvatureVectors(model: SupervisedModel, x: Float64Array, batch: CurvatureBatch): CurvatureVectors {
  const { kind, rows } = batch;
  const k = model.outputs;
  if (kind !== 'ggn') {
    if (kind === 'fisher' && batch.labels === null) throw new Error('curvatureVectors: a fisher curvature needs its sampled labels');
    return { rowOf: rows, v: outputGradients(model, x, rows, kind === 'fisher' ? (batch.labels as Float64Array) : undefined) };
  }
  const loss = OUTPUT_LOSS[model.loss];
  const p = model.predict(x, rows);
  const rowOf: number[] = [];
  const v: number[] = [];
  rows.forEach((row, i) => {
    for (const column of outputHessianFactor(loss, p.subarray(i * k, (i + 1) * k))) {
      rowOf.push(row);
      v.push(...column);
    }
  });
  return { rowOf: Uint32Array.from(rowOf), v: Float64Array.from(v) };
}

/** U (R × dim) with rows u_r = J_{i(r)}ᵀv_r, so that C = UᵀU/|rows| + l2·I. */
export function curvatureRows(model: SupervisedModel, x: Float64Array, batch: CurvatureBatch): Matrix {
  const { rowOf, v } = curvatureVectors(model, x, batch);
  const k = model.outputs;
  const u = matrix(rowOf.length, model.dim);
  for (let r = 0; r < rowOf.length; r++) u.data.set(model.pullback(x, rowOf.subarray(r, r + 1), v.subarray(r * k, (r + 1) * k)), r * model.dim);
  return u;
}

/** C = UᵀU/|rows| + l2·I, dense (dim × dim). */
export function curvatureMatrix(model: SupervisedModel, x: Float64Array, batch: CurvatureBatch): Matrix {
  const u = curvatureRows(model, x, batch);
  const n = model.dim;
  const c = matrix(n, n);
  const scale = 1 / batch.rows.length;
  for (let r = 0; r < u.rows; r++) {
    const row = u.data.subarray(r * n, (r + 1) * n);
    for (let i = 0; i < n; i++) {
      const ri = row[i] * scale;
      if (ri === 0) continue;
      for (let j = 0; j < n; j++) c.data[i * n + j] += ri * row[j];
    }
  }
  for (let i = 0; i < n; i++) c.data[i * n + i] += model.l2;
  return c;
}

/** diag(C) = (1/|rows|)·Σ_r u_r∘u_r + l2. */
export function curvatureDiagonal(model: SupervisedModel, x: Float64Array, batch: CurvatureBatch): Float64Array {
  const u = curvatureRows(model, x, batch);
  const n = model.dim;
  const d = new Float64Array(n).fill(model.l2);
  const scale = 1 / batch.rows.length;
  for (let r = 0; r < u.rows; r++) for (let i = 0; i < n; i++) d[i] += scale * u.data[r * n + i] ** 2;
  return d;
}

/**
 * K-FAC factors of each layer: Λ = (1/|rows|)·Σᵢ aᵢaᵢᵀ (inputs × inputs) and Γ = (1/|rows|)·Σ_r e_r e_rᵀ
 * (outputs × outputs), so that the layer's block of C − l2·I is approximated by Γ ⊗ Λ in the row-major
 * layout of LayerBlock (exactly, for a linear layer on one input): (Γ ⊗ Λ)vec(G) = vec(Γ·G·Λ).
 */
export function kfacFactors(model: SupervisedModel, x: Float64Array, batch: CurvatureBatch): { gamma: Matrix; lambda: Matrix }[] {
  const { rowOf, v } = curvatureVectors(model, x, batch);
  const stats = model.layerStatistics(x, rowOf, v);
  // Λ: every batch row appears equally often among the R vectors (k times for ggn, once otherwise), so the mean over R is the batch mean
  return stats.map(({ inputs, errors }) => ({ lambda: gram(inputs, 1 / rowOf.length), gamma: gram(errors, 1 / batch.rows.length) }));
}

/** s·AᵀA for A (r × c) */
function gram(a: Matrix, s: number): Matrix {
  const { rows, cols } = a;
  const out = matrix(cols, cols);
  for (let r = 0; r < rows; r++) {
    const row = a.data.subarray(r * cols, (r + 1) * cols);
    for (let i = 0; i < cols; i++) {
      const ri = row[i] * s;
      if (ri === 0) continue;
      for (let j = 0; j < cols; j++) out.data[i * cols + j] += ri * row[j];
    }
  }
  return out;
}
