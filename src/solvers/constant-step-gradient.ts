import type { Backend } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { quadraticUpperBound } from './gradient-method.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface ConstantStepGradientOptions extends StoppingRule {
  /** B for the step −B⁻¹g/L (identity: the plain gradient method) */
  readonly metric: MetricSpec;
  /** the constant L of the step 1/L, given by the caller (a bound on the Lipschitz constant of ∇f) */
  readonly L: number;
}

/** true, or why L cannot be the constant of the step */
export function stepConstantProblem(L: unknown): true | string {
  return typeof L === 'number' && L > 0 && Number.isFinite(L) ? true : `L must be a finite number > 0, got ${String(L)}`;
}

/**
 * The gradient method with the constant step 1/L: x_{k+1} = x_k − B⁻¹∇f(x_k)/L, every step taken,
 * none shortened. A step counts as accepted when it passes the quadratic upper bound with L (the
 * gradient method's test, `quadraticUpperBound`), which holds for L ≥ the Lipschitz constant of ∇f and
 * gives f(x − g/L) ≤ f − ‖g‖_*² /(2L); a step that fails it is taken all the same, recorded as not
 * accepted. `stepLength` gives the step's length from L (1/L; a power check swaps it, recording the same L).
 */
export function constantStepGradient<V, M>(
  problem: Oracle,
  x0: Float64Array,
  options: ConstantStepGradientOptions,
  backend: Backend<V, M>,
  stepLength: (L: number) => number = (L) => 1 / L,
): Generator<StepRecord & StepSizeFields, SolverSummary, void> {
  const valid = stepConstantProblem(options.L);
  if (valid !== true) throw new SolverConfigurationError(`constant-step gradient method: ${valid}`);
  const s = new SolverState('constant-step gradient method', problem, x0, options.metric, backend);
  const { L } = options;
  const t = stepLength(L);
  return outerIterations(s, options, () => {
    const h = backend.scale(-t, s.metric.solve(s.gradient.v));
    const to = s.plus(h);
    const f = s.f(to);
    const accepted = quadraticUpperBound({ fT: f, f: s.fx, gStep: backend.dot(s.gradient.v, h), stepNorm: s.metric.norm(h), L });
    return { record: { L, stepSize: 1 / L }, step: { to, h, f, accepted } };
  });
}
