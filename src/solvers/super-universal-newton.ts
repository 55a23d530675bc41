import type { Backend } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from './configuration-error.js';
import { type IterationRecord, type SolverStatus, type SolverSummary, type StoppingRule, stopStatus } from './iteration-record.js';
import { backendMetric } from './metric-spec.js';

export interface SuperUniversalNewtonOptions extends StoppingRule {
  readonly metric: MetricSpec;
  /** α ∈ [0, 1] in λ = H‖g‖_*^α */
  readonly alpha: number;
  readonly H0?: number;
  readonly Hmin?: number;
  readonly maxTrials?: number;
}

export interface SuperUniversalNewtonRecord extends IterationRecord {
  readonly H: number;
  readonly lambda: number;
  readonly trials: number;
  readonly factorizationFailures: number;
  /** the equivalent GNS γ = ‖g‖^(1−α)/H of the step taken */
  readonly gamma: number;
}

/**
 * Super-universal Newton (Doikov, Mishchenko & Nesterov; the authors' `super_newton`, spec §3.4):
 * h = −(∇²f + λB)⁻¹g with λ = H‖g‖_*^α, accepted when ⟨∇f(x+h), −h⟩ ≥ ‖∇f(x+h)‖²_* / (4λ);
 * H ← max(H/4, Hmin) on success, 4H otherwise. A failed factorization is a rejected trial.
 */
export function* superUniversalNewton<V, M>(problem: Oracle, x0: Float64Array, options: SuperUniversalNewtonOptions, backend: Backend<V, M>): Generator<SuperUniversalNewtonRecord, SolverSummary, void> {
  if (!(options.alpha >= 0 && options.alpha <= 1)) throw new SolverConfigurationError('super-universal Newton: alpha must lie in [0, 1]');
  const m = backendMetric(backend, options.metric, problem.dim);
  if (!m.ok) throw new SolverConfigurationError(`super-universal Newton: the metric B is not positive definite (pivot ${m.pivot})`);
  const metric = m.metric;
  const maxTrials = options.maxTrials ?? 40;
  const Hmin = options.Hmin ?? 1e-5;
  let H = options.H0 ?? 1;
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
    const start = { gradCalls, fCalls, H };
    let trials = 0;
    let failures = 0;
    let taken: { x: Float64Array; f: number; g: Float64Array; a: number; lambda: number; H: number } | null = null;
    while (trials < maxTrials) {
      trials++;
      const lambda = H * a ** options.alpha;
      const solve = backend.solveRegularized(hess, lambda, metric, backend.scale(-1, gv));
      if (!solve.ok) {
        failures++;
        H *= 4;
        continue;
      }
      const xn = backend.toFloat64(backend.add(backend.vector(x), solve.x));
      const gn = problem.grad(xn);
      gradCalls++;
      const gnv = backend.vector(gn);
      const an = metric.dualNorm(gnv);
      taken = { x: xn, f: NaN, g: gn, a: an, lambda, H };
      if (-backend.dot(gnv, solve.x) >= (an * an) / (4 * lambda)) {
        H = Math.max(H / 4, Hmin);
        break;
      }
      H *= 4;
    }
    yield {
      k, x, f, gradNorm: a, gradCalls: start.gradCalls, fCalls: start.fCalls, H: taken?.H ?? start.H,
      lambda: taken?.lambda ?? NaN, trials, factorizationFailures: failures,
      gamma: taken ? a ** (1 - options.alpha) / taken.H : NaN,
    };
    if (!taken) {
      status = 'stalled';
      break;
    }
    x = taken.x;
    f = problem.f(x);
    fCalls++;
    g = taken.g;
    a = taken.a;
  }
  return { status, iterations: k, x, f, gradNorm: a };
}
