import fc from 'fast-check';
import { naturalGradientDampedSystem } from '../src/theory/natural-gradient-damped-system.js';
import { naturalGradientPushThrough } from '../src/theory/natural-gradient-push-through.js';
import { NATURAL_GRADIENT_CHOICES, naturalGradientScenarios, supervisedModels, twoLayerNetworks } from './natural-gradient-scenarios.js';
import { gradientNormDamping, runNaturalGradientWith } from './power/natural-gradient-parts.js';
import type { Property } from './property.js';

/**
 * D-P1: R-Kalman (the push-through form) against the dense step on the GLMs, the MLP and the two-layer
 * networks. Power: damping of the wrong order, μ = ρ‖g‖ recorded as ρ‖g‖^α (α = 2 runs), judged by the
 * damped-system theorem: the push-through theorem compares δ with the dense step at the damping the record
 * holds, which is the μ the broken part used, so it cannot see this defect (0 of 162 on the calibration
 * draws), and no part of NaturalGradientParts reaches the dual solve (UUᵀ + BμI)⁻¹ its identity is about.
 */
export const naturalGradientPushThroughProperty: Property = {
  id: 'natural-gradient-push-through',
  title: naturalGradientPushThrough.title,
  theorems: [naturalGradientPushThrough, naturalGradientDampedSystem],
  scenarios: naturalGradientScenarios(
    fc.constant('r-kalman' as const),
    fc.oneof({ weight: 3, arbitrary: supervisedModels() }, { weight: 1, arbitrary: twoLayerNetworks(0, 64) }),
    fc.record({ ...NATURAL_GRADIENT_CHOICES, lazy: fc.constantFrom(1, 2) }),
    { min: 2, max: 5 },
  ),
  cases: 12,
  powerCases: 40,
  power: {
    description: 'R-Kalman with damping of the wrong order, μ = ρ‖g‖ while the record says ρ‖g‖² (α = 2 runs)',
    run: (s) => (s.method?.options?.dampingExponent === 2 ? runNaturalGradientWith(s, { damping: gradientNormDamping }) : { ok: false, skipped: 'α = 1 is the defect itself' }),
    theorem: naturalGradientDampedSystem,
    minCaught: 0.85,
    calibration: { drawn: 240, applicable: 162, caught: 162, seed: 700043 },
  },
};
