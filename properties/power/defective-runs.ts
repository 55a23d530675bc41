/**
 * A scenario run by Algorithm 1 with a defective part swapped in (defective-parts.ts), through
 * runScenario like every case, so that the unmodified theorems read it.
 */
import type { AnyBackend } from '../../src/backends/backend.js';
import { gnsIdealMethod, gnsMethod } from '../../src/methods/gns.js';
import { runScenario, type Scenario, type ScenarioOutcome, type ScenarioRun } from '../../src/scenarios/scenario.js';
import type { GnsParts } from '../../src/solvers/gns-parts.js';

/** the scenario in strict mode (ε = 0, no γ floor): the mode the checks of a defective search are drawn in */
export function strict(scenario: Scenario): Scenario {
  return { ...scenario, mode: 'strict' };
}

/**
 * The scenario run by Algorithm 1 (ideal-γ where the scenario says so) with `parts` swapped for its
 * own; skipped where `exercised` finds in the run that the defect took no effect, so that the caught
 * fraction counts only the runs the defect could change.
 */
export function runWithParts(scenario: Scenario, parts: Partial<GnsParts>, exercised: (run: ScenarioRun) => true | string = () => true, backend?: AnyBackend): ScenarioOutcome {
  const method = scenario.gammaRule ? gnsIdealMethod(parts) : gnsMethod(parts);
  const outcome = runScenario(scenario, { method }, backend);
  if (!outcome.ok) return outcome;
  const why = exercised(outcome.run);
  return why === true ? outcome : { ok: false, skipped: why };
}
