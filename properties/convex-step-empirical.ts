import { convexStepEmpirical } from '../src/theory/convex-step.js';
import { offsetOracleRun } from './convex-power.js';
import { convexScenarios } from './convex-scenarios.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** A9 with the empirical M̂ (holds by construction) and the convexity check δ_k ≤ a_k d_k. */
export const convexStepEmpiricalProperty: Property = {
  id: 'convex-step-empirical',
  title: convexStepEmpirical.title,
  theorems: [convexStepEmpirical, optimumBound],
  scenarios: convexScenarios(['logsumexp', 'p-difference-chain', 'nonlinear-equations-linear', 'quadratic'], { hessians: ['exact', 'weighted-gauss-newton', 'zero'] }),
  cases: 80,
  power: {
    description: 'f oracle with a constant offset 1e-6·max(1, |f*|) while the f* certificate is unchanged (iterates identical, δ_k off by the offset): the convexity check δ_k ≤ a_k d_k fails once a_k d_k is below it',
    run: (scenario) => offsetOracleRun(scenario, 1e-6),
    theorem: convexStepEmpirical,
    minCaught: 0.8,
    calibration: { drawn: 1600, applicable: 1063, caught: 1001, seed: 700012 },
  },
};
