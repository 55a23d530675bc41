import type { Backend, BackendGradient, BackendPoint } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { StepRecord } from '../methods/step-record.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { gradientDamping } from './gradient-damping.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface SuperUniversalNewtonOptions extends StoppingRule {
  readonly metric: MetricSpec;
  /** α ∈ [0, 1] in λ = H‖g‖_*^α */
  readonly alpha: number;
  readonly H0?: number;
  readonly Hmin?: number;
  readonly maxTrials?: number;
}

export interface SuperUniversalNewtonRecord {
  readonly H: number;
  readonly lambda: number;
  readonly trials: number;
  readonly factorizationFailures: number;
  /** the equivalent GNS γ = ‖g‖^(1−α)/H of the step taken */
  readonly gamma: number;
}

/**
 * Super-universal Newton (Doikov, Mishchenko & Nesterov; the authors' `super_newton` in epfml/grad-norm-smooth):
 * h = −(∇²f + λB)⁻¹g with λ = H‖g‖_*^α, accepted when ⟨∇f(x+h), −h⟩ ≥ ‖∇f(x+h)‖²_* / (4λ);
 * H ← max(H/4, Hmin) on success, 4H otherwise. A failed factorization is a rejected trial.
 */
export function superUniversalNewton<V, M>(problem: Oracle, x0: Float64Array, options: SuperUniversalNewtonOptions, backend: Backend<V, M>): Generator<StepRecord & SuperUniversalNewtonRecord, SolverSummary, void> {
  if (!(options.alpha >= 0 && options.alpha <= 1)) throw new SolverConfigurationError('super-universal Newton: alpha must lie in [0, 1]');
  const s = new SolverState('super-universal Newton', problem, x0, options.metric, backend);
  const maxTrials = options.maxTrials ?? 40;
  const Hmin = options.Hmin ?? 1e-5;
  let H = options.H0 ?? 1;
  return outerIterations(s, options, () => {
    const hess = s.oracle.hess(s.point);
    const gv = s.gradient.v;
    const system = backend.prepareRegularized(hess, s.metric);
    const minusG = backend.scale(-1, gv);
    let trials = 0;
    let failures = 0;
    let taken: { x: BackendPoint<V>; g: BackendGradient<V>; a: number; lambda: number; H: number; h: V } | null = null;
    let accepted = false;
    while (trials < maxTrials && !accepted) {
      trials++;
      const lambda = gradientDamping(s.gradNorm, options.alpha, H);
      const solve = system.solve(lambda, minusG);
      if (!solve.ok) {
        failures++;
        H *= 4;
        continue;
      }
      const xn = s.plus(solve.x);
      const gn = s.grad(xn);
      const an = s.dualNorm(gn);
      // as in the authors' code, the last trial is taken when none is accepted
      taken = { x: xn, g: gn, a: an, lambda, H, h: solve.x };
      accepted = -backend.dot(gn.v, solve.x) >= (an * an) / (4 * lambda);
      H = accepted ? Math.max(H / 4, Hmin) : 4 * H;
    }
    const record = {
      H: taken?.H ?? H,
      lambda: taken?.lambda ?? NaN,
      trials,
      factorizationFailures: failures,
      gamma: taken ? s.gradNorm ** (1 - options.alpha) / taken.H : NaN,
    };
    return { record, step: taken && { to: taken.x, h: taken.h, g: taken.g, gradNorm: taken.a, accepted } };
  });
}
