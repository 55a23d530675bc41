/**
 * The draw of LEHI's imitation rule (src/solvers/imitation-vector.ts) at one row, enumerated exactly,
 * and what a run's records must show of it (docs/theory.md#lehi-output-condition):
 * - cells: the finitely many outcomes ξ of the rule's draw at output p with their probabilities π_ξ
 *   (`sampled` on softmax / logistic: the labels of the predictive distribution, reached by the lower end
 *   of each label's interval of the inverse-CDF draw; `deterministic-signs`: the 2^C sign patterns,
 *   each 2^−C; `deterministic`: one outcome), each vector v(p, ξ) computed by the rule itself;
 * - replay: the recorded h_k is the pullback of the vectors the recorded labels (or signs) give, bitwise
 *   (the same deterministic float64 operations as the method's);
 * - the label draw test: labels from the predictive distribution against the alternative "the training
 *   labels" (with weight ρ), an e-process whose running maximum exceeds 1/δ with probability ≤ δ under
 *   honest draws (Ville's inequality for a nonnegative martingale of mean 1).
 */
import { outputGradients, outputHessianFactor } from '../problems/curvature.js';
import { OUTPUT_LOSS, sigmoid, softmax } from '../problems/output-loss.js';
import { type SupervisedModel, supervisedModelOf } from '../problems/supervised-model.js';
import type { DiagonalScalingFields, StepRecord } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { IMITATION_VECTORS, type ImitationRule, type ImitationVectors } from '../solvers/imitation-vector.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { capability } from './method-capabilities.js';
import type { Assumption } from './theorem.js';

export type DiagonalScalingRecord = StepRecord & DiagonalScalingFields;

/** false-alarm probability of the label draw test */
export const DRAW_TEST_LEVEL = 1e-6;
/** the spacing of the uniforms of src/random/prng.ts's rng (multiples of 2^−32 in [0, 1)) */
const UNIFORM_SPACING = 2 ** -32;
/** ρ: the alternative's weight on the training labels (the rest on the predictive distribution) */
export const TRAINING_LABEL_WEIGHT = 0.9;
/** rows per record whose exact moments are formed (the first distinct ones of its batch) */
export const ROWS_PER_RECORD = 16;
/** the absolute error gradual underflow adds to one operation on operands of magnitude ≤ 1 (the smallest subnormal) */
const UNDERFLOW = 2 ** -1074;
/** sign patterns enumerated at most (2^C for C Hessian-factor columns) */
const MAX_SIGN_PATTERNS = 64;

export function diagonalScalingRecords(run: ScenarioRun): readonly DiagonalScalingRecord[] {
  return run.records as readonly DiagonalScalingRecord[];
}

/** The model of the run's problem without its call counter (a check must not count calls after the run). */
export function runModel(run: ScenarioRun): SupervisedModel {
  const problem = run.instance.problem as unknown as { oracle?: unknown };
  const model = supervisedModelOf((problem.oracle ?? run.instance.problem) as never);
  if (!model) throw new Error('runModel: the problem has no supervised model');
  return model;
}

/** LEHI with an imitation term on a supervised model (the accumulator is not Adam's g∘g). */
export const imitationRun: Assumption = {
  id: 'lehi-imitation-run',
  statement: 'a diagonal-scaling run whose second moment takes an imitation term c_B·h∘h (accumulator imitation or hybrid) on a supervised model',
  holds: (run) => {
    const c = capability('diagonal-scaling').holds(run);
    if (c !== true) return c;
    const o = run.methodOptions;
    if (o.accumulator !== 'imitation' && o.accumulator !== 'hybrid') return `the accumulator is '${String(o.accumulator ?? 'squared-gradient')}' (no imitation term)`;
    return supervisedModelOf(run.instance.problem) ? true : 'the problem has no supervised model';
  },
};

/** One outcome of the draw at a row: its probability, the uniforms that make the rule draw it, the vector the rule gives. */
export interface DrawCell {
  readonly probability: number;
  readonly v: Float64Array;
}

/** The enumerated draw at one row, and the scale its rounding allowance is taken relative to. */
export interface EnumeratedDraw {
  readonly cells: readonly DrawCell[];
  /** probability of outcomes the float64 inverse-CDF draw cannot reach (an interval shorter than its spacing): each |v_a v_b| ≤ 1 there */
  readonly unreachable: number;
  /** ∇²_pℓ(p) as the loss computes it (k × k) */
  readonly hessian: Float64Array;
  /** per entry (k × k), the terms the rounding allowance is relative to: Σ_ξ π_ξ|v_a||v_b| + ∇²_pℓ's own terms (δ_ab s_a + s_a s_b for softmax, 2σσ̄ for logistic) + (Σ_c|r_c,a|)(Σ_c|r_c,b|) for the signed rule + the unreachable probability */
  readonly scale: Float64Array;
  /** per entry (k), Σ_ξ π_ξ|v_a| + s_a (softmax) + Σ_c|r_c,a| (signed rule) */
  readonly meanScale: Float64Array;
  /** operations in the longest chain of the allowance (see docs/theory.md#lehi-output-condition) */
  readonly operations: number;
}

/** The rule does not draw as the model's law says (another label from a label's interval, more uniforms than its draw has). */
export class DrawMismatch extends Error {}

function scripted(uniforms: readonly number[]): () => number {
  let i = 0;
  return () => {
    if (i >= uniforms.length) throw new DrawMismatch('the imitation rule drew more uniforms than its draw has');
    return uniforms[i++];
  };
}

/** lower ends of the intervals [acc_{c−1}, acc_c) of output-loss.ts's inverse-CDF draw, with acc accumulated as there (empty: no float64 uniform draws c) */
function labelIntervals(s: Float64Array): { readonly lower: number; readonly empty: boolean }[] {
  const out: { lower: number; empty: boolean }[] = [];
  let lower = 0;
  let acc = s[0];
  for (let c = 0; c < s.length; c++) {
    const upper = c === s.length - 1 ? 1 : acc;
    out.push({ lower, empty: !(upper > lower) });
    lower = acc;
    if (c + 1 < s.length) acc += s[c + 1];
  }
  return out;
}

/**
 * The draw of `rule` at row `row` (output p there), enumerated: null where it is not a finite one (the
 * Gaussian draw of `sampled` on the squared loss) or has too many sign patterns.
 */
export function enumerateDraw(model: SupervisedModel, x: Float64Array, row: number, rule: ImitationRule): EnumeratedDraw | null {
  const loss = OUTPUT_LOSS[model.loss];
  const k = model.outputs;
  const rows = Uint32Array.of(row);
  const p = model.predict(x, rows);
  const hessian = loss.hessian(p);
  const draw = (uniforms: readonly number[]) => IMITATION_VECTORS[rule](model, x, rows, scripted(uniforms));
  const cells: DrawCell[] = [];
  let unreachable = 0;
  // the probabilities ∇²_pℓ is formed from (softmax; σ(p), σ(−p)); none for the squared loss, whose ∇²_pℓ = I is exact
  const probabilities = model.loss === 'squared' ? null : model.loss === 'logistic' ? Float64Array.of(sigmoid(p[0]), sigmoid(-p[0])) : softmax(p);
  // Σ_c|r_c| over the factor columns, for the signed rule whose vectors are signed sums of them
  let factor: Float64Array | null = null;
  if (rule === 'sampled') {
    if (!probabilities) return null;
    const labelOf = (c: number): number => (model.loss === 'logistic' ? (c === 0 ? 1 : -1) : c);
    // logistic: +1 for u < σ(p), −1 for u ≥ σ(p)
    const intervals = model.loss === 'logistic' ? [{ lower: 0, empty: !(probabilities[0] > 0) }, { lower: probabilities[0], empty: !(1 > probabilities[0]) }] : labelIntervals(probabilities);
    for (let c = 0; c < probabilities.length; c++) {
      if (probabilities[c] === 0) continue;
      if (intervals[c].empty) {
        unreachable += probabilities[c];
        continue;
      }
      const d = draw([intervals[c].lower]);
      if (!d.labels || d.labels[0] !== labelOf(c)) throw new DrawMismatch(`the rule drew label ${d.labels?.[0]} from the lower end of label ${labelOf(c)}'s interval`);
      cells.push({ probability: probabilities[c], v: d.v });
    }
  } else if (rule === 'deterministic-signs') {
    const columns = outputHessianFactor(loss, p);
    const count = 2 ** columns.length;
    if (count > MAX_SIGN_PATTERNS) return null;
    for (let pattern = 0; pattern < count; pattern++) {
      const uniforms = columns.map((_, c) => ((pattern >> c) & 1 ? 0.75 : 0.25));
      cells.push({ probability: 1 / count, v: draw(uniforms).v });
    }
    factor = new Float64Array(k);
    for (const r of columns) for (let a = 0; a < k; a++) factor[a] += Math.abs(r[a]);
  } else {
    cells.push({ probability: 1, v: draw([]).v });
  }
  const scale = new Float64Array(k * k);
  const meanScale = new Float64Array(k);
  for (const { probability, v } of cells) {
    for (let a = 0; a < k; a++) {
      meanScale[a] += probability * Math.abs(v[a]);
      for (let b = 0; b < k; b++) scale[a * k + b] += probability * Math.abs(v[a]) * Math.abs(v[b]);
    }
  }
  for (let a = 0; a < k; a++) {
    if (factor) meanScale[a] += factor[a];
    if (probabilities && model.loss !== 'logistic') meanScale[a] += probabilities[a];
    for (let b = 0; b < k; b++) {
      let terms = unreachable;
      // ∇²_pℓ's own terms: δ_ab s_a + s_a s_b (softmax), 2σ(p)σ(−p) (logistic: the product and the normalization)
      if (probabilities) terms += model.loss === 'logistic' ? 2 * probabilities[0] * probabilities[1] : (a === b ? probabilities[a] : 0) + probabilities[a] * probabilities[b];
      if (factor) terms += factor[a] * factor[b];
      scale[a * k + b] += terms;
    }
  }
  // the enumeration's sum over the cells, the vector's own formation over ≤ k terms, the probabilities' normalization over ≤ k terms, and a few products
  const operations = 2 * cells.length + 2 * k + 10;
  return { cells, unreachable, hessian, scale, meanScale, operations };
}

/** E_ξ[v vᵀ] (k × k) and E_ξ[v] (k) over the enumerated cells, in float64. */
export function drawMoments(draw: EnumeratedDraw, k: number): { readonly second: Float64Array; readonly mean: Float64Array } {
  const second = new Float64Array(k * k);
  const mean = new Float64Array(k);
  for (const { probability, v } of draw.cells) {
    for (let a = 0; a < k; a++) {
      mean[a] += probability * v[a];
      for (let b = 0; b < k; b++) second[a * k + b] += probability * v[a] * v[b];
    }
  }
  return { second, mean };
}

/** |ρ·E[vvᵀ] − ∇²_pℓ| against its allowance, entry by entry: the worst ratio and its entry. */
export function secondMomentRatio(draw: EnumeratedDraw, k: number, rho: number, u: number): { readonly ratio: number; readonly entry: string } {
  const { second } = drawMoments(draw, k);
  const g = gammaConstant(draw.operations, u);
  let ratio = 0;
  let entry = '';
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const i = a * k + b;
      const deviation = Math.abs(rho * second[i] - draw.hessian[i]);
      const allowed = g * Math.max(rho, 1) * draw.scale[i] * (1 + gammaConstant(3, u)) + draw.unreachable * rho + Math.max(rho, 1) * draw.operations * UNDERFLOW;
      const r = deviation === 0 ? 0 : deviation / allowed;
      if (!(r <= ratio)) {
        ratio = r;
        entry = `(${a},${b}): ${rho === 1 ? '' : `${rho}·`}E[vvᵀ] = ${(second[i] * rho).toExponential(6)} vs ∇²ℓ = ${draw.hessian[i].toExponential(6)}`;
      }
    }
  }
  return { ratio, entry };
}

/** |E[v]| against its allowance: the worst ratio and its entry. */
export function meanRatio(draw: EnumeratedDraw, k: number, u: number): { readonly ratio: number; readonly entry: string } {
  const { mean } = drawMoments(draw, k);
  const g = gammaConstant(draw.operations, u);
  let ratio = 0;
  let entry = '';
  for (let a = 0; a < k; a++) {
    const allowed = g * draw.meanScale[a] + draw.unreachable + draw.operations * UNDERFLOW;
    const r = mean[a] === 0 ? 0 : Math.abs(mean[a]) / allowed;
    if (!(r <= ratio)) {
      ratio = r;
      entry = `E[v]_${a} = ${mean[a].toExponential(3)}`;
    }
  }
  return { ratio, entry };
}

/** The first distinct rows of a batch, at most `limit`. */
export function firstDistinctRows(rows: Uint32Array, limit: number): number[] {
  const out: number[] = [];
  for (const r of rows) {
    if (out.length >= limit) break;
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

/** The rows of a record's batch (all rows for the full batch). */
export function recordRows(model: SupervisedModel, r: DiagonalScalingRecord): Uint32Array {
  return r.batch ?? Uint32Array.from({ length: model.rowCount }, (_, i) => i);
}

/**
 * The recorded h_k against the pullback of the vectors its recorded draw gives (`sampled`: ∇_pℓ(pᵢ, ŷᵢ)
 * with the recorded labels; `deterministic-signs`: the rule replayed with uniforms giving the recorded
 * signs; `deterministic`: the rule itself), bitwise; and for accumulator `imitation` the recorded d_k
 * against fl(c_B·h_j·h_j). A string says what differs, null: all equal.
 */
export function replayMismatch(model: SupervisedModel, r: DiagonalScalingRecord, rule: ImitationRule, accumulator: unknown): string | null {
  const rows = recordRows(model, r);
  if (!r.imitation) return 'no imitation vector h recorded';
  let v: Float64Array;
  if (rule === 'sampled') {
    if (!r.imitationLabels) return 'the sampled rule recorded no labels: h is not the pullback of a recorded draw';
    v = outputGradients(model, r.x, rows, r.imitationLabels);
  } else if (rule === 'deterministic-signs') {
    if (!r.imitationLabels) return 'the signed rule recorded no signs';
    const signs = r.imitationLabels;
    let draw: ReturnType<ImitationVectors>;
    try {
      draw = IMITATION_VECTORS[rule](model, r.x, rows, scripted(Array.from(signs, (sign) => (sign < 0 ? 0.25 : 0.75))));
    } catch (e) {
      return `the recorded signs (${signs.length} for ${rows.length} rows) do not replay: ${(e as Error).message}`;
    }
    if (!draw.labels || draw.labels.length !== signs.length || draw.labels.some((sign, i) => sign !== signs[i])) return 'the recorded signs do not replay';
    v = draw.v;
  } else {
    v = IMITATION_VECTORS[rule](model, r.x, rows, scripted([])).v;
  }
  const h = model.pullback(r.x, rows, v);
  for (let j = 0; j < h.length; j++) if (!Object.is(h[j], r.imitation[j])) return `h_${j} = ${r.imitation[j]} recorded, ${h[j]} from the recorded draw`;
  if (accumulator === 'imitation') {
    const c = r.batchScale;
    for (let j = 0; j < h.length; j++) if (!Object.is(r.accumulated[j], c * h[j] * h[j])) return `d_${j} = ${r.accumulated[j]} recorded, c_B·h_j² = ${c * h[j] * h[j]}`;
  }
  return null;
}

/**
 * The label draw test over a run's records (rule `sampled`, softmax or logistic): the e-process
 * E_t = Π over rows so far of (ρ·1[ŷᵢ = yᵢ]/q(yᵢ) + 1 − ρ), q(y) = π̂(y) + 2^−32 + 3γ_{K+2} ≥ the probability
 * that the inverse-CDF draw from a uniform on the 2^−32 grid gives y (K outcomes): its interval
 * [fl(Σ_{i<y}π̂ᵢ), fl(Σ_{i≤y}π̂ᵢ)) of output-loss.ts' cumulative sums has endpoints within γ_{K−1}·Σπ̂ of the
 * exact partial sums, and the last interval ends at 1, |1 − Σπ̂| ≤ γ_K (softmax's K-term sum and division), so
 * its length is ≤ π̂(y) + 2γ_{K−1}(1 + γ_K) + γ_K ≤ π̂(y) + 3γ_{K+2} (logistic, K = 2: |1 − σ̂(p) − σ̂(−p)| ≤ γ₃,
 * both from one fl(1 + e^{−|p|})), plus one grid point. Each factor then has conditional mean ≤ 1 while the
 * labels are the rule's draws: a nonnegative supermartingale from 1; its running maximum in logs, and the rows seen.
 */
export class LabelDrawEvidence {
  logE = 0;
  maxLogE = 0;
  rows = 0;
  where = '';

  see(model: SupervisedModel, r: DiagonalScalingRecord): void {
    const labels = r.imitationLabels;
    if (!labels) return;
    const rows = recordRows(model, r);
    const p = model.predict(r.x, rows);
    const k = model.outputs;
    for (let i = 0; i < rows.length; i++) {
      const y = model.label(rows[i])[0];
      const out = p.subarray(i * k, (i + 1) * k);
      const outcomes = model.loss === 'logistic' ? 2 : k;
      const q = (model.loss === 'logistic' ? sigmoid(y * out[0]) : softmax(out)[y]) + UNIFORM_SPACING + 3 * gammaConstant(outcomes + 2, 2 ** -53);
      const same = labels[i] === y;
      this.logE += Math.log(same ? TRAINING_LABEL_WEIGHT / q + 1 - TRAINING_LABEL_WEIGHT : 1 - TRAINING_LABEL_WEIGHT);
      this.rows++;
      if (this.logE > this.maxLogE) {
        this.maxLogE = this.logE;
        this.where = `k=${r.k}, after ${this.rows} rows`;
      }
    }
  }

  /** max_t ln E_t / ln(1/δ): above 1, labels this close to the training labels have probability ≤ δ under honest draws */
  ratio(): number {
    return this.maxLogE / Math.log(1 / DRAW_TEST_LEVEL);
  }
}

/** The label draw test applies: the `sampled` rule on a loss with finitely many labels. */
export function drawTestApplies(model: SupervisedModel, rule: ImitationRule): boolean {
  return rule === 'sampled' && model.loss !== 'squared';
}
