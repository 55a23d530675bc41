import { lehiOutputCondition } from '../src/theory/lehi-output-condition.js';
import { lehiOutputHessianFd } from '../src/theory/lehi-output-hessian-fd.js';
import { imitationScenarios } from './diagonal-scaling-scenarios.js';
import { runLehiWith, trainingLabelsRecorded } from './power/diagonal-scaling-parts.js';
import type { Property } from './property.js';

/**
 * B-P2 on logistic and softmax regression and tiny mlp-mixture networks (K ≤ 4): LEHI with a sampled or signed imitation draw, its
 * recorded h replayed, condition (7) by enumeration at the outputs met, the labels' law tested; the
 * finite-difference Hessian as a diagnostic. Power: the training labels recorded as the draw.
 */
export const lehiOutputConditionProperty: Property = {
  id: 'lehi-output-condition',
  title: lehiOutputCondition.title,
  theorems: [lehiOutputCondition, lehiOutputHessianFd],
  scenarios: imitationScenarios({ min: 3, max: 12 }),
  cases: 12,
  powerCases: 90,
  power: {
    description: 'LEHI whose sampled draw returns the training labels (the empirical Fisher), recorded as drawn',
    run: (s) => ((s.method?.options as { imitation?: string } | undefined)?.imitation === 'sampled' ? runLehiWith(s, { imitationVectors: trainingLabelsRecorded }) : { ok: false, skipped: 'the defect is in the sampled draw' }),
    theorem: lehiOutputCondition,
    minCaught: 0.55,
    calibration: { drawn: 1200, applicable: 574, caught: 430, seed: 700039 },
  },
};
