import fc from 'fast-check';
import type { Instance } from '../problems/instance.js';
import { batchSizeRefusal, MINIBATCH_SIZE_LIMIT, SAMPLING_RULES } from '../problems/minibatch.js';
import { supervisedModelOf } from '../problems/supervised-model.js';
import { adam, type AdamOptions } from '../solvers/adam.js';
import {
  ACCUMULATORS,
  adamDenominator,
  diagonalScaling,
  type DiagonalScalingOptions,
  type DiagonalScalingParts,
  HYBRID_RULES,
  SCALING_FORMS,
  SECOND_MOMENT_INPUTS,
} from '../solvers/diagonal-scaling.js';
import { honestBatchScale, IMITATION_RULES, IMITATION_VECTORS, rankOneOutputHessian } from '../solvers/imitation-vector.js';
import type { StoppingRule } from '../solvers/iteration-record.js';
import type { Method, MethodOptions } from './method.js';

/** Adam's options as a scenario names them: the solver's (src/solvers/adam.ts) without the stopping rule and metric */
export type AdamMethodOptions = MethodOptions & Omit<AdamOptions, keyof StoppingRule | 'metric'>;
/** LEHI's options as a scenario names them: the shared loop's (src/solvers/diagonal-scaling.ts) without the stopping rule and metric */
export type LehiMethodOptions = MethodOptions & Omit<DiagonalScalingOptions, keyof StoppingRule | 'metric'>;

const ADAM_DEFAULTS: AdamMethodOptions = { alpha: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, batch: 0, sampling: 'with-replacement', seed: 0 };
const LEHI_DEFAULTS: LehiMethodOptions = { ...ADAM_DEFAULTS, accumulator: 'imitation', imitation: 'sampled', hybridRule: 'max', hybridWeight: 0.5, form: 'adam' };

function validateAdam(o: AdamMethodOptions | LehiMethodOptions, beta2MayBeOne: boolean): true | string {
  if (!(typeof o.alpha === 'number' && o.alpha > 0 && Number.isFinite(o.alpha))) return `alpha must be a finite number > 0, got ${String(o.alpha)}`;
  if (!(typeof o.beta1 === 'number' && o.beta1 >= 0 && o.beta1 < 1)) return `beta1 must lie in [0, 1), got ${String(o.beta1)}`;
  if (!(typeof o.beta2 === 'number' && o.beta2 >= 0 && (o.beta2 < 1 || (beta2MayBeOne && o.beta2 === 1)))) return `beta2 must lie in [0, ${beta2MayBeOne ? '1]' : '1)'}, got ${String(o.beta2)}`;
  if (!(typeof o.epsilon === 'number' && o.epsilon > 0 && Number.isFinite(o.epsilon))) return `epsilon must be a finite number > 0, got ${String(o.epsilon)}`;
  if (!(Number.isInteger(o.batch) && o.batch >= 0 && o.batch <= MINIBATCH_SIZE_LIMIT)) return `batch must be an integer in [0, 2²⁰], got ${String(o.batch)}`;
  if (!(SAMPLING_RULES as readonly unknown[]).includes(o.sampling)) return `sampling must be one of ${SAMPLING_RULES.join(', ')}, got ${String(o.sampling)}`;
  if (!(Number.isInteger(o.seed) && Math.abs(o.seed) <= 2 ** 31)) return `seed must be an integer in [−2³¹, 2³¹], got ${String(o.seed)}`;
  return true;
}

function validateLehi(o: LehiMethodOptions): true | string {
  if (!(SCALING_FORMS as readonly unknown[]).includes(o.form)) return `form must be one of ${SCALING_FORMS.join(', ')}, got ${String(o.form)}`;
  const common = validateAdam(o, o.form === 'defossez');
  if (common !== true) return common;
  if (!(ACCUMULATORS as readonly unknown[]).includes(o.accumulator)) return `accumulator must be one of ${ACCUMULATORS.join(', ')}, got ${String(o.accumulator)}`;
  if (!(IMITATION_RULES as readonly unknown[]).includes(o.imitation)) return `imitation must be one of ${IMITATION_RULES.join(', ')}, got ${String(o.imitation)}`;
  if (!(HYBRID_RULES as readonly unknown[]).includes(o.hybridRule)) return `hybridRule must be one of ${HYBRID_RULES.join(', ')}, got ${String(o.hybridRule)}`;
  if (!(typeof o.hybridWeight === 'number' && o.hybridWeight >= 0 && o.hybridWeight <= 1)) return `hybridWeight must lie in [0, 1], got ${String(o.hybridWeight)}`;
  return true;
}

/** Where a minibatch method on a supervised model applies: a model, and a batch the sampling rule can draw. */
function appliesToModel(instance: Instance, o: AdamMethodOptions | LehiMethodOptions): true | string {
  const model = supervisedModelOf(instance.problem);
  if (!model) return 'needs a supervised model (minibatch gradients and pullbacks)';
  return batchSizeRefusal(model.rowCount, o.batch, o.sampling) ?? true;
}

/** Adam, LEHI and LEHIBRID state no convergence on nonconvex f (a bounded-gradient Défossez-type bound on E‖∇F(x_τ)‖² at best). */
function mayDiverge(instance: Instance): string | null {
  const convexity = instance.certificate.convexity;
  return convexity === 'convex' || convexity === 'strongly-convex' ? null : 'a diagonal-scaling method with a constant step states no convergence on nonconvex f: its step α·m̂/(√ŝ + ε) can overshoot';
}

function simpler<O extends MethodOptions>(defaults: O, keys: readonly (keyof O)[]): (o: O) => O[] {
  return (o) => keys.filter((key) => o[key] !== defaults[key]).map((key) => ({ ...o, [key]: defaults[key] }));
}

const adamOptions = {
  alpha: fc.constantFrom(1e-3, 1e-2, 1e-1),
  beta1: fc.constantFrom(0, 0.9),
  beta2: fc.constantFrom(0.99, 0.999),
  epsilon: fc.constantFrom(1e-8, 1e-4),
  batch: fc.constantFrom(0, 1, 8, 32),
  sampling: fc.constantFrom(...SAMPLING_RULES),
  seed: fc.integer({ min: 0, max: 1000 }),
};

/** Adam as PyTorch runs it (src/solvers/adam.ts), the independent reference of LEHI's shared loop. */
export const adamMethod: Method<AdamMethodOptions> = {
  id: 'adam',
  title: 'Adam: minibatch gradient scaled by bias-corrected EMAs, α·m̂/(√v̂ + ε)',
  capabilities: ['diagonal-scaling'],
  options: fc.record(adamOptions),
  defaults: ADAM_DEFAULTS,
  simplerOptions: simpler(ADAM_DEFAULTS, ['batch', 'beta1', 'sampling', 'seed']),
  validate: (o) => validateAdam(o, false),
  float64Only: true,
  mayDiverge,
  applies: (instance, _model, o) => appliesToModel(instance, o),
  run: (input, o) => adam(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric }),
};

export const HONEST_DIAGONAL_SCALING_PARTS = (o: Pick<LehiMethodOptions, 'imitation'>): DiagonalScalingParts => ({
  secondMomentInput: SECOND_MOMENT_INPUTS,
  imitationVectors: IMITATION_VECTORS[o.imitation],
  batchScale: honestBatchScale,
  adamDenominator,
});

/** LEHI with some of its parts swapped (src/solvers/diagonal-scaling.ts, DiagonalScalingParts), recording the same options. */
export function lehiMethodWith(parts: Partial<DiagonalScalingParts>): Method<LehiMethodOptions> {
  return { ...lehiMethod, id: 'lehi+parts', run: (input, o) => diagonalScaling(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric }, { ...HONEST_DIAGONAL_SCALING_PARTS(o), ...parts }) };
}

/**
 * LEHI (Zhu et al. 2026, arXiv 2605.06945, reconstructed [R]: docs/theory.md#diagonal-scaling-methods): Adam's update with
 * the second moment accumulating the imitation term c_B·h∘h of an auxiliary loss; accumulator `hybrid`
 * is LEHIBRID, `squared-gradient` is Adam through the same loop.
 */
export const lehiMethod: Method<LehiMethodOptions> = {
  id: 'lehi',
  title: 'LEHI: Adam-like step whose second moment imitates diag of the Gauss–Newton matrix by an auxiliary loss',
  capabilities: ['diagonal-scaling'],
  // the defossez form is drawn as Adagrad (β1 = 0, β2 = 1) half the time
  options: fc
    .tuple(
      fc.record({
        ...adamOptions,
        accumulator: fc.constantFrom(...ACCUMULATORS),
        imitation: fc.constantFrom('sampled' as const, 'deterministic-signs' as const),
        hybridRule: fc.constantFrom(...HYBRID_RULES),
        hybridWeight: fc.constantFrom(0.25, 0.5),
        form: fc.constantFrom(...SCALING_FORMS),
      }),
      fc.boolean(),
    )
    .map(([o, adagrad]) => (o.form === 'defossez' && adagrad ? { ...o, beta1: 0, beta2: 1 } : o)),
  defaults: LEHI_DEFAULTS,
  simplerOptions: simpler(LEHI_DEFAULTS, ['accumulator', 'form', 'imitation', 'hybridRule', 'hybridWeight', 'batch', 'beta1', 'sampling', 'seed']),
  validate: validateLehi,
  float64Only: true,
  mayDiverge,
  applies: (instance, _model, o) => {
    const common = appliesToModel(instance, o);
    if (common !== true) return common;
    const model = supervisedModelOf(instance.problem);
    if (o.accumulator !== 'squared-gradient' && o.imitation === 'deterministic' && model && !rankOneOutputHessian(model)) return `imitation 'deterministic' needs a rank-one output Hessian, not ${model.loss} with ${model.outputs} outputs`;
    return true;
  },
  run: (input, o) => diagonalScaling(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric }, HONEST_DIAGONAL_SCALING_PARTS(o)),
};
