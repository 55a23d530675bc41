import { runWithParts } from './power/defective-runs.js';
import { sufficientDecrease } from '../src/solvers/acceptance-test.js';
import { searchGuarantee } from '../src/theory/search-guarantee.js';
import { ACCEPTANCE_DEFECT } from './class-lower-bound.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/** A5 (second part) on adaptive runs, n ≤ 6. Power: the same broken acceptance test. */
export const searchGuaranteeProperty: Property = {
  id: 'search-guarantee',
  title: 'The accepted γ is at least min(γ_start, π(a_k)/2) (A5)',
  theorems: [searchGuarantee],
  scenarios: gnsScenarios({ maxDim: 6, maxIters: { min: 10, max: 30 } }),
  cases: 150,
  power: {
    description: 'adaptive search whose acceptance test uses constant c = ACCEPTANCE_DEFECT instead of 8',
    run: (s, backend) => runWithParts(s, { accepts: sufficientDecrease(ACCEPTANCE_DEFECT) }, undefined, backend),
    theorem: searchGuarantee,
    minCaught: 0.5,
    calibration: { drawn: 3000, applicable: 2906, caught: 1881, seed: 700022 },
  },
};
