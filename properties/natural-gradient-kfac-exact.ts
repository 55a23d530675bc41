import fc from 'fast-check';
import { naturalGradientDampedSystem } from '../src/theory/natural-gradient-damped-system.js';
import { naturalGradientKfacExact } from '../src/theory/natural-gradient-kfac-exact.js';
import { naturalGradientKfacSplit } from '../src/theory/natural-gradient-kfac-split.js';
import { NATURAL_GRADIENT_CHOICES, naturalGradientScenarios, smallLogistic, smallSoftmax } from './natural-gradient-scenarios.js';
import { runNaturalGradientWith, transposedKfac } from './power/natural-gradient-parts.js';
import type { Property } from './property.js';

/**
 * D-P2: K-FAC on softmax and logistic regression with a one-row curvature batch (the Kronecker factors are
 * exact there), the damping on the whole block or π-split (reported). Power: Γ and Λ on the wrong sides
 * (softmax regression with d ≥ 2: both factors are matrices), judged by the K-FAC–dense identity itself
 * (applicable where the damping is on the whole block).
 */
export const naturalGradientKfacExactProperty: Property = {
  id: 'natural-gradient-kfac-exact',
  title: naturalGradientKfacExact.title,
  theorems: [naturalGradientKfacExact, naturalGradientDampedSystem, naturalGradientKfacSplit],
  scenarios: naturalGradientScenarios(
    fc.constantFrom('ring' as const, 'reng' as const),
    fc.oneof({ weight: 3, arbitrary: smallSoftmax() }, { weight: 1, arbitrary: smallLogistic() }),
    fc.record({
      ...NATURAL_GRADIENT_CHOICES,
      curvatureBatch: fc.constant(1),
      structure: fc.constant('kfac' as const),
      kfacDamping: fc.constantFrom('exact' as const, 'exact' as const, 'split' as const),
      inverse: fc.constant('direct' as const),
      lazy: fc.constantFrom(1, 2),
    }),
    { min: 2, max: 5 },
  ),
  cases: 12,
  powerCases: 90,
  power: {
    description: 'K-FAC with Γ and Λ on the wrong sides of the row-major layer (the column-major convention), softmax regressions',
    run: (s) => (s.instance.family === 'softmax-regression' && s.instance.dim > Number(s.instance.params.classes) ? runNaturalGradientWith(s, { kfacOrientation: transposedKfac }) : { ok: false, skipped: 'a layer with one output or one input has a vector factor: the transposition is the identity' }),
    theorem: naturalGradientKfacExact,
    minCaught: 0.82,
    calibration: { drawn: 240, applicable: 86, caught: 86, seed: 700044 },
  },
};
