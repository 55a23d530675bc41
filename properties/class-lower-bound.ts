import { runWithParts } from './power/defective-runs.js';
import { sufficientDecrease } from '../src/solvers/acceptance-test.js';
import { classLowerBound } from '../src/theory/class-lower-bound.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/** A5 (first part) on adaptive runs, n ≤ 6. Power: an acceptance test with constant 1/8 instead of 8. */
export const classLowerBoundProperty: Property = {
  id: 'class-lower-bound',
  title: 'Rejected trials lie above the class lower bound (A5)',
  theorems: [classLowerBound],
  scenarios: gnsScenarios({ maxDim: 6, maxIters: { min: 10, max: 30 } }),
  cases: 150,
  power: {
    description: 'adaptive search whose acceptance test is f − f⁺ ≥ ‖g⁺‖²/(c·λ) with c = ACCEPTANCE_DEFECT instead of 8',
    run: (s, backend) => runWithParts(s, { accepts: sufficientDecrease(ACCEPTANCE_DEFECT) }, undefined, backend),
    theorem: classLowerBound,
    minCaught: 0.85,
    calibration: { drawn: 3000, applicable: 2921, caught: 2854, seed: 700021 },
  },
};

/** the broken acceptance constant: c = 1/8 asks 64× the decrease Lemma 1 guarantees (c = 1 is caught in only ~40% of runs) */
export const ACCEPTANCE_DEFECT = 1 / 8;
