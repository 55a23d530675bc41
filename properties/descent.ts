import { descent } from '../src/theory/descent.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import { METHOD_VARIANTS, methodScenarios } from './method-scenarios.js';
import { acceptsEveryTrial, onGradientMethod, runGradientWithTest } from './power/swapped-line-search.js';
import type { Property } from './property.js';

/** Descent on every method that states it, and f ≥ f* on every method, over the catalog. Power: on each scenario's instance, a gradient method whose line search accepts every trial. */
export const descentProperty: Property = {
  id: 'descent',
  title: 'Every method: accepted steps decrease f (where the method\'s rule implies it), and no evaluated f lies below f*',
  theorems: [descent, optimumBound],
  scenarios: methodScenarios({
    families: ['quadratic', 'logsumexp', 'logistic', 'holder-power-sum', 'l0-l1-family', 'p-difference-chain', 'nonlinear-equations-linear', 'rosenbrock', 'phase-retrieval', 'matrix-factorization'],
    // gns-ideal states no descent, and its γ(x_k) grids are costly: it is checked by the ideal-γ properties (lemma1-chain, gamma-cap, harmonic-mean)
    methods: METHOD_VARIANTS.filter((v) => v !== 'gns-ideal'),
    maxDim: 8,
    maxIters: { min: 5, max: 40 },
  }),
  cases: 160,
  powerCases: 80,
  power: {
    description: 'on the scenario\'s instance, the gradient method with a line search that accepts every trial (the step 1/L with L halved each iteration is always taken)',
    run: (s) => runGradientWithTest(onGradientMethod(s), acceptsEveryTrial),
    theorem: descent,
    // the defect shows only where a step that the test would reject raised f
    minCaught: 0.6,
    calibration: { drawn: 3200, applicable: 3157, caught: 2453, seed: 700026 },
  },
};
