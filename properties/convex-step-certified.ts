import { convexStepCertified } from '../src/theory/convex-step.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** A9 with the certified M = 2M_{1−α} (search guarantee chained from γ0 + class bound). */
export const convexStepCertifiedProperty: Property = {
  id: 'convex-step-certified',
  title: convexStepCertified.title,
  theorems: [convexStepCertified, optimumBound],
  scenarios: convexScenarios(['logsumexp', 'p-difference-chain', 'nonlinear-equations-linear', 'quadratic'], { hessians: ['exact', 'weighted-gauss-newton', 'zero'] }),
  cases: 80,
  power: {
    description: 'H = ∇²f + 1e3·B (‖E‖ = 1e3, β = 1) passed off as the exact Hessian: γ(x) ≤ a/1e3 collapses below the certified π/2 and (P) with the certified constant fails',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e3, beta: 1 }),
    theorem: convexStepCertified,
    minCaught: 0.7,
    calibration: { drawn: 1600, applicable: 1250, caught: 1099, seed: 700013 },
  },
};
