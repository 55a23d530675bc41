import { descent } from '../src/theory/descent.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import { methodScenarios } from './method-scenarios.js';
import { acceptsEveryTrial, runGradientWithTest } from './power/swapped-line-search.js';
import type { Property } from './property.js';

/** Descent on every method that states it, and f ≥ f* on every method, over the catalog. Power: a gradient method whose line search accepts every trial. */
export const descentProperty: Property = {
  id: 'descent',
  title: 'Every method: accepted steps decrease f (where the method\'s rule implies it), and no evaluated f lies below f*',
  theorems: [descent, optimumBound],
  scenarios: methodScenarios({
    families: ['quadratic', 'logsumexp', 'logistic', 'holder-power-sum', 'l0-l1-family', 'p-difference-chain', 'nonlinear-equations-linear', 'rosenbrock', 'phase-retrieval', 'matrix-factorization'],
    maxDim: 8,
    maxIters: { min: 5, max: 40 },
  }),
  cases: 160,
  powerCases: 400,
  power: {
    description: 'the gradient method with a line search that accepts every trial (the step 1/L with L halved each iteration is always taken)',
    run: (s) => runGradientWithTest(s, acceptsEveryTrial),
    theorem: descent,
    // the defect shows only where a step that the test would reject raised f: 72% of gradient-method runs
    minCaught: 0.5,
    calibration: { drawn: 3200, applicable: 406, caught: 294, seed: 700026 },
  },
};
