import type { Backend, BackendGradient, BackendMetric, BackendPoint, BoundOracle } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { type IterationRecord, type SolverStatus, type SolverSummary, type StoppingRule, stopStatus } from './iteration-record.js';
import { backendMetric } from './metric-spec.js';
import type { StepRecord } from '../methods/step-record.js';

/**
 * The current iterate of a solver with f, ∇f and ‖∇f‖_* at it, and the oracle calls made so far.
 * The problem is evaluated by the backend (`backend.bindOracle`: on its own copy of the data where it
 * has one), and every f and ∇f evaluation goes through `f`/`grad` so that the counts stay true. The
 * run starts at x0 as the backend holds it. What the state holds in the backend is kept across
 * `backend.scoped` iterations and freed by `release`, which a solver calls when its run ends.
 */
export class SolverState<V, M> {
  readonly metric: BackendMetric<V>;
  readonly oracle: BoundOracle<V, M>;
  point: BackendPoint<V>;
  fx: number;
  gradient: BackendGradient<V>;
  gradNorm: number;
  gradCalls = 0;
  fCalls = 0;
  /**
   * false for a method that steps on minibatches only: the full-batch f and ∇f at each iterate are then
   * the records' (what the harness reads), not the method's, and are not counted as its oracle calls
   */
  private readonly countIterates: boolean;

  constructor(
    label: string,
    readonly problem: Oracle,
    x0: Float64Array,
    metricSpec: MetricSpec,
    readonly backend: Backend<V, M>,
    options: { readonly countIterateEvaluations?: boolean } = {},
  ) {
    this.countIterates = options.countIterateEvaluations ?? true;
    if (x0.length !== problem.dim) throw new SolverConfigurationError(`${label}: x0 has ${x0.length} entries, the problem has dimension ${problem.dim}`);
    const m = backendMetric(backend, metricSpec, problem.dim);
    if (!m.ok) throw new SolverConfigurationError(`${label}: the metric B is not positive definite (pivot ${m.pivot})`);
    this.metric = m.metric;
    this.oracle = backend.bindOracle(problem);
    this.point = this.pointAt(backend.vector(x0));
    this.fx = this.iterateF(this.point);
    this.gradient = this.iterateGrad(this.point);
    this.gradNorm = this.dualNorm(this.gradient);
  }

  get x(): Float64Array {
    return this.point.x;
  }

  get g(): Float64Array {
    return this.gradient.g;
  }

  /** a backend vector as a point of the run */
  pointAt(v: V): BackendPoint<V> {
    return { v, x: this.backend.toFloat64(v) };
  }

  /** x + step */
  plus(step: V): BackendPoint<V> {
    return this.pointAt(this.backend.add(this.point.v, step));
  }

  f(p: BackendPoint<V>): number {
    this.fCalls++;
    return this.oracle.f(p);
  }

  grad(p: BackendPoint<V>): BackendGradient<V> {
    this.gradCalls++;
    return this.oracle.grad(p);
  }

  private iterateF(p: BackendPoint<V>): number {
    return this.countIterates ? this.f(p) : this.oracle.f(p);
  }

  private iterateGrad(p: BackendPoint<V>): BackendGradient<V> {
    return this.countIterates ? this.grad(p) : this.oracle.grad(p);
  }

  dualNorm(g: BackendGradient<V>): number {
    return this.metric.dualNorm(g.v);
  }

  /** h in float64, ‖h‖ and ⟨∇f, h⟩ of a step from the current iterate (the record core of the step taken) */
  stepMeasures(h: V): { readonly h: Float64Array; readonly stepNorm: number; readonly gh: number } {
    return { h: this.backend.toFloat64(h), stepNorm: this.metric.norm(h), gh: this.backend.dot(this.gradient.v, h) };
  }

  /** Move to p; f and ∇f there are evaluated unless given. */
  moveTo(p: BackendPoint<V>, known: { f?: number; g?: BackendGradient<V>; gradNorm?: number } = {}): void {
    const { backend } = this;
    const previous = [this.point.v, this.gradient.v];
    this.point = p;
    this.fx = known.f ?? this.iterateF(p);
    this.gradient = known.g ?? this.iterateGrad(p);
    this.gradNorm = known.gradNorm ?? this.dualNorm(this.gradient);
    backend.keep(p.v);
    backend.keep(this.gradient.v);
    for (const v of previous) if (v !== p.v && v !== this.gradient.v) backend.release(v);
  }

  /** frees what the state holds in the backend (the iterate, its gradient, the metric, the bound problem) */
  release(): void {
    const { backend } = this;
    backend.release(this.point.v);
    if (this.gradient.v !== this.point.v) backend.release(this.gradient.v);
    backend.release(this.metric);
    this.oracle.release();
  }

  summary(status: SolverStatus, iterations: number): SolverSummary {
    return { status, iterations, x: this.x, f: this.fx, gradNorm: this.gradNorm, gradCalls: this.gradCalls, fCalls: this.fCalls };
  }

  stopStatus(rule: StoppingRule, k: number): SolverStatus | null {
    return stopStatus(rule, k, this.fx, this.gradNorm);
  }

  /** The record fields of iteration k, taken at its start. */
  startRecord(k: number): IterationRecord {
    return { k, x: this.x, f: this.fx, gradNorm: this.gradNorm, gradCalls: this.gradCalls, fCalls: this.fCalls };
  }
}

/** The step an iteration of a baseline takes: where it goes, the step h in the backend, and what is known there. */
export interface TakenStep<V> {
  readonly to: BackendPoint<V>;
  readonly h: V;
  /** the method's acceptance rule passed (false: a fallback, e.g. the last trial of an exhausted line search) */
  readonly accepted: boolean;
  readonly f?: number;
  readonly g?: BackendGradient<V>;
  readonly gradNorm?: number;
}

/**
 * The outer loop the baselines share: the stop test at the start of each iteration, one iteration
 * in a backend scope (its step, or null when it cannot take one: 'stalled'), the state moved, and the
 * record — the StepRecord core filled here (h, ‖h‖, ⟨g, h⟩ before the move; f, ∇f, ‖∇f‖_* after it)
 * with the method's own fields. The state is released when the run ends, however it ends.
 */
export function* outerIterations<V, M, R extends object>(
  s: SolverState<V, M>,
  rule: StoppingRule,
  iterate: (start: IterationRecord) => { record: R; step: TakenStep<V> | null },
): Generator<StepRecord & R, SolverSummary, void> {
  const { backend } = s;
  try {
    for (let k = 0; ; k++) {
      const stop = s.stopStatus(rule, k);
      if (stop) return s.summary(stop, k);
      const record = backend.scoped((): StepRecord & R => {
        const start = s.startRecord(k);
        const g = s.g;
        const { record: own, step } = iterate(start);
        if (!step) return Object.assign({}, start, { g, stepTaken: false, accepted: false, h: null, stepNorm: NaN, gh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN }, own);
        const core = s.stepMeasures(step.h);
        s.moveTo(step.to, { f: step.f, g: step.g, gradNorm: step.gradNorm });
        return Object.assign({}, start, { g, stepTaken: true, accepted: step.accepted }, core, { fNext: s.fx, gNext: s.g, gradNormNext: s.gradNorm }, own);
      });
      yield record;
      if (!record.stepTaken) return s.summary('stalled', k);
    }
  } finally {
    s.release();
  }
}
