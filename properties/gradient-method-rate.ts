import { gradientMethodRate } from '../src/theory/gradient-method-rate.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import { methodScenarios } from './method-scenarios.js';
import { acceptsEveryTrial, runGradientWithTest } from './power/swapped-line-search.js';
import type { Property } from './property.js';

/** The gradient method's O(L‖x_0 − x*‖²/k) on convex families with x* and B = I. Power: its line search accepting every trial. */
export const gradientMethodRateProperty: Property = {
  id: 'gradient-method-rate',
  title: gradientMethodRate.title,
  theorems: [gradientMethodRate, optimumBound],
  scenarios: methodScenarios({ families: ['quadratic', 'holder-power-sum', 'third-order-power-sum', 'l0-l1-family'], methods: ['gradient'], maxDim: 8, maxIters: { min: 10, max: 80 } }),
  cases: 80,
  // a third of the drawn scenarios meet B = I, x* and f* certified
  powerCases: 200,
  power: {
    description: 'the gradient method with a line search that accepts every trial (L halved each iteration, never tested)',
    run: (s) => runGradientWithTest(s, acceptsEveryTrial),
    theorem: gradientMethodRate,
    minCaught: 0.65,
    calibration: { drawn: 1600, applicable: 546, caught: 454, seed: 700027 },
  },
};
