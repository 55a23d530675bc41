import type { Backend } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from './configuration-error.js';
import { type IterationRecord, type SolverStatus, type SolverSummary, type StoppingRule, stopStatus } from './iteration-record.js';
import { backendMetric } from './metric-spec.js';

export interface DampedNewtonOptions extends StoppingRule {
  readonly metric: MetricSpec;
  /** Armijo constant c in f(x + t·d) ≤ f(x) + c·t·⟨g, d⟩ */
  readonly armijo?: number;
  readonly maxBacktracks?: number;
}

export interface DampedNewtonRecord extends IterationRecord {
  /** the step size t of the line search and the shift δ added when ∇²f was not positive definite */
  readonly stepSize: number;
  readonly shift: number;
}

/**
 * Newton's method with Armijo backtracking, what a user tries first: d = −(∇²f + δB)⁻¹g with δ = 0
 * when ∇²f ≻ 0 and otherwise the first δ = 10ʲ·1e-8·(1 + ‖g‖_*) that factors; t halved from 1.
 */
export function* dampedNewton<V, M>(problem: Oracle, x0: Float64Array, options: DampedNewtonOptions, backend: Backend<V, M>): Generator<DampedNewtonRecord, SolverSummary, void> {
  const mm = backendMetric(backend, options.metric, problem.dim);
  if (!mm.ok) throw new SolverConfigurationError(`damped Newton: the metric B is not positive definite (pivot ${mm.pivot})`);
  const metric = mm.metric;
  const c = options.armijo ?? 1e-4;
  const maxBacktracks = options.maxBacktracks ?? 60;
  let x: Float64Array = x0.slice();
  let f = problem.f(x);
  let g = problem.grad(x);
  let a = metric.dualNorm(backend.vector(g));
  let gradCalls = 1;
  let fCalls = 1;
  let status: SolverStatus = 'iterations_exceeded';
  let k = 0;
  for (; ; k++) {
    const stop = stopStatus(options, k, f, a);
    if (stop) {
      status = stop;
      break;
    }
    const hess = backend.matrix(problem.hess(x));
    const gv = backend.vector(g);
    const minusG = backend.scale(-1, gv);
    let shift = 0;
    let d: V | null = null;
    for (let j = -1; j < 40 && !d; j++) {
      shift = j < 0 ? 0 : 1e-8 * (1 + a) * 10 ** j;
      const s = backend.solveRegularized(hess, shift, metric, minusG);
      if (s.ok && backend.dot(gv, s.x) < 0) d = s.x;
    }
    const start = { gradCalls, fCalls };
    if (!d) {
      yield { k, x, f, gradNorm: a, gradCalls: start.gradCalls, fCalls: start.fCalls, stepSize: NaN, shift };
      status = 'stalled';
      break;
    }
    const slope = backend.dot(gv, d);
    let t = 1;
    let next: { x: Float64Array; f: number } | null = null;
    for (let i = 0; i < maxBacktracks; i++, t /= 2) {
      const xn = backend.toFloat64(backend.axpy(t, d, backend.vector(x)));
      const fn = problem.f(xn);
      fCalls++;
      if (fn <= f + c * t * slope) {
        next = { x: xn, f: fn };
        break;
      }
    }
    yield { k, x, f, gradNorm: a, gradCalls: start.gradCalls, fCalls: start.fCalls, stepSize: next ? t : NaN, shift };
    if (!next) {
      status = 'stalled';
      break;
    }
    x = next.x;
    f = next.f;
    g = problem.grad(x);
    gradCalls++;
    a = metric.dualNorm(backend.vector(g));
  }
  return { status, iterations: k, x, f, gradNorm: a };
}
