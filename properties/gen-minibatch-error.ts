import fc from 'fast-check';
import { familyById } from '../src/problems/registry.js';
import { genMinibatchError } from '../src/theory/gen-minibatch-error.js';
import { genMinibatchLosses } from '../src/theory/gen-minibatch-losses.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { GEN_RULE_CHOICES, genScenarios } from './gen-scenarios.js';
import { runGenWith, separateBatchOfL0 } from './power/gen-parts.js';
import type { Property } from './property.js';

/**
 * C-P6: minibatch GeN (B ∈ {16, 64, 256}) on logistic regression, the family with row losses; the
 * three losses of each estimate re-evaluated on the recorded minibatch (gating), the 1/√B error as a
 * diagnostic. Power: L₀ on a minibatch of its own.
 */
export const genMinibatchErrorProperty: Property = {
  id: 'gen-minibatch-error',
  title: genMinibatchError.title,
  theorems: [genMinibatchLosses, genMinibatchError, genSafeguards],
  scenarios: genScenarios(
    familyById('logistic')!.arbitrary({ minDim: 2, maxDim: 8 }),
    fc.record({
      form: fc.constantFrom('three-point' as const, 'least-squares' as const),
      direction: fc.constantFrom('gradient' as const, 'preconditioned' as const, 'adam' as const),
      ...GEN_RULE_CHOICES,
      batch: fc.constantFrom(16, 64, 256),
    }),
    { min: 2, max: 15 },
  ),
  cases: 15,
  powerCases: 30,
  power: {
    description: 'minibatch GeN evaluating L₀ on a minibatch of its own, L₊ and L₋ on another',
    run: (s) => runGenWith(s, { batchOfL0: separateBatchOfL0 }),
    theorem: genMinibatchLosses,
    minCaught: 0.7,
    calibration: { drawn: 600, applicable: 600, caught: 532, seed: 700037 },
  },
};
