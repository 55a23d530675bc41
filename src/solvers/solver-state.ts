import type { Backend, BackendMetric } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from './configuration-error.js';
import { type IterationRecord, type SolverStatus, type SolverSummary, type StoppingRule, stopStatus } from './iteration-record.js';
import { backendMetric } from './metric-spec.js';

/**
 * The current iterate of a solver with f, ∇f and ‖∇f‖_* at it, and the oracle calls made so far.
 * Every f and ∇f evaluation goes through `f`/`grad` so that the counts stay true.
 */
export class SolverState<V, M> {
  readonly metric: BackendMetric<V>;
  x: Float64Array;
  fx: number;
  g: Float64Array;
  gradNorm: number;
  gradCalls = 0;
  fCalls = 0;

  constructor(
    label: string,
    readonly problem: Oracle,
    x0: Float64Array,
    metricSpec: MetricSpec,
    readonly backend: Backend<V, M>,
  ) {
    if (x0.length !== problem.dim) throw new SolverConfigurationError(`${label}: x0 has ${x0.length} entries, the problem has dimension ${problem.dim}`);
    const m = backendMetric(backend, metricSpec, problem.dim);
    if (!m.ok) throw new SolverConfigurationError(`${label}: the metric B is not positive definite (pivot ${m.pivot})`);
    this.metric = m.metric;
    this.x = x0.slice();
    this.fx = this.f(this.x);
    this.g = this.grad(this.x);
    this.gradNorm = this.dualNorm(this.g);
  }

  f(x: Float64Array): number {
    this.fCalls++;
    return this.problem.f(x);
  }

  grad(x: Float64Array): Float64Array {
    this.gradCalls++;
    return this.problem.grad(x);
  }

  dualNorm(g: Float64Array): number {
    return this.metric.dualNorm(this.backend.vector(g));
  }

  /** x + step, back in float64 */
  plus(step: V): Float64Array {
    return this.backend.toFloat64(this.backend.add(this.backend.vector(this.x), step));
  }

  /** Move to x; f and ∇f there are evaluated unless given. */
  moveTo(x: Float64Array, known: { f?: number; g?: Float64Array; gradNorm?: number } = {}): void {
    this.x = x;
    this.fx = known.f ?? this.f(x);
    this.g = known.g ?? this.grad(x);
    this.gradNorm = known.gradNorm ?? this.dualNorm(this.g);
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

/**
 * The outer loop the baselines share: the stop test at the start of each iteration, one iteration
 * (which moves the state or reports that it cannot), and 'stalled' when it cannot.
 */
export function* outerIterations<V, M, R>(
  s: SolverState<V, M>,
  rule: StoppingRule,
  iterate: (start: IterationRecord) => { record: R; stalled: boolean },
): Generator<R, SolverSummary, void> {
  for (let k = 0; ; k++) {
    const stop = s.stopStatus(rule, k);
    if (stop) return s.summary(stop, k);
    const { record, stalled } = iterate(s.startRecord(k));
    yield record;
    if (stalled) return s.summary('stalled', k);
  }
}
