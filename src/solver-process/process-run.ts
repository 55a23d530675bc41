import type { HessianValue } from '../hessians/hessian-model.js';
import { toDense } from '../hessians/dense-hessian.js';
import { dot } from '../linalg/vector.js';
import type { MethodInput } from '../methods/method.js';
import type { AdaptiveSearchFields, Capability, SearchTrial, StepRecord } from '../methods/step-record.js';
import { metricOf } from '../problems/metric.js';
import { hessianTimes } from '../theory/check-result.js';
import type { Oracle } from '../problems/oracle.js';
import type { GnsSummary } from '../solvers/gns-record.js';
import { type SolverStatus, type SolverSummary, stopStatus } from '../solvers/iteration-record.js';
import { MessageFields } from './message-fields.js';
import { PointValues } from './point-values.js';
import { runDeadline } from './run-deadline.js';
import { readHello } from './hello.js';
import { SolverSession } from './solver-session.js';
import { matrixToWire, PROTOCOL, toBase64, toWire, vectorToWire } from './wire.js';

/** What one run of a solver process is told: its command, what it declares, the options sent to it. */
export interface ProcessRunSpec {
  readonly command: string;
  readonly capabilities: readonly Capability[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** the time a run gets outside a harness case (a library call, a replay) */
const DEFAULT_LIMIT_MS = 120_000;
const TRIAL_OUTCOMES: readonly SearchTrial['outcome'][] = ['accepted', 'rejected', 'not-positive-definite', 'non-finite'];

const plus = (x: Float64Array, h: Float64Array): Float64Array => x.map((v, i) => v + h[i]);

function hessianAt(served: { x: Float64Array; value: HessianValue } | null, x: Float64Array): HessianValue | null {
  return served && served.x.every((v, i) => Object.is(v, x[i])) ? served.value : null;
}

/** a reported value against the oracle's, bit for bit (NaN equal to NaN) */
const same = (a: number, b: number): boolean => Object.is(a, b) || a === b;

/**
 * A run of a solver process (docs/solver-protocol.md): the harness serves the oracle, counting the
 * solver's calls, and builds each iteration's record from what the solver reports — f, ∇f and ‖∇f‖_*
 * at x_k, at x_k + h_k and at every trial point are the harness's own evaluations (uncounted). The
 * stopping rule is the harness's, applied at the start of each iteration as for every method.
 */
export function* runSolverProcess(input: MethodInput<unknown, unknown>, spec: ProcessRunSpec): Generator<StepRecord, SolverSummary, void> {
  const { problem, model, instance, stop } = input;
  const n = problem.dim;
  const x0 = input.x0;
  const metric = metricOf(instance.metric, n);
  const own: Oracle = 'oracle' in problem ? (problem as { oracle: Oracle }).oracle : problem;
  const values = new PointValues(own);
  const has = (c: Capability) => spec.capabilities.includes(c);
  const deadline = runDeadline(DEFAULT_LIMIT_MS);
  const session = new SolverSession(spec.command, n, deadline, Math.round((deadline - performance.now()) / 1000));
  const history = { f: [] as number[], gradNorm: [] as number[], gammaStart: [] as number[], gradCalls: [] as number[] };
  let calls = { f: 0, grad: 0 };
  /** the solver's calls before iteration k began: those made before it sent iteration k − 1 */
  let startCalls = { f: 0, grad: 0 };
  let evaluations = 0;
  const evaluationBudget = 1000 * (stop.maxIters + 1);
  let k = 0;
  /** H_k as served to the solver during iteration k (the record's H_k when served at x_k) */
  const served: { at: { x: Float64Array; value: HessianValue } | null } = { at: null };
  let last = { x: x0, f: NaN, gradNorm: NaN };
  /** where iteration k must start: x_{k−1} + h_{k−1} (x_{k−1} when it took no step), x0 for k = 0 */
  let due = x0;
  let lastRecord: StepRecord | null = null;
  try {
    hello(session, spec);
    session.send({
      type: 'problem',
      protocol: PROTOCOL,
      dim: n,
      x0: vectorToWire(x0),
      metric: instance.metric.kind === 'identity' ? { kind: 'identity' } : { kind: 'dense', B: matrixToWire(instance.metric.B) },
      stop: { maxIters: stop.maxIters, ...(stop.gradTol !== undefined ? { gradTol: toWire(stop.gradTol) } : {}) },
      options: spec.options,
    });
    for (;;) {
      const message = session.receive();
      const fields = new MessageFields(session, message, n);
      if (message.type === 'evaluate') {
        if (++evaluations > evaluationBudget) session.fault(`more than ${evaluationBudget} evaluate calls (1000·(maxIters + 1))`);
        const reply = evaluate(fields, problem, model, k, (x, value) => (served.at = { x, value }));
        calls = { f: calls.f + (reply.f !== undefined ? 1 : 0), grad: calls.grad + (reply.grad !== undefined ? 1 : 0) };
        values.served(reply.x, { f: reply.f, g: reply.grad });
        session.send(reply.message);
        continue;
      }
      if (message.type === 'iteration') {
        if (fields.integer('k') !== k) session.fault(`iteration k = ${String(message.k)} where ${k} was due`);
        const x = startsAtDue(fields, `iteration ${k}`);
        const { f, g, gradNorm } = arrive(x, fields);
        crossCheck(fields, k, f, g);
        const status = stopStatus(stop, k, f, gradNorm);
        if (status) {
          session.send({ type: 'stop', reason: status });
          session.close(1000);
          return summary(status);
        }
        // H_k at x_k: as served there, else evaluated (so that the run's recorded H_k is at x_k)
        const hessian = hessianAt(served.at, x) ?? (served.at !== null || has('regularized-step') ? model.at(x, k) : null);
        const { record, next } = iterationRecord(fields, x, f, g, gradNorm, hessian);
        lastRecord = record;
        due = next;
        startCalls = calls;
        session.send({ type: 'continue' });
        yield record;
        k++;
        served.at = null;
        continue;
      }
      if (message.type === 'end') {
        if (k === 0) session.fault('"end" before iteration 0: the solver took no iteration');
        const { f, gradNorm } = arrive(startsAtDue(fields, '"end"'), fields);
        session.close(1000);
        return summary(stopStatus(stop, k, f, gradNorm) ?? (onlyNonFinite(lastRecord) ? 'non-finite' : 'stalled'));
      }
      session.fault(message.type === 'hello' ? 'a second "hello"' : `a message of unknown type ${JSON.stringify(message.type)}`);
    }
  } finally {
    session.close(0);
  }

  /** the message's x, which must be where the run is due (=== : JSON carries −0 as 0) */
  function startsAtDue(fields: MessageFields, what: string): Float64Array {
    const x = fields.point('x');
    const i = x.findIndex((v, j) => v !== due[j]);
    if (i >= 0) fields.fail(`x[${i}]`, `is ${x[i]} where ${what} must start from ${due[i]} (${k === 0 ? "the problem's x0" : `x_${k - 1} + h_${k - 1}`}, float64 addition)`);
    return x;
  }

  /** x_k reached (an iteration's start, or the end): f, ∇f, ‖∇f‖_* there, and the start-of-iteration history */
  function arrive(x: Float64Array, fields: MessageFields) {
    const f = values.f(x);
    const g = values.grad(x);
    const gradNorm = metric.dualNorm(g);
    history.f.push(f);
    history.gradNorm.push(gradNorm);
    history.gradCalls.push(startCalls.grad);
    history.gammaStart.push(has('adaptive-search') ? fields.number('gamma_start') : NaN);
    last = { x, f, gradNorm };
    return { f, g, gradNorm };
  }

  function summary(status: SolverStatus): SolverSummary | GnsSummary {
    const base: SolverSummary = { status, iterations: k, x: last.x, f: last.f, gradNorm: last.gradNorm, gradCalls: calls.grad, fCalls: calls.f };
    return has('adaptive-search') ? { ...base, history } : base;
  }

  /**
   * record k, and x_{k+1} (x_k + h_k, or x_k without a step): the core from the harness's
   * evaluations, the declared capabilities' fields from the message; `hessian` is H_k at x_k (present
   * with `regularized-step`)
   */
  function iterationRecord(fields: MessageFields, x: Float64Array, f: number, g: Float64Array, gradNorm: number, hessian: HessianValue | null): { record: StepRecord; next: Float64Array } {
    const h = fields.pointOrNull('h');
    const next = h ? plus(x, h) : x;
    const start = { k, x, f, g, gradNorm, gradCalls: startCalls.grad, fCalls: startCalls.f };
    const gNext = h ? values.grad(next) : null;
    const core = h && gNext
      ? { stepTaken: true, accepted: fields.boolean('accepted', true), h, stepNorm: metric.norm(h), gh: dot(g, h), fNext: values.f(next), gNext, gradNormNext: metric.dualNorm(gNext) }
      : { stepTaken: false, accepted: fields.boolean('accepted', false), h: null, stepNorm: NaN, gh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN };
    let record: StepRecord & Record<string, unknown> = { ...start, ...core };
    if (has('step-size')) {
      const L = fields.number('L');
      const stepSize = fields.number('step_size');
      if (!(L > 0 && Number.isFinite(L))) fields.fail('L', `is ${L}, not a finite L > 0`);
      if (stepSize !== 1 / L) fields.fail('step_size', `is ${stepSize}, not 1/L = ${1 / L}`);
      record = { ...record, L, stepSize };
    }
    if (has('regularized-step')) {
      const lambda = fields.number('lambda');
      if (h && !(lambda > 0 && Number.isFinite(lambda))) fields.fail('lambda', `is ${lambda} for a step taken, not a finite λ > 0`);
      if (h && core.gNext && hessian) {
        const hH = hessianTimes(hessian, h);
        const residualNorm = metric.dualNorm(core.gNext.map((v, i) => v - g[i] - hH[i]));
        record = { ...record, lambda, hHh: dot(hH, h), residualNorm, sigma: residualNorm / (lambda * core.stepNorm) };
      } else record = { ...record, lambda, hHh: NaN, residualNorm: NaN, sigma: NaN };
    }
    if (has('adaptive-search')) record = { ...record, ...searchFields(fields, x) };
    return { record, next };
  }

  function searchFields(fields: MessageFields, x: Float64Array) {
    const trials = fields.array('trials').map((raw, i): SearchTrial => {
      const t = fields.object(`trials[${i}]`, raw);
      const outcome = t.outcome as SearchTrial['outcome'];
      if (!TRIAL_OUTCOMES.includes(outcome)) session.fault(`"iteration" message: trials[${i}].outcome must be one of ${TRIAL_OUTCOMES.join(', ')}`);
      const gamma = fields.number(`trials[${i}].gamma`, t.gamma);
      const lambda = fields.number(`trials[${i}].lambda`, t.lambda);
      if (outcome === 'not-positive-definite' || (outcome === 'non-finite' && t.h === null)) return { gamma, lambda, outcome };
      const xTrial = plus(x, fields.point(`trials[${i}].h`, t.h));
      return { gamma, lambda, outcome, fNext: values.f(xTrial), gradNormNext: metric.dualNorm(values.grad(xTrial)) };
    });
    const accepted = trials.find((t) => t.outcome === 'accepted');
    return {
      gammaStart: history.gammaStart[k],
      gammaAccepted: accepted ? accepted.gamma : null,
      trials,
      factorizationFailures: trials.filter((t) => t.outcome === 'not-positive-definite').length,
      exhausted: accepted === undefined,
    };
  }
}

/** the solver's hello, declaring at least what the run assumes */
function hello(session: SolverSession, spec: ProcessRunSpec): void {
  const declared = readHello(session).capabilities;
  const missing = spec.capabilities.filter((c) => !declared.includes(c));
  if (missing.length > 0) session.fault(`the run assumes ${missing.join(', ')}, which the solver's "hello" does not declare`);
}

/** the last record ended a strict search that met only non-finite values (Algorithm 1's non-finite stop, src/solvers/gns.ts) */
function onlyNonFinite(r: StepRecord | null): boolean {
  const s = r as (StepRecord & Partial<AdaptiveSearchFields>) | null;
  return !!s?.trials && s.exhausted === true && !s.stepTaken && s.trials.some((t) => t.outcome === 'non-finite') && s.trials.every((t) => t.outcome !== 'rejected');
}

const WANTS = ['f', 'grad', 'hess', 'hvp'];

/** the reply to an evaluate message: f and ∇f by the (counting) problem, H_k(x) and H_k(x)·v by the run's model */
function evaluate(fields: MessageFields, problem: Oracle, model: MethodInput<unknown, unknown>['model'], k: number, onHessian: (x: Float64Array, value: HessianValue) => void) {
  const x = fields.point('x');
  const want = fields.array('want');
  if (want.length === 0 || want.some((w) => typeof w !== 'string' || !WANTS.includes(w))) fields.fail('want', `must be a non-empty list of ${WANTS.map((w) => `"${w}"`).join(', ')}`);
  const binary = fields.boolean('binary', false);
  const vector = (v: Float64Array) => (binary ? toBase64(v) : vectorToWire(v));
  const reply: Record<string, unknown> = { type: 'values' };
  let f: number | undefined;
  let grad: Float64Array | undefined;
  if (want.includes('f')) reply.f = toWire((f = problem.f(x)));
  if (want.includes('grad')) reply.grad = vector((grad = problem.grad(x)));
  if (want.includes('hess') || want.includes('hvp')) {
    const value = model.at(x, k);
    onHessian(x, value);
    if (want.includes('hess')) {
      const dense = toDense(value, x.length);
      reply.hess = binary ? toBase64(dense.data) : matrixToWire(dense);
    }
    if (want.includes('hvp')) reply.hvp = vector(hessianTimes(value, fields.point('v')));
  }
  return { x, f, grad, message: reply };
}

/** a reported f or ∇f must be the oracle's value at the reported x_k, bit for bit (the protocol carries exact doubles) */
function crossCheck(fields: MessageFields, k: number, f: number, g: Float64Array): void {
  if (fields.has('f')) {
    const reported = fields.number('f');
    if (!same(reported, f)) fields.fail('f', `is ${reported} at iteration ${k}, the oracle gives ${f} at the reported x: the solver misreports its iterate`);
  }
  if (fields.has('grad')) {
    const reported = fields.vector('grad');
    const i = reported.findIndex((v, j) => !same(v, g[j]));
    if (i >= 0) fields.fail(`grad[${i}]`, `is ${reported[i]} at iteration ${k}, the oracle gives ${g[i]} at the reported x: the solver misreports its iterate`);
  }
}
