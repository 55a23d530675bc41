import fc from 'fast-check';
import { genKantorovich } from '../src/theory/gen-kantorovich.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { ETA0, genScenarios, spdQuadratics } from './gen-scenarios.js';
import { overshootingRate, runGenWith } from './power/gen-parts.js';
import type { Property } from './property.js';

/** C-P4: exact GeN (s = 0, Φ = 1, no clamp), d = ∇f or P∇f, on SPD quadratics. Power: the step applies 2.1η_k. */
export const genKantorovichProperty: Property = {
  id: 'gen-kantorovich',
  title: genKantorovich.title,
  theorems: [genKantorovich, genSafeguards],
  scenarios: genScenarios(
    spdQuadratics(20),
    fc.record({ form: fc.constantFrom('exact' as const, 'three-point' as const), direction: fc.constantFrom('gradient' as const, 'preconditioned' as const), smoothing: fc.constant(0), clamp: fc.constant(false), lazy: fc.constant(1), eta0: ETA0, seed: fc.integer({ min: 0, max: 1000 }) }),
    { min: 2, max: 30 },
  ),
  cases: 30,
  power: {
    description: 'GeN whose step applies 2.1·η_k while its rule keeps η_k',
    run: (s) => runGenWith(s, { appliedRate: overshootingRate }),
    theorem: genKantorovich,
    minCaught: 0.85,
    calibration: { drawn: 1200, applicable: 1200, caught: 1199, seed: 700031 },
  },
};
