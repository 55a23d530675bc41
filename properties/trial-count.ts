import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { trialCount } from '../src/theory/trial-count.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { growthOnAcceptance } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import { gnsRecords } from '../src/theory/method-capabilities.js';
import type { Property } from './property.js';

/** A6 on every family × Hessian model × mode, 10–40 iterations. Power: γ kept (not doubled) on acceptance. */
export const trialCountProperty: Property = {
  id: 'trial-count',
  title: 'A6: Σt_k = 2K + log2(γ0/γ_K^start) on the valid prefix',
  theorems: [trialCount],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations, maxIters: { min: 10, max: 40 } }),
  cases: 300,
  power: {
    description: 'γ kept instead of doubled on acceptance (runs with an accepted step)',
    run: (s, backend) => runWithParts(strict(s), { updateGamma: growthOnAcceptance(1) }, (run) => gnsRecords(run).some((r) => r.gammaAccepted !== null) || 'nothing accepted', backend),
    theorem: trialCount,
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 2959, caught: 2959, seed: 700003 },
  },
};
