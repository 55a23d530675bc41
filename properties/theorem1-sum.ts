import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { theorem1Sum } from '../src/theory/theorem1-sum.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { startGammaReportedAsAccepted } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { ScenarioRun } from '../src/scenarios/scenario.js';
import { gnsRecords } from '../src/theory/method-capabilities.js';
import type { Property } from './property.js';

/** the defect is exercised only where the start and the accepted γ differ */
export const startGammaDiffers = (run: ScenarioRun): true | string => gnsRecords(run).some((r) => r.gammaAccepted !== null && r.trials.length > 1) || 'every accepted step was its first trial';

/**
 * A7 on every family × Hessian model × mode. Power: a solver that records the start-of-iteration γ (the
 * authors' history value) as the accepted γ, run from γ0 = 1e3 — the configuration in which the
 * validation saw the history value overshoot by up to 1285× (docs/theory.md#theorem1-sum).
 */
export const theorem1SumProperty: Property = {
  id: 'theorem1-sum',
  title: 'A7: Theorem 1 sum with the accepted γ_k',
  theorems: [theorem1Sum],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations, maxIters: { min: 10, max: 40 } }),
  cases: 300,
  power: {
    description: 'γ^start recorded as the accepted γ, γ0 = 1e3 (runs where some accepted step needed more than one trial)',
    run: (s, backend) => runWithParts(strict({ ...s, gamma0: 1e3 }), { report: startGammaReportedAsAccepted }, startGammaDiffers, backend),
    theorem: theorem1Sum,
    minCaught: 0.75,
    calibration: { drawn: 6000, applicable: 2897, caught: 2627, seed: 700004 },
  },
};
