/**
 * The constant-step gradient method with its step's length swapped (src/solvers/constant-step-gradient.ts,
 * `stepLength`): the registered loop, a step 2/L' taken while the records still state L'.
 */
import { constantStepGradientWith } from '../../src/methods/baselines.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';

/** 2/L' for 1/L': convergent on convex L-smooth f (a step below 2/L), but on a quadratic with curvature L' it reflects x − x* and f stays put */
export const doubledStep = (L: number): number => 2 / L;

/** A constant-step scenario run with the step's length swapped; other methods' scenarios are skipped (the defect is in this method). */
export function runConstantStepWith(scenario: Scenario, stepLength: (L: number) => number): ScenarioOutcome {
  if (scenario.method?.id !== 'gradient-constant') return { ok: false, skipped: 'the defect is in the constant-step gradient method' };
  return runScenario(scenario, { method: constantStepGradientWith(stepLength) });
}
