/**
 * The gradient method with its line search's test swapped (src/solvers/gradient-method.ts,
 * `accepts`): the method's loop is the registered one, only the test differs.
 */
import type { LineSearchTrial } from '../../src/solvers/gradient-method.js';
import { gradientMethodWith } from '../../src/methods/baselines.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';

/** a test that passes every trial: the first step 1/L is always taken */
export const acceptsEveryTrial = (_: LineSearchTrial): boolean => true;

/** the upper bound with L‖T − x‖² instead of (L/2)‖T − x‖²: accepts any T with f(T) ≤ f(x) */
export const laxUpperBound = (t: LineSearchTrial): boolean => t.fT <= t.f + t.gStep + t.L * t.stepNorm * t.stepNorm;

/** A gradient-method scenario run with the test swapped; other methods' scenarios are skipped (the defect is in this method). */
export function runGradientWithTest(scenario: Scenario, accepts: (t: LineSearchTrial) => boolean): ScenarioOutcome {
  if (scenario.method?.id !== 'gradient') return { ok: false, skipped: 'the defect is in the gradient method\'s line search' };
  return runScenario(scenario, { method: gradientMethodWith(accepts) });
}

/** The scenario's instance and budget given to the gradient method (its own options where it named it): a property over every method puts its defect there. */
export function onGradientMethod(scenario: Scenario): Scenario {
  const { gammaRule: _ideal, ...rest } = scenario;
  const options = scenario.method?.id === 'gradient' ? scenario.method.options : { L0: 1 };
  return { ...rest, hessian: 'exact', perturbations: [], method: { id: 'gradient', options } };
}
