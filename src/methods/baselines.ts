import fc from 'fast-check';
import type { HessianModel } from '../hessians/hessian-model.js';
import { constantStepGradient, stepConstantProblem } from '../solvers/constant-step-gradient.js';
import { cubicNewton } from '../solvers/cubic-newton.js';
import { dampedNewton } from '../solvers/damped-newton.js';
import { gradientMethod, initialLProblem, type LineSearchTrial, quadraticUpperBound } from '../solvers/gradient-method.js';
import { superUniversalNewton } from '../solvers/super-universal-newton.js';
import type { Method, MethodOptions } from './method.js';

/** the Newton-type baselines form ∇²f from the oracle themselves: a scenario names them with the exact model */
function exactOnly(_: unknown, model: HessianModel): true | string {
  return model.id === 'exact' ? true : `the method uses ∇²f itself, not the model '${model.id}'`;
}

export interface GradientOptions extends MethodOptions {
  readonly L0: number;
}

/** The authors' gradient method with the backtracking L (src/solvers/gradient-method.ts), with its line search's test. */
export function gradientMethodWith(accepts: (trial: LineSearchTrial) => boolean): Method<GradientOptions> {
  return { ...gradientMethodMethod, id: 'gradient+accepts', run: (input, o) => gradientMethod(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, L0: o.L0 }, input.backend, accepts) };
}

/** The authors' gradient method with the backtracking L (src/solvers/gradient-method.ts). */
export const gradientMethodMethod: Method<GradientOptions> = {
  id: 'gradient',
  title: 'gradient method with backtracking on L (the authors\' gradient_method)',
  capabilities: ['step-size', 'descent'],
  options: fc.record({ L0: fc.constantFrom(1, 1e-3, 1e3) }),
  defaults: { L0: 1 },
  simplerOptions: (o) => (o.L0 !== 1 ? [{ L0: 1 }] : []),
  validate: (o) => initialLProblem(o.L0),
  applies: () => true,
  run: (input, o) => gradientMethod(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, L0: o.L0 }, input.backend, quadraticUpperBound),
};

export interface ConstantStepOptions extends MethodOptions {
  /** L' of the step 1/L' (a scenario gives the instance's certified L times a factor ≥ 1) */
  readonly L: number;
}

/** The constant-step gradient method with the step's length swapped (src/solvers/constant-step-gradient.ts, `stepLength`), recording the same L. */
export function constantStepGradientWith(stepLength: (L: number) => number): Method<ConstantStepOptions> {
  return { ...constantStepGradientMethod, id: 'gradient-constant+step', run: (input, o) => constantStepGradient(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, L: o.L }, input.backend, stepLength) };
}

/** The gradient method with the constant step 1/L' (src/solvers/constant-step-gradient.ts); L' is an option, never read from a certificate. */
export const constantStepGradientMethod: Method<ConstantStepOptions> = {
  id: 'gradient-constant',
  title: "gradient method with the constant step 1/L'",
  // every step is taken, and accepted where it passed the quadratic upper bound with L' (always, for L' ≥ the Lipschitz constant of ∇f): what step-size and descent read
  capabilities: ['step-size', 'descent'],
  options: fc.record({ L: fc.constantFrom(1, 10, 100) }),
  defaults: { L: 1 },
  // L' is set from the instance's certified L (L' ≥ L): no value is simpler for every instance, and the search moves L' only up
  simplerOptions: () => [],
  neighbourOptions: (o) => [{ L: Number((o.L * 1.25).toPrecision(6)) }],
  validate: (o) => stepConstantProblem(o.L),
  applies: () => true,
  run: (input, o) => constantStepGradient(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, L: o.L }, input.backend),
};

export interface SuperNewtonOptions extends MethodOptions {
  readonly alpha: number;
}

/** Super-universal Newton, λ = H‖g‖_*^α (src/solvers/super-universal-newton.ts). */
export const superNewtonMethod: Method<SuperNewtonOptions> = {
  id: 'super-newton',
  title: 'super-universal Newton (λ = H‖g‖^α)',
  capabilities: [],
  options: fc.record({ alpha: fc.constantFrom(1, 0.5, 0) }),
  defaults: { alpha: 1 },
  simplerOptions: (o) => (o.alpha !== 1 ? [{ alpha: 1 }] : []),
  validate: (o) => (typeof o.alpha === 'number' && o.alpha >= 0 && o.alpha <= 1 ? true : `alpha must lie in [0, 1], got ${String(o.alpha)}`),
  applies: exactOnly,
  run: (input, o) => superUniversalNewton(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, alpha: o.alpha }, input.backend),
};

export type NoOptions = MethodOptions;

/** Adaptive cubic-regularized Newton (src/solvers/cubic-newton.ts). */
export const cubicNewtonMethod: Method<NoOptions> = {
  id: 'cubic-newton',
  title: 'adaptive cubic-regularized Newton',
  // no 'descent': its test f⁺ ≤ f + m(h) implies a decrease only where the computed m(h) ≤ 0, which holds at the
  // model's exact minimizer (Nesterov & Polyak 2006) but not for every r its bisection returns (‖h(r)‖ ≤ r only)
  capabilities: [],
  options: fc.constant({}),
  defaults: {},
  applies: exactOnly,
  run: (input) => cubicNewton(input.problem, input.x0, { ...input.stop, metric: input.instance.metric }, input.backend),
};

/** Newton's method with Armijo backtracking (src/solvers/damped-newton.ts). */
export const dampedNewtonMethod: Method<NoOptions> = {
  id: 'damped-newton',
  title: 'damped Newton with Armijo backtracking',
  capabilities: ['descent'],
  options: fc.constant({}),
  defaults: {},
  applies: exactOnly,
  run: (input) => dampedNewton(input.problem, input.x0, { ...input.stop, metric: input.instance.metric }, input.backend),
};
