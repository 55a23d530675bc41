import { cpuBackend } from '../backends/cpu.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { DiagonalScalingFields, StepRecord } from '../methods/step-record.js';
import { batchGradient } from '../problems/curvature.js';
import type { MetricSpec } from '../problems/instance.js';
import { minibatchSampler, type SamplingRule } from '../problems/minibatch.js';
import type { Oracle } from '../problems/oracle.js';
import { allRows, supervisedModelOf } from '../problems/supervised-model.js';
import { mixSeed, rng } from '../random/prng.js';
import { type BatchScale, imitationTerm, type ImitationRule, type ImitationVectors } from './imitation-vector.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export type Accumulator = DiagonalScalingFields['accumulator'];
export const ACCUMULATORS: readonly Accumulator[] = ['squared-gradient', 'imitation', 'hybrid'];
export type ScalingForm = DiagonalScalingFields['form'];
export const SCALING_FORMS: readonly ScalingForm[] = ['adam', 'defossez'];
/** LEHIBRID's d_k (only its name is known [R]): `max` = max(g∘g, c_B·h∘h) entrywise, `convex` = θ·g∘g + (1 − θ)·c_B·h∘h */
export const HYBRID_RULES = ['max', 'convex'] as const;
export type HybridRule = (typeof HYBRID_RULES)[number];

export interface DiagonalScalingOptions extends StoppingRule {
  readonly metric: MetricSpec;
  readonly accumulator: Accumulator;
  readonly imitation: ImitationRule;
  readonly hybridRule: HybridRule;
  /** θ of the convex hybrid */
  readonly hybridWeight: number;
  readonly form: ScalingForm;
  readonly alpha: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** rows per minibatch; 0: the full batch */
  readonly batch: number;
  readonly sampling: SamplingRule;
  /** minibatches draw from mixSeed(seed, 0), imitation labels and signs from mixSeed(seed, 1) */
  readonly seed: number;
}

/** The second-moment input d_k from the minibatch gradient g and the imitation term q = c_B·h∘h (null where not computed). */
export type SecondMomentInput = (g: Float64Array, q: Float64Array | null, o: Pick<DiagonalScalingOptions, 'hybridRule' | 'hybridWeight'>) => Float64Array;

/** The denominator of Adam's form from the bias-corrected second moment ŝ: √ŝ + ε (PyTorch, Kingma & Ba 2015, Algorithm 1). */
export type AdamDenominator = (secondMomentHat: number, epsilon: number) => number;

/** The parts of the shared loop a power check may swap (each honest one is the default). */
export interface DiagonalScalingParts {
  readonly secondMomentInput: Readonly<Record<Accumulator, SecondMomentInput>>;
  readonly imitationVectors: ImitationVectors;
  readonly batchScale: BatchScale;
  readonly adamDenominator: AdamDenominator;
}

export const SECOND_MOMENT_INPUTS: Readonly<Record<Accumulator, SecondMomentInput>> = {
  'squared-gradient': (g) => g.map((gj) => gj * gj),
  imitation: (_g, q) => q as Float64Array,
  hybrid: (g, q, o) => {
    const imitated = q as Float64Array;
    const theta = o.hybridWeight;
    return g.map((gj, j) => (o.hybridRule === 'max' ? Math.max(gj * gj, imitated[j]) : theta * (gj * gj) + (1 - theta) * imitated[j]));
  },
};

export const adamDenominator: AdamDenominator = (sHat, epsilon) => Math.sqrt(sHat) + epsilon;

/** Défossez et al.'s step size at iteration n ≥ 1: αₙ = α(1 − β1)·√((1 − β2ⁿ)/(1 − β2)) for β2 < 1 (their Adam), α(1 − β1) for β2 = 1 (Adagrad at β1 = 0); Défossez, Bottou, Bach & Usunier (TMLR 2022, arXiv 2003.02395): αₙ of their Adam (Thm 2) and its momentum version (Thm 4), read (docs/theory.md#defossez-bound). */
export function defossezStepSize(alpha: number, beta1: number, beta2: number, n: number): number {
  return alpha * (1 - beta1) * (beta2 < 1 ? Math.sqrt((1 - beta2 ** n) / (1 - beta2)) : 1);
}

/**
 * A diagonal-scaling method on a supervised model: per iteration k (n = k + 1), a minibatch S_k (or the
 * full batch), g_k = ∇ of the batch loss, d_k = the second-moment input of the accumulator, then
 * - `adam` form: m = β1m + (1 − β1)g, s = β2s + (1 − β2)d, x ← x − α·m̂/(√ŝ + ε), m̂ = m/(1 − β1ⁿ), ŝ = s/(1 − β2ⁿ);
 * - `defossez` form (Défossez, Bottou, Bach, Usunier 2022): m = β1m + g, s = β2s + d, x ← x − αₙ·m/√(ε + s).
 * With d = g∘g the adam form is Adam and the defossez form at β1 = 0, β2 = 1 is Adagrad; with d = c_B·h∘h
 * it is LEHI as reconstructed (docs/theory.md#diagonal-scaling-methods), with the hybrid LEHIBRID. The record core's f and
 * ∇f are the full-batch oracle's. In float64.
 */
export function diagonalScaling(problem: Oracle, x0: Float64Array, options: DiagonalScalingOptions, parts: DiagonalScalingParts): Generator<StepRecord & DiagonalScalingFields, SolverSummary, void> {
  const model = supervisedModelOf(problem);
  if (!model) throw new SolverConfigurationError('diagonal scaling: the problem has no supervised model');
  // the full-batch f and ∇f at each iterate are the records' (the step uses batchGradient): not counted as the method's calls
  const s = new SolverState('diagonal scaling', problem, x0, options.metric, cpuBackend(), { countIterateEvaluations: false });
  const { accumulator, form, alpha, beta1, beta2, epsilon } = options;
  const sampler = options.batch > 0 ? minibatchSampler(model.rowCount, options.batch, options.sampling, mixSeed(options.seed, 0)) : null;
  const labelStream = rng(mixSeed(options.seed, 1));
  const everyRow = allRows(model);
  const accumulate = parts.secondMomentInput[accumulator];
  const m = new Float64Array(x0.length);
  const v = new Float64Array(x0.length);
  return outerIterations(s, options, (start) => {
    const x = start.x;
    const n = start.k + 1;
    const batch = sampler ? sampler.next() : null;
    const rows = batch ?? everyRow;
    // oracle calls in full-batch equivalents, as the supervised model counts them
    const epochs = rows.length / model.rowCount;
    const g = batchGradient(model, x, rows);
    s.gradCalls += epochs;
    const term = accumulator === 'squared-gradient' ? null : imitationTerm(model, x, rows, labelStream, parts.imitationVectors, parts.batchScale);
    if (term) s.gradCalls += epochs;
    const d = accumulate(g, term?.squares ?? null, options);
    const h = new Float64Array(x.length);
    let stepSize = alpha;
    if (form === 'adam') {
      const correction1 = 1 - beta1 ** n;
      const correction2 = 1 - beta2 ** n;
      for (let j = 0; j < x.length; j++) {
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * d[j];
        h[j] = -((alpha * (m[j] / correction1)) / parts.adamDenominator(v[j] / correction2, epsilon));
      }
    } else {
      stepSize = defossezStepSize(alpha, beta1, beta2, n);
      for (let j = 0; j < x.length; j++) {
        m[j] = beta1 * m[j] + g[j];
        v[j] = beta2 * v[j] + d[j];
        h[j] = -((stepSize * m[j]) / Math.sqrt(epsilon + v[j]));
      }
    }
    const record: DiagonalScalingFields = {
      batch,
      gradientEstimate: g,
      accumulator,
      accumulated: d,
      imitation: term?.imitation ?? null,
      imitationLabels: term?.labels ?? null,
      batchScale: term?.batchScale ?? 1,
      firstMoment: m.slice(),
      secondMoment: v.slice(),
      beta1,
      beta2,
      epsilon,
      stepSize,
      form,
    };
    return { record, step: { to: s.plus(h), h, accepted: true } };
  });
}
