import { envelopeHolderThird } from '../src/theory/envelope-holder-third.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** f − f* envelope from (P), convex instances with a Hölder third derivative (p-difference chain p ≤ 3). */
export const envelopeHolderThirdProperty: Property = {
  id: 'envelope-holder-third',
  title: envelopeHolderThird.title,
  theorems: [envelopeHolderThird, optimumBound],
  scenarios: convexScenarios(['p-difference-chain'], { hessians: ['exact'] }),
  cases: 80,
  power: {
    description: 'H = ∇²f + 1e4·B (‖E‖ = 1e4, β = 1) passed off as the exact Hessian: the run is far slower than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e4, beta: 1 }),
    theorem: envelopeHolderThird,
    minCaught: 0.85,
    calibration: { drawn: 1600, applicable: 1209, caught: 1203, seed: 700016 },
  },
};
