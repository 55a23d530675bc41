import { envelopeQsc } from '../src/theory/envelope-qsc.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** f − f* envelope from (P), quasi-self-concordant instances (LSE, x* certified). */
export const envelopeQscProperty: Property = {
  id: 'envelope-qsc',
  title: envelopeQsc.title,
  theorems: [envelopeQsc, optimumBound],
  scenarios: convexScenarios(['logsumexp'], { hessians: ['exact', 'weighted-gauss-newton'] }),
  cases: 60,
  power: {
    description: 'H = ∇²f + 1e3·B (‖E‖ = 1e3, β = 1) passed off as the exact Hessian: the run is far slower than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e3, beta: 1 }),
    theorem: envelopeQsc,
    minCaught: 0.75,
    calibration: { drawn: 1200, applicable: 1059, caught: 982, seed: 700014 },
  },
};
