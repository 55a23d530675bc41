import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { linearSolve } from '../src/theory/linear-solve.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { staleStepAtOddK, staleStepTaken } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { Property } from './property.js';

/** A1 on every family × Hessian model (with perturbations) × mode. Power: a step reused from the previous iteration. */
export const linearSolveProperty: Property = {
  id: 'linear-solve',
  title: 'A1: the step solves (H_k + λ_kB)h_k = −g_k',
  theorems: [linearSolve],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations }),
  cases: 300,
  power: {
    description: 'a GNS that reuses the previous step at odd k instead of solving (runs where such a stale step was taken)',
    run: (s, backend) => runWithParts(strict(s), { solveStep: staleStepAtOddK }, (run) => staleStepTaken(run.records) || 'no stale step taken', backend),
    theorem: linearSolve,
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 3013, caught: 3013, seed: 700000 },
  },
};
