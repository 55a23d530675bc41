import { dropBatchScale } from '../src/solvers/imitation-vector.js';
import { defossezBound } from '../src/theory/defossez-bound.js';
import { lehiImitationUnbiased } from '../src/theory/lehi-imitation-unbiased.js';
import { lehiSmallDenominator } from '../src/theory/lehi-small-denominator.js';
import { adamCompanion, imitationScenarios } from './diagonal-scaling-scenarios.js';
import { runLehiWith } from './power/diagonal-scaling-parts.js';
import type { Property } from './property.js';

/**
 * B-P1 on logistic and softmax regression and tiny mlp-mixture networks (K ≤ 4): LEHI and LEHIBRID in both forms, E[c_B·h∘h] =
 * diag(Ḡ_batch) reduced to its output-level identities at the outputs met; the Défossez bound shown for
 * the β1 = 0 runs of its form, and beside Adam (the companion) how often √ŝ < 10ε (diagnostics). Power: c_B = 1 (B times too small).
 */
export const lehiImitationUnbiasedProperty: Property = {
  id: 'lehi-imitation-unbiased',
  title: lehiImitationUnbiased.title,
  theorems: [lehiImitationUnbiased, defossezBound, lehiSmallDenominator],
  scenarios: imitationScenarios({ min: 2, max: 12 }),
  companion: adamCompanion,
  cases: 12,
  powerCases: 40,
  power: {
    description: 'LEHI with the batch scale c_B = 1 for zero-mean draws (E[c_B·h∘h] = diag(Ḡ)/B)',
    run: (s) => runLehiWith(s, { batchScale: dropBatchScale }),
    theorem: lehiImitationUnbiased,
    minCaught: 0.84,
    calibration: { drawn: 1200, applicable: 1200, caught: 1169, seed: 700040 },
  },
};
