import type { Backend } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from './configuration-error.js';
import { type IterationRecord, type SolverStatus, type SolverSummary, type StoppingRule, stopStatus } from './iteration-record.js';
import { backendMetric } from './metric-spec.js';

export interface GradientMethodOptions extends StoppingRule {
  /** B for the step −B⁻¹g/L (identity: the plain gradient method) */
  readonly metric: MetricSpec;
  readonly L0?: number;
  readonly Lmin?: number;
  readonly maxTrials?: number;
}

export interface GradientRecord extends IterationRecord {
  /** the L of the step taken, and the number of trials of its line search */
  readonly L: number;
  readonly trials: number;
}

/**
 * The authors' `gradient_method` (spec §3.4): T = x − B⁻¹∇f(x)/L, accepted when
 * f(T) ≤ f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖², L doubled otherwise (at most `maxTrials`), then
 * L ← max(L/2, Lmin). Its effective γ is ‖g‖_* / L.
 */
export function* gradientMethod<V, M>(problem: Oracle, x0: Float64Array, options: GradientMethodOptions, backend: Backend<V, M>): Generator<GradientRecord, SolverSummary, void> {
  const m = backendMetric(backend, options.metric, problem.dim);
  if (!m.ok) throw new SolverConfigurationError(`gradient method: the metric B is not positive definite (pivot ${m.pivot})`);
  const metric = m.metric;
  const maxTrials = options.maxTrials ?? 30;
  const Lmin = options.Lmin ?? 1e-5;
  let L = options.L0 ?? 1;
  let x: Float64Array = x0.slice();
  let f = problem.f(x);
  let gradCalls = 0;
  let fCalls = 1;
  let status: SolverStatus = 'iterations_exceeded';
  let k = 0;
  let a = NaN;
  for (; ; k++) {
    const g = problem.grad(x);
    gradCalls++;
    const gv = backend.vector(g);
    a = metric.dualNorm(gv);
    const stop = stopStatus(options, k, f, a);
    if (stop) {
      status = stop;
      break;
    }
    const direction = metric.solve(gv);
    const gradCallsStart = gradCalls;
    const fCallsStart = fCalls;
    let trials = 0;
    let next: { x: Float64Array; f: number } | null = null;
    for (; trials < maxTrials; ) {
      trials++;
      const step = backend.scale(-1 / L, direction);
      const t = backend.toFloat64(backend.add(backend.vector(x), step));
      const ft = problem.f(t);
      fCalls++;
      next = { x: t, f: ft };
      const sNorm = metric.norm(step);
      if (ft <= f + backend.dot(gv, step) + 0.5 * L * sNorm * sNorm) break;
      L *= 2;
    }
    yield { k, x, f, gradNorm: a, gradCalls: gradCallsStart, fCalls: fCallsStart, L, trials };
    if (next) {
      x = next.x;
      f = next.f;
    }
    L = Math.max(L / 2, Lmin);
  }
  return { status, iterations: k, x, f, gradNorm: a };
}
