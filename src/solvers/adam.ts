import { cpuBackend } from '../backends/cpu.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { DiagonalScalingFields, StepRecord } from '../methods/step-record.js';
import { batchGradient } from '../problems/curvature.js';
import type { MetricSpec } from '../problems/instance.js';
import { minibatchSampler, type SamplingRule } from '../problems/minibatch.js';
import type { Oracle } from '../problems/oracle.js';
import { allRows, supervisedModelOf } from '../problems/supervised-model.js';
import { mixSeed } from '../random/prng.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface AdamOptions extends StoppingRule {
  readonly metric: MetricSpec;
  readonly alpha: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** rows per minibatch; 0: the full batch */
  readonly batch: number;
  readonly sampling: SamplingRule;
  /** minibatches draw from mixSeed(seed, 0) */
  readonly seed: number;
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1; torch.optim.Adam without weight decay or amsgrad) on minibatch
 * gradients of a supervised model, written on its own as the reference the shared diagonal-scaling
 * loop (diagonal-scaling.ts) must reproduce bit for bit with d = g∘g: at iteration n = k + 1,
 * m ← β1m + (1 − β1)g, v ← β2v + (1 − β2)g∘g, x ← x − α·(m/(1 − β1ⁿ))/(√(v/(1 − β2ⁿ)) + ε).
 * The record core's f and ∇f are the full-batch oracle's. In float64.
 */
export function adam(problem: Oracle, x0: Float64Array, options: AdamOptions): Generator<StepRecord & DiagonalScalingFields, SolverSummary, void> {
  const model = supervisedModelOf(problem);
  if (!model) throw new SolverConfigurationError('Adam: the problem has no supervised model');
  // the full-batch f and ∇f at each iterate are the records' (the step uses batchGradient): not counted as the method's calls
  const s = new SolverState('Adam', problem, x0, options.metric, cpuBackend(), { countIterateEvaluations: false });
  const { alpha, beta1, beta2, epsilon } = options;
  const sampler = options.batch > 0 ? minibatchSampler(model.rowCount, options.batch, options.sampling, mixSeed(options.seed, 0)) : null;
  const everyRow = allRows(model);
  const firstMoment = new Float64Array(x0.length);
  const secondMoment = new Float64Array(x0.length);
  return outerIterations(s, options, (start) => {
    const x = start.x;
    const n = start.k + 1;
    const batch = sampler ? sampler.next() : null;
    const rows = batch ?? everyRow;
    const g = batchGradient(model, x, rows);
    s.gradCalls += rows.length / model.rowCount;
    const squares = new Float64Array(g.length);
    const h = new Float64Array(g.length);
    const biasCorrection1 = 1 - beta1 ** n;
    const biasCorrection2 = 1 - beta2 ** n;
    for (let i = 0; i < g.length; i++) {
      squares[i] = g[i] * g[i];
      firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g[i];
      secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * squares[i];
      const mHat = firstMoment[i] / biasCorrection1;
      const vHat = secondMoment[i] / biasCorrection2;
      h[i] = -((alpha * mHat) / (Math.sqrt(vHat) + epsilon));
    }
    const record: DiagonalScalingFields = {
      batch,
      gradientEstimate: g,
      accumulator: 'squared-gradient',
      accumulated: squares,
      imitation: null,
      imitationLabels: null,
      batchScale: 1,
      firstMoment: firstMoment.slice(),
      secondMoment: secondMoment.slice(),
      beta1,
      beta2,
      epsilon,
      stepSize: alpha,
      form: 'adam',
    };
    return { record, step: { to: s.plus(h), h, accepted: true } };
  });
}
