import fc from 'fast-check';
import { naturalGradientDampedSystem } from '../src/theory/natural-gradient-damped-system.js';
import { rengRegularizedGradient } from '../src/theory/reng-regularized-gradient.js';
import { NATURAL_GRADIENT_CHOICES, naturalGradientScenarios, smallSoftmax, tinyMlp } from './natural-gradient-scenarios.js';
import { gaussNewtonInsteadOfHvp, runNaturalGradientWith } from './power/natural-gradient-parts.js';
import type { Property } from './property.js';

/**
 * D-P5: RENG on the MLP (where ∇²L ≠ GGN) and softmax regression, minibatch gradients, every structure.
 * Power: the Gauss–Newton product in place of the Hessian–vector product (the MLP).
 */
export const rengRegularizedGradientProperty: Property = {
  id: 'reng-regularized-gradient',
  title: rengRegularizedGradient.title,
  theorems: [rengRegularizedGradient, naturalGradientDampedSystem],
  scenarios: naturalGradientScenarios(
    fc.constant('reng' as const),
    fc.oneof({ weight: 3, arbitrary: tinyMlp() }, { weight: 1, arbitrary: smallSoftmax() }),
    fc
      .record({ ...NATURAL_GRADIENT_CHOICES, structure: fc.constantFrom('dense' as const, 'kfac' as const, 'diagonal' as const), lazy: fc.constantFrom(1, 2) })
      .map((o) => ({ ...o, inverse: 'direct' as const })),
    { min: 2, max: 5 },
  ),
  cases: 12,
  powerCases: 40,
  power: {
    description: 'RENG with the Gauss–Newton product UᵀUg/B + l2·g in place of ∇²L·g (the MLP, where they differ)',
    run: (s) => (s.instance.family === 'mlp-mixture' ? runNaturalGradientWith(s, { regularizerProduct: gaussNewtonInsteadOfHvp }) : { ok: false, skipped: 'for a GLM the Hessian is the Gauss–Newton matrix' }),
    theorem: rengRegularizedGradient,
    minCaught: 0.85,
    calibration: { drawn: 240, applicable: 177, caught: 177, seed: 700046 },
  },
};
