import { envelopeL0L1 } from '../src/theory/envelope-l0-l1.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** f − f* envelope from (P), (L0, L1)-smooth instances (the (L0, L1) family and logistic regression, with x* or D certified). */
export const envelopeL0L1Property: Property = {
  id: 'envelope-l0-l1',
  title: envelopeL0L1.title,
  theorems: [envelopeL0L1, optimumBound],
  scenarios: convexScenarios(['l0-l1-family', 'logistic'], { hessians: ['exact', 'zero'] }),
  cases: 30,
  powerCases: 120,
  power: {
    description: 'H = ∇²f + 1e3·B (‖E‖ = 1e3, β = 1) passed off as the exact Hessian: the run is far slower than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e3, beta: 1 }),
    theorem: envelopeL0L1,
    minCaught: 0.45,
    calibration: { drawn: 600, applicable: 287, caught: 193, seed: 700018 },
  },
};
