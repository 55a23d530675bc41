/**
 * P-GD with its step's length swapped (src/solvers/preconditioned-gradient.ts, `stepLength`): the
 * step 3γ taken while the records state γ = c/L (the broken setup of Bodard & Patrinos's descent
 * check: a step 3× too large). Run only where the instance's constants are certified, so that the
 * descent inequality judging it gates.
 */
import { anisotropicConstantsOf } from '../../src/classes/anisotropic-constants.js';
import { pgdMethodWith } from '../../src/methods/preconditioned.js';
import { buildInstance } from '../../src/problems/registry.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';
import type { KernelId } from '../../src/solvers/isotropic-kernels.js';

export const tripledStep = (gamma: number): number => 3 * gamma;

/** A P-GD scenario run with the step 3γ for γ, where its constants are certified; others are skipped. */
export function runPgdWithTripledStep(scenario: Scenario): ScenarioOutcome {
  if (scenario.method?.id !== 'pgd') return { ok: false, skipped: 'the defect is in P-GD' };
  const kernel = scenario.method.options?.kernel as KernelId;
  const constants = anisotropicConstantsOf(buildInstance(scenario.instance), kernel);
  if (constants.status !== 'certified') return { ok: false, skipped: `the constants are ${constants.status}: the descent inequality would judge the defect as a diagnostic` };
  return runScenario(scenario, { method: pgdMethodWith({ stepLength: tripledStep }) });
}
