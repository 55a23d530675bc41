import fc from 'fast-check';
import { smallestLipschitzConstant } from '../src/problems/certificate.js';
import type { InstanceName } from '../src/problems/instance.js';
import { buildInstance, familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import { descent } from '../src/theory/descent.js';
import { gradientMethodExactWorstCase } from '../src/theory/gradient-method-exact-worst-case.js';
import { gradientMethodRate } from '../src/theory/gradient-method-rate.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import { doubledStep, runConstantStepWith } from './power/doubled-constant-step.js';
import type { Property } from './property.js';

/** L' = c·L, c ≥ 1: c = 1 (h = 1, where the worst case of Drori & Teboulle is the sharpest) half of the time */
const stepFactor = fc.oneof({ arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.constantFrom(1.25, 2, 8), weight: 2 });

/** the instance's certified Lipschitz constant of ∇f in B = I (1 where none is: the theorem is then not applicable) */
function certifiedLipschitz(name: InstanceName): number {
  const instance = buildInstance(name);
  return (instance.metric.kind === 'identity' ? smallestLipschitzConstant(instance.certificate) : null) ?? 1;
}

/** the Huber family (its worst case) three times in four, SPD quadratics in B = I the rest; the method gets L' = c·L of the instance */
const scenarios: fc.Arbitrary<Scenario> = fc
  .record({
    instance: fc.oneof({ arbitrary: familyById('huber')!.arbitrary({ maxDim: 6 }), weight: 3 }, { arbitrary: familyById('quadratic')!.arbitrary({ maxDim: 6 }).map((q) => ({ ...q, params: { ...q.params, metric: 'identity' } })), weight: 1 }),
    factor: stepFactor,
    maxIters: fc.integer({ min: 1, max: 60 }),
  })
  .map(({ instance, factor, maxIters }): Scenario => ({
    instance,
    method: { id: 'gradient-constant', options: { L: certifiedLipschitz(instance) * factor } },
    hessian: 'exact',
    perturbations: [],
    mode: 'strict',
    gamma0: 1,
    maxIters,
    gradTolRelative: 1e-12,
  }));

/** The exact worst case L‖x_0 − x*‖²/(4kh + 2) of the constant-step gradient method, approached on Huber functions. Power: the step 2/L' recorded as 1/L'. */
export const gradientMethodExactWorstCaseProperty: Property = {
  id: 'gradient-method-exact-worst-case',
  title: gradientMethodExactWorstCase.title,
  theorems: [gradientMethodExactWorstCase, gradientMethodRate, descent, optimumBound],
  scenarios,
  cases: 100,
  powerCases: 200,
  power: {
    description: "the constant-step gradient method taking the step 2/L' while its records state 1/L'",
    run: (s) => runConstantStepWith(s, doubledStep),
    theorem: gradientMethodExactWorstCase,
    // caught where the run reaches the quadratic region with h near 1 (there x − x* is reflected or contracts slowly)
    minCaught: 0.3,
    calibration: { drawn: 2000, applicable: 2000, caught: 942, seed: 700028 },
  },
};
