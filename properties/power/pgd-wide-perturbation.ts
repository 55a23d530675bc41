/**
 * Perturbed P-GD with its perturbation sampler swapped (src/solvers/perturbed-preconditioned-gradient.ts,
 * `perturbation`): ξ drawn from the ball of 10× the radius its options state, which the records do not
 * show.
 */
import { perturbedPgdMethodWith } from '../../src/methods/preconditioned.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';
import { uniformBall } from '../../src/solvers/perturbed-preconditioned-gradient.js';

export const tenfoldBall = (next: () => number, dim: number, radius: number): Float64Array => uniformBall(next, dim, 10 * radius);

/** A perturbed P-GD scenario run with ξ from the tenfold ball; other methods' scenarios are skipped. */
export function runWithWidePerturbation(scenario: Scenario): ScenarioOutcome {
  if (scenario.method?.id !== 'pgd-perturbed') return { ok: false, skipped: 'the defect is in perturbed P-GD' };
  return runScenario(scenario, { method: perturbedPgdMethodWith({ perturbation: tenfoldBall }) });
}
