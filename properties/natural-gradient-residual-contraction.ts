import fc from 'fast-check';
import { naturalGradientDampedSystem } from '../src/theory/natural-gradient-damped-system.js';
import { naturalGradientResidualContraction } from '../src/theory/natural-gradient-residual-contraction.js';
import { naturalGradientResidualContractionRelu } from '../src/theory/natural-gradient-residual-contraction-relu.js';
import { fullRankTwoLayerNetworks, naturalGradientScenarios, twoLayerNetworks } from './natural-gradient-scenarios.js';
import { fiveFoldStep, runNaturalGradientWith } from './power/natural-gradient-parts.js';
import type { Property } from './property.js';

/**
 * D-P3: RING and R-Kalman, full-batch GGN, on the linearized two-layer network (gating) and on the ReLU
 * network itself (the diagnostic with the measured 1% slack), n ≤ 16 points, m·d ≤ 128. Power: the step
 * applied five-fold (η = 0.5 recorded, 2.5 applied) on the linearized network.
 */
export const naturalGradientResidualContractionProperty: Property = {
  id: 'natural-gradient-residual-contraction',
  title: naturalGradientResidualContraction.title,
  theorems: [naturalGradientResidualContraction, naturalGradientResidualContractionRelu, naturalGradientDampedSystem],
  scenarios: naturalGradientScenarios(
    fc.constantFrom('ring' as const, 'r-kalman' as const),
    fc.oneof({ weight: 3, arbitrary: fullRankTwoLayerNetworks(1, 128) }, { weight: 1, arbitrary: twoLayerNetworks(1, 128) }, { weight: 1, arbitrary: twoLayerNetworks(0, 128) }),
    fc.record({
      eta: fc.constantFrom(1, 0.5, 0.5, 0.25),
      rho: fc.constantFrom(0.1, 0.1, 1, 10),
      dampingExponent: fc.constantFrom(2, 2, 1),
      curvature: fc.constant('ggn' as const),
      structure: fc.constant('dense' as const),
      inverse: fc.constant('direct' as const),
      lazy: fc.constant(1),
      batch: fc.constant(0),
      curvatureBatch: fc.constant(0),
    }),
    { min: 3, max: 10 },
  ),
  cases: 12,
  powerCases: 200,
  power: {
    description: 'the step applied five-fold (η = 0.5 recorded, h = 2.5·δ) on the linearized network, light damping (ρ ≤ 1, α = 2)',
    run: (s) =>
      s.instance.params.linearized === 1 && s.method?.options?.eta === 0.5 && Number(s.method.options.rho) <= 1 && s.method.options.dampingExponent === 2
        ? runNaturalGradientWith(s, { appliedStepSize: fiveFoldStep })
        : { ok: false, skipped: 'the defect applies to η = 0.5 on the linearized network with light damping (ρ ≤ 1, α = 2: heavier damping keeps 2.5·δ contracting)' },
    theorem: naturalGradientResidualContraction,
    minCaught: 0.6,
    calibration: { drawn: 240, applicable: 53, caught: 49, seed: 700045 },
  },
};
