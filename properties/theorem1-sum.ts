import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { theorem1Sum } from '../src/theory/theorem1-sum.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { defectiveRun } from './power/defective-gns.js';
import type { Property } from './property.js';

/** the defect is exercised only where the start and the accepted γ differ */
export const startGammaDiffers = (out: { records: readonly { gammaAccepted: number | null; trials: readonly unknown[] }[] }): true | string =>
  out.records.some((r) => r.gammaAccepted !== null && r.trials.length > 1) || 'every accepted step was its first trial';

/**
 * A7 on every family × Hessian model × mode. Power: a solver that records the start-of-iteration γ (the
 * authors' history value) as the accepted γ, run from γ0 = 1e3 — the configuration in which the
 * validation saw the history value overshoot by up to 1285× (gns-validation §3).
 */
export const theorem1SumProperty: Property = {
  id: 'theorem1-sum',
  title: 'A7: Theorem 1 sum with the accepted γ_k',
  theorems: [theorem1Sum],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations, maxIters: { min: 10, max: 40 } }),
  cases: 300,
  power: {
    description: 'γ^start recorded as the accepted γ, γ0 = 1e3 (runs where some accepted step needed more than one trial)',
    run: (s) => defectiveRun({ ...s, gamma0: 1e3 }, { reportStartGamma: true }, startGammaDiffers),
    theorem: theorem1Sum,
    minCaught: 0.75,
    calibration: { drawn: 6000, applicable: 2897, caught: 2627, seed: 700004 },
  },
};
