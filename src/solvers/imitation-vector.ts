import { outputGradients, outputHessianFactor, sampleLabels } from '../problems/curvature.js';
import { OUTPUT_LOSS } from '../problems/output-loss.js';
import type { SupervisedModel } from '../problems/supervised-model.js';

/**
 * LEHI's imitation term (Zhu et al. 2026, arXiv 2605.06945; its body unread, so this is a reconstruction [R]:
 * docs/theory.md#diagonal-scaling-methods): output vectors vᵢ = v(p(x, aᵢ), yᵢ) frozen in the auxiliary loss (1/B)·Σ vᵢᵀpᵢ,
 * whose gradient h = (1/B)·Σ Jᵢᵀvᵢ is one pullback; the second moment accumulates c_B·h∘h. How vᵢ is
 * built is a parameter (the paper's choice is unknown):
 * - `sampled` (7b): vᵢ = ∇_pℓ(pᵢ, ŷᵢ) with ŷᵢ drawn from the model's predictive distribution: for softmax
 *   vᵢ = softmax(pᵢ) − e_ŷ, E[vvᵀ] = diag(s) − ssᵀ; for logistic E[v²] = σ(p)σ(−p); for squared v ~ N(0, I);
 * - `deterministic-signs`: vᵢ = Σ_c ξ_{ic}·r_c(pᵢ) with ξ Rademacher and r_c the columns of a square root of
 *   ∇²_pℓ (curvature.ts outputHessianFactor): logistic's (7a) root √(σ(p)σ(−p)) with random signs, a
 *   Rademacher vector for squared loss; E[vvᵀ] = Σ_c r_c r_cᵀ = ∇²_pℓ;
 * - `deterministic` (7a): vᵢ = r(pᵢ) itself, for a rank-one ∇²_pℓ (logistic, squared with k = 1); the cross
 *   terms of h∘h do not vanish, so it imitates diag of the batch GGN only for B = 1.
 * For independent zero-mean vᵢ with E[vᵢvᵢᵀ] = ∇²_pℓ(pᵢ): E[h∘h] = (1/B)·diag((1/B)Σ JᵢᵀHᵢJᵢ), so
 * c_B = B (the rescaling of Sophia's Gauss–Newton–Bartlett estimator); c_B = 1 for deterministic vᵢ.
 * The regularizer's l2·I is not imitated (the pullback has none).
 */
export const IMITATION_RULES = ['sampled', 'deterministic-signs', 'deterministic'] as const;
export type ImitationRule = (typeof IMITATION_RULES)[number];

/** The output vectors of one batch (|rows| × k row-major), the labels or signs they were drawn with, and whether they are independent with mean zero. */
export interface ImitationDraw {
  readonly v: Float64Array;
  readonly labels: Float64Array | null;
  readonly zeroMean: boolean;
}

/** Output vectors for the rows of a batch at x, with uniforms from `next`. */
export type ImitationVectors = (model: SupervisedModel, x: Float64Array, rows: Uint32Array, next: () => number) => ImitationDraw;

/** c_B from the batch size and whether the vectors are independent with mean zero. */
export type BatchScale = (batchSize: number, zeroMean: boolean) => number;

export const honestBatchScale: BatchScale = (batchSize, zeroMean) => (zeroMean ? batchSize : 1);

/** Defect: c_B = 1 whatever the vectors, so a zero-mean imitation is B times too small in expectation. */
export const dropBatchScale: BatchScale = () => 1;

/** Whether ∇²_pℓ has rank one for this model, as the `deterministic` rule needs. */
export function rankOneOutputHessian(model: Pick<SupervisedModel, 'loss' | 'outputs'>): boolean {
  return model.loss === 'logistic' || (model.loss === 'squared' && model.outputs === 1);
}

const sampled: ImitationVectors = (model, x, rows, next) => {
  const labels = sampleLabels(model, x, rows, next);
  return { v: outputGradients(model, x, rows, labels), labels, zeroMean: true };
};

const deterministicSigns: ImitationVectors = (model, x, rows, next) => {
  const loss = OUTPUT_LOSS[model.loss];
  const k = model.outputs;
  const p = model.predict(x, rows);
  const v = new Float64Array(rows.length * k);
  const signs: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (const column of outputHessianFactor(loss, p.subarray(i * k, (i + 1) * k))) {
      const sign = next() < 0.5 ? -1 : 1;
      signs.push(sign);
      for (let j = 0; j < k; j++) v[i * k + j] += sign * column[j];
    }
  }
  return { v, labels: Float64Array.from(signs), zeroMean: true };
};

const deterministic: ImitationVectors = (model, x, rows) => {
  if (!rankOneOutputHessian(model)) throw new Error(`imitation 'deterministic' needs a rank-one output Hessian (logistic, or squared with one output), not ${model.loss} with ${model.outputs} outputs`);
  const loss = OUTPUT_LOSS[model.loss];
  const p = model.predict(x, rows);
  return { v: p.map((_, i) => outputHessianFactor(loss, p.subarray(i, i + 1))[0][0]), labels: null, zeroMean: false };
};

export const IMITATION_VECTORS: Readonly<Record<ImitationRule, ImitationVectors>> = { sampled, 'deterministic-signs': deterministicSigns, deterministic };

/** Defect: vᵢ = ∇_pℓ(pᵢ, yᵢ) with the training labels, so that c_B·E[h∘h] is the empirical Fisher's diagonal, not the GGN's. */
export const trainingLabels: ImitationVectors = (model, x, rows) => ({ v: outputGradients(model, x, rows), labels: null, zeroMean: true });

/** h = (1/B)·Σ Jᵢᵀvᵢ, the gradient of the auxiliary loss with v frozen, and the term c_B·h∘h it contributes. */
export function imitationTerm(
  model: SupervisedModel,
  x: Float64Array,
  rows: Uint32Array,
  next: () => number,
  vectors: ImitationVectors,
  batchScale: BatchScale,
): { readonly imitation: Float64Array; readonly squares: Float64Array; readonly labels: Float64Array | null; readonly batchScale: number } {
  const draw = vectors(model, x, rows, next);
  const h = model.pullback(x, rows, draw.v);
  const c = batchScale(rows.length, draw.zeroMean);
  return { imitation: h, squares: h.map((hj) => c * hj * hj), labels: draw.labels, batchScale: c };
}
