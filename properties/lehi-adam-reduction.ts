import fc from 'fast-check';
import { defossezBound } from '../src/theory/defossez-bound.js';
import { lehiAdamReduction } from '../src/theory/lehi-adam-reduction.js';
import { ADAM_CHOICES, adamCompanion, diagonalScalingScenarios, supervisedInstances } from './diagonal-scaling-scenarios.js';
import { epsilonInsideRoot, runLehiWith } from './power/diagonal-scaling-parts.js';
import type { Property } from './property.js';

/**
 * B-P3 on logistic and softmax regression: LEHI's loop with d = g∘g in Adam's form against the
 * independent Adam (the companion), bit for bit; its Défossez-form runs without momentum (Adagrad at
 * β2 = 1, their Adam at β2 < 1) show the Défossez bound (a diagnostic). Power: ε inside the root.
 */
export const lehiAdamReductionProperty: Property = {
  id: 'lehi-adam-reduction',
  title: lehiAdamReduction.title,
  theorems: [lehiAdamReduction, defossezBound],
  scenarios: diagonalScalingScenarios(
    'lehi',
    supervisedInstances(10),
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ ...ADAM_CHOICES, accumulator: fc.constant('squared-gradient' as const), form: fc.constant('adam' as const) }) },
      { weight: 1, arbitrary: fc.record({ ...ADAM_CHOICES, beta1: fc.constant(0), beta2: fc.constantFrom(0.999, 1), accumulator: fc.constant('squared-gradient' as const), form: fc.constant('defossez' as const) }) },
    ),
    { min: 2, max: 15 },
  ),
  companion: adamCompanion,
  cases: 12,
  powerCases: 40,
  power: {
    description: 'the shared loop with ε inside the square root, √(ŝ + ε), in Adam\'s form',
    run: (s) => runLehiWith(s, { adamDenominator: epsilonInsideRoot }),
    theorem: lehiAdamReduction,
    minCaught: 0.88,
    calibration: { drawn: 1200, applicable: 657, caught: 657, seed: 700041 },
  },
};
