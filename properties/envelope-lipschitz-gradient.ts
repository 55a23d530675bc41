import { envelopeLipschitzGradient } from '../src/theory/envelope-lipschitz-gradient.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** f − f* envelope from (P), Lipschitz-gradient instances (H exact or H ≡ 0). */
export const envelopeLipschitzGradientProperty: Property = {
  id: 'envelope-lipschitz-gradient',
  title: envelopeLipschitzGradient.title,
  theorems: [envelopeLipschitzGradient, optimumBound],
  scenarios: convexScenarios(['quadratic', 'logsumexp', 'nonlinear-equations-linear'], { hessians: ['exact', 'zero'] }),
  cases: 80,
  power: {
    description: 'H = ∇²f + 1e3·B (‖E‖ = 1e3, β = 1) passed off as the exact Hessian: the run is far slower than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 1e3, beta: 1 }),
    theorem: envelopeLipschitzGradient,
    minCaught: 0.65,
    calibration: { drawn: 1600, applicable: 1090, caught: 887, seed: 700017 },
  },
};
