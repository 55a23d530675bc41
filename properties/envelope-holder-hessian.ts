import { envelopeHolderHessian } from '../src/theory/envelope-holder-hessian.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** f − f* envelope from (P), Hölder-Hessian instances (p-difference chain p = 2, NE-linear p ≤ 3). */
export const envelopeHolderHessianProperty: Property = {
  id: 'envelope-holder-hessian',
  title: envelopeHolderHessian.title,
  theorems: [envelopeHolderHessian, optimumBound],
  scenarios: convexScenarios(['p-difference-chain', 'nonlinear-equations-linear'], { hessians: ['exact'] }),
  cases: 80,
  powerCases: 100,
  power: {
    description: 'H = ∇²f + 1e3·B (‖E‖ = 1e3, β = 1) passed off as the exact Hessian: the run is far slower than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e3, beta: 1 }),
    theorem: envelopeHolderHessian,
    minCaught: 0.8,
    calibration: { drawn: 1600, applicable: 525, caught: 513, seed: 700015 },
  },
};
