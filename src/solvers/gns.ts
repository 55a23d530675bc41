import type { Backend } from '../backends/backend.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { adaptiveSearch } from './adaptive-search.js';
import { GNS_PARTS, type GnsParts } from './gns-parts.js';
import type { GnsRecord, GnsSummary } from './gns-record.js';
import type { SolverStatus, StoppingRule } from './iteration-record.js';
import { applyHessian, type BackendHessian, hessianAt, type StepContext } from './regularized-step.js';
import { type RunSearch, type SearchOutcome, type SearchPolicy, type SearchRule, searchRule } from './search-policy.js';
import { SolverState } from './solver-state.js';

/**
 * Algorithm 1 of Semenov, Jaggi & Doikov (docs/theory.md#algorithm-1-and-its-search):
 *   x⁺ = x − (H + λB)⁻¹∇f(x),  λ = ‖∇f(x)‖_* /γ,
 * composed of its parts (gns-parts.ts: the step solve, the λ rule, Lemma 1's acceptance test, the γ
 * update, the record) and a search policy choosing γ_k: the adaptive search (default,
 * adaptive-search.ts) or the ideal γ_k = θ·γ(x_k) (ideal-gamma.ts).
 *
 * reference mode: the authors' `grad_norm_smooth` — λ = ‖g‖_* /(γ + ε), γ ← max(2γ, γ_min) on accept
 * only, `maxTrials` trials, the last trial taken when none is accepted; but a failed factorization is
 * a rejected trial, never a stale step.
 * strict mode: λ = ‖g‖_* /γ, no floor, an exhausted search is flagged and not taken, ‖g‖ = 0 stops.
 */
export interface GnsOptions extends StoppingRule {
  readonly mode: 'reference' | 'strict';
  readonly metric: MetricSpec;
  readonly gamma0?: number;
  readonly eps?: number;
  readonly gammaMin?: number;
  readonly maxTrials?: number;
  /** how γ_k is chosen (default: the adaptive search) */
  readonly search?: SearchPolicy;
  /** parts swapped for Algorithm 1's own (GNS_PARTS) */
  readonly parts?: Partial<GnsParts>;
}

export function* gns<V, M>(
  problem: Oracle,
  hessian: HessianModel,
  x0: Float64Array,
  options: GnsOptions,
  backend: Backend<V, M>,
): Generator<GnsRecord, GnsSummary, void> {
  const rule = searchRule(options);
  const { reference } = rule;
  if (!(rule.maxTrials >= 1) || !(options.maxIters >= 0)) {
    throw new SolverConfigurationError('gns: maxTrials must be ≥ 1 and maxIters ≥ 0');
  }
  const parts: GnsParts = { ...GNS_PARTS, ...options.parts };
  const search = (options.search ?? adaptiveSearch).start({ problem, metric: options.metric, gamma0: options.gamma0 ?? 1 });
  const s = new SolverState('gns', problem, x0, options.metric, backend);
  const history = { f: [] as number[], gradNorm: [] as number[], gammaStart: [] as number[], gradCalls: [] as number[] };
  let gamma = search.gamma0;
  let previousStep: Float64Array | null = null;
  let status: SolverStatus = 'iterations_exceeded';
  let k = 0;
  try {
    for (; ; k++) {
      history.f.push(s.fx);
      history.gradNorm.push(s.gradNorm);
      history.gammaStart.push(gamma);
      history.gradCalls.push(s.gradCalls);
      const stop = s.stopStatus(options, k) ?? (!reference && s.gradNorm === 0 ? 'stationary' : null);
      if (stop) {
        status = stop;
        break;
      }
      if (!reference && gamma === 0) {
        status = 'stalled';
        break;
      }
      // what an iteration makes in the backend is released at its end, but the new iterate
      const context: StepContext = { k, previousStep };
      const iteration = backend.scoped(() => outerIteration(s, hessian, gamma, context, rule, parts, search));
      if (!iteration) {
        status = 'stalled';
        break;
      }
      gamma = iteration.gamma;
      const { record } = iteration;
      // γ_k as the policy chose it (the ideal policy carries none into the iteration)
      history.gammaStart[k] = record.gammaStart;
      if (record.h) previousStep = record.h;
      yield parts.report(record);
      const { trials, exhausted, stepTaken } = record;
      if (exhausted && !stepTaken && trials.some((t) => t.outcome === 'non-finite') && trials.every((t) => t.outcome !== 'rejected')) {
        // strict mode met only non-finite values (or failed factorizations): nothing left to try
        status = 'non-finite';
        k++;
        break;
      }
    }
  } finally {
    s.release();
  }
  return { ...s.summary(status, k), history };
}

/**
 * Outer iteration k: H_k, the steps h(λ), the policy's search, the step applied to the state where
 * one is taken, and the record; returns γ for the next iteration, or null when the policy could
 * compute no step.
 */
function outerIteration<V, M>(s: SolverState<V, M>, model: HessianModel, gamma: number, context: StepContext, rule: SearchRule, parts: GnsParts, search: RunSearch): { record: GnsRecord; gamma: number } | null {
  const { backend } = s;
  const { k } = context;
  const hessian = hessianAt(model, s, k);
  // H, B and g are fixed across the trials: set up once (the factor-free part of every trial)
  const steps = parts.solveStep(backend, hessian, s.metric, s.gradient.v, context);
  const start = { k, x: s.x, f: s.fx, g: s.g, gradNorm: s.gradNorm, gradCalls: s.gradCalls, fCalls: s.fCalls };
  const outcome = search.iterate({ state: s, k, gamma, hessian, steps, rule, parts });
  if (!outcome) return null;
  const record = Object.assign(stepRecord(backend, start, s, outcome, hessian), outcome.fields);
  const { taken } = outcome;
  if (taken) s.moveTo(taken.xNext, { f: taken.fNext, g: taken.gNext, gradNorm: taken.aNext });
  return { record, gamma: outcome.gammaNext };
}

/** The record of iteration k, from the state before the step taken moves it. */
function stepRecord<V, M>(
  backend: Backend<V, M>,
  start: { k: number; x: Float64Array; f: number; g: Float64Array; gradNorm: number; gradCalls: number; fCalls: number },
  s: SolverState<V, M>,
  outcome: SearchOutcome<V>,
  hessian: BackendHessian<V, M>,
): GnsRecord {
  const { search, taken: t } = outcome;
  const base = {
    k: start.k,
    x: start.x,
    f: start.f,
    g: start.g,
    gradNorm: start.gradNorm,
    gammaStart: search.gammaStart,
    gammaAccepted: search.gammaAccepted,
    trials: search.trials,
    factorizationFailures: search.factorizationFailures,
    exhausted: search.exhausted,
    stepTaken: t !== null,
    accepted: t !== null && search.gammaAccepted !== null,
    gradCalls: start.gradCalls,
    fCalls: start.fCalls,
  };
  if (!t) {
    return Object.assign(base, { lambda: NaN, h: null, stepNorm: NaN, gh: NaN, hHh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN, residualNorm: NaN, sigma: NaN });
  }
  const hH = applyHessian(backend, hessian, t.h);
  const { h, stepNorm, gh } = s.stepMeasures(t.h);
  const residual = backend.sub(backend.sub(t.gNext.v, s.gradient.v), hH);
  const residualNorm = s.metric.dualNorm(residual);
  return Object.assign(base, {
    lambda: t.lambda,
    h,
    stepNorm,
    gh,
    hHh: backend.dot(hH, t.h),
    fNext: t.fNext,
    gNext: t.gNext.g,
    gradNormNext: t.aNext,
    residualNorm,
    sigma: residualNorm / (t.lambda * stepNorm),
  });
}

/** Run a solver generator to its end, collecting the records. */
export function runToEnd<R, S>(run: Generator<R, S, void>): { records: R[]; summary: S } {
  const records: R[] = [];
  for (;;) {
    const next = run.next();
    if (next.done) return { records, summary: next.value };
    records.push(next.value);
  }
}
