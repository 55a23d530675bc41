import type { Backend, BackendGradient, BackendPoint } from '../backends/backend.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import { allFinite } from '../linalg/vector.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { GnsRecord, GnsSummary, GnsTrial } from './gns-record.js';
import type { SolverStatus, StoppingRule } from './iteration-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { SolverState } from './solver-state.js';
import { applyHessian, type BackendHessian, hessianAt, prepareStep } from './regularized-step.js';

/**
 * Algorithm 1 of Semenov, Jaggi & Doikov with the adaptive search (spec §3.1, §3.3):
 *   x⁺ = x − (H + λB)⁻¹∇f(x),  λ = ‖∇f(x)‖_* /γ,
 * a trial accepted when f(x) − f(x⁺) ≥ ‖∇f(x⁺)‖²_* /(8λ) (Lemma 1), γ doubled on acceptance and
 * halved on rejection.
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
}

/** The trial whose step is applied. */
interface TakenStep<V> {
  readonly lambda: number;
  readonly h: V;
  readonly xNext: BackendPoint<V>;
  readonly fNext: number;
  readonly gNext: BackendGradient<V>;
  readonly aNext: number;
}

/** The search's constants of one run. */
interface SearchRule {
  readonly reference: boolean;
  readonly eps: number;
  readonly gammaMin: number;
  readonly maxTrials: number;
}

export function* gns<V, M>(
  problem: Oracle,
  hessian: HessianModel,
  x0: Float64Array,
  options: GnsOptions,
  backend: Backend<V, M>,
): Generator<GnsRecord, GnsSummary, void> {
  const reference = options.mode === 'reference';
  const rule: SearchRule = { reference, eps: reference ? (options.eps ?? 1e-8) : 0, gammaMin: reference ? (options.gammaMin ?? 1e-9) : 0, maxTrials: options.maxTrials ?? 41 };
  const gamma0 = options.gamma0 ?? 1;
  if (!(gamma0 > 0) || !(rule.maxTrials >= 1) || !(options.maxIters >= 0)) {
    throw new SolverConfigurationError('gns: gamma0 must be > 0, maxTrials ≥ 1 and maxIters ≥ 0');
  }
  const s = new SolverState('gns', problem, x0, options.metric, backend);
  const history = { f: [] as number[], gradNorm: [] as number[], gammaStart: [] as number[], gradCalls: [] as number[] };
  let gamma = gamma0;
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
      const iteration = backend.scoped(() => searchStep(s, hessian, k, gamma, rule));
      gamma = iteration.gamma;
      yield iteration.record;
      const { trials, exhausted, stepTaken } = iteration.record;
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
 * Outer iteration k: the adaptive search from γ (doubled on acceptance, halved otherwise), the step
 * applied to the state where taken, and the record; returns γ for the next iteration.
 */
function searchStep<V, M>(s: SolverState<V, M>, hessian: HessianModel, k: number, gammaStart: number, rule: SearchRule): { record: GnsRecord; gamma: number } {
  const { backend } = s;
  const a = s.gradNorm;
  const h = hessianAt(hessian, s, k);
  // H, B and g are fixed across the trials: set up once (the factor-free part of every trial)
  const steps = prepareStep(backend, h, s.metric, s.gradient.v);
  const start = { k, x: s.x, f: s.fx, g: s.g, a, gammaStart, gradCalls: s.gradCalls, fCalls: s.fCalls };
  const trials: GnsTrial[] = [];
  let gamma = gammaStart;
  let failures = 0;
  let taken: TakenStep<V> | null = null;
  let acceptedGamma: number | null = null;
  for (let i = 0; i < rule.maxTrials; i++) {
    const lambda = a / (gamma + rule.eps);
    const step = steps.at(lambda);
    if (!step.ok) {
      failures++;
      trials.push({ gamma, lambda, outcome: 'not-positive-definite' });
      gamma /= 2;
      continue;
    }
    const xNext = s.plus(step.h);
    const fNext = s.f(xNext);
    const gNext = s.grad(xNext);
    const aNext = allFinite(gNext.g) ? s.dualNorm(gNext) : NaN;
    const candidate = { lambda, h: step.h, xNext, fNext, gNext, aNext };
    if (!Number.isFinite(fNext) || !Number.isFinite(aNext)) {
      trials.push({ gamma, lambda, outcome: 'non-finite', fNext, gradNormNext: aNext, solveResidual: step.solveResidual });
      if (rule.reference) taken = candidate;
      gamma /= 2;
      continue;
    }
    if (s.fx - fNext >= (aNext * aNext) / (8 * lambda)) {
      trials.push({ gamma, lambda, outcome: 'accepted', fNext, gradNormNext: aNext, solveResidual: step.solveResidual });
      acceptedGamma = gamma;
      taken = candidate;
      gamma = Math.max(2 * gamma, rule.gammaMin);
      break;
    }
    trials.push({ gamma, lambda, outcome: 'rejected', fNext, gradNormNext: aNext, solveResidual: step.solveResidual });
    if (rule.reference) taken = candidate;
    gamma /= 2;
  }
  const exhausted = acceptedGamma === null;
  const stepTaken = taken !== null && (!exhausted || rule.reference);
  const record = stepRecord(backend, { ...start, gv: s.gradient.v, acceptedGamma, trials, failures, exhausted, stepTaken, taken: stepTaken ? taken : null, h, metric: s.metric });
  if (stepTaken && taken) s.moveTo(taken.xNext, { f: taken.fNext, g: taken.gNext, gradNorm: taken.aNext });
  return { record, gamma };
}

function stepRecord<V, M>(
  backend: Backend<V, M>,
  s: {
    k: number;
    x: Float64Array;
    f: number;
    g: Float64Array;
    gv: V;
    a: number;
    gammaStart: number;
    acceptedGamma: number | null;
    trials: GnsTrial[];
    failures: number;
    exhausted: boolean;
    stepTaken: boolean;
    taken: TakenStep<V> | null;
    h: BackendHessian<V, M>;
    metric: { norm(h: V): number; dualNorm(s: V): number };
    gradCalls: number;
    fCalls: number;
  },
): GnsRecord {
  const base = {
    k: s.k,
    x: s.x,
    f: s.f,
    g: s.g,
    gradNorm: s.a,
    gammaStart: s.gammaStart,
    gammaAccepted: s.acceptedGamma,
    trials: s.trials,
    factorizationFailures: s.failures,
    exhausted: s.exhausted,
    stepTaken: s.stepTaken,
    accepted: s.stepTaken && s.acceptedGamma !== null,
    gradCalls: s.gradCalls,
    fCalls: s.fCalls,
  };
  const t = s.taken;
  if (!t) {
    return { ...base, lambda: NaN, h: null, stepNorm: NaN, gh: NaN, hHh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN, residualNorm: NaN, sigma: NaN };
  }
  const hH = applyHessian(backend, s.h, t.h);
  const stepNorm = s.metric.norm(t.h);
  const residual = backend.sub(backend.sub(t.gNext.v, s.gv), hH);
  const residualNorm = s.metric.dualNorm(residual);
  return {
    ...base,
    lambda: t.lambda,
    h: backend.toFloat64(t.h),
    stepNorm,
    gh: backend.dot(s.gv, t.h),
    hHh: backend.dot(hH, t.h),
    fNext: t.fNext,
    gNext: t.gNext.g,
    gradNormNext: t.aNext,
    residualNorm,
    sigma: residualNorm / (t.lambda * stepNorm),
  };
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
