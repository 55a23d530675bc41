import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { corollary1Empirical } from '../src/theory/corollary1-empirical.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { startGammaReportedAsAccepted } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { Property } from './property.js';
import { startGammaDiffers } from './theorem1-sum.js';

/** A8 with the empirical M̂ on every family × Hessian model × mode. Power: γ^start recorded as the accepted γ (γ0 = 1e3), so M̂ is too small. */
export const corollary1EmpiricalProperty: Property = {
  id: 'corollary1-empirical',
  title: 'A8 (empirical M̂ = max a_k^α/γ_k): Corollary 1',
  theorems: [corollary1Empirical],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations, maxIters: { min: 10, max: 40 } }),
  cases: 300,
  power: {
    description: 'γ^start recorded as the accepted γ, γ0 = 1e3 (runs where some accepted step needed more than one trial)',
    run: (s, backend) => runWithParts(strict({ ...s, gamma0: 1e3 }), { report: startGammaReportedAsAccepted }, startGammaDiffers, backend),
    theorem: corollary1Empirical,
    minCaught: 0.7,
    calibration: { drawn: 6000, applicable: 2869, caught: 2374, seed: 700006 },
  },
};
