import fc from 'fast-check';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { genThreePointExact } from '../src/theory/gen-three-point-exact.js';
import { GEN_RULE_CHOICES, genScenarios, spdQuadratics } from './gen-scenarios.js';
import { runGenWith, swappedProbes } from './power/gen-parts.js';
import type { Property } from './property.js';

/** C-P1 on SPD quadratics with every direction, smoothing, clamp and lazy period (the probe p = η_{k−1} drifts with them). Power: L₊ and L₋ exchanged. */
export const genThreePointExactProperty: Property = {
  id: 'gen-three-point-exact',
  title: genThreePointExact.title,
  theorems: [genThreePointExact, genSafeguards],
  scenarios: genScenarios(
    spdQuadratics(12),
    fc.record({ form: fc.constant('three-point' as const), direction: fc.constantFrom('gradient' as const, 'preconditioned' as const, 'newton' as const, 'adam' as const), ...GEN_RULE_CHOICES }),
    { min: 1, max: 15 },
  ),
  cases: 30,
  power: {
    description: 'GeN with L₊ and L₋ exchanged in the three-point estimate (η̂ = −η*)',
    run: (s) => runGenWith(s, { estimate: swappedProbes }),
    theorem: genThreePointExact,
    minCaught: 0.85,
    calibration: { drawn: 1200, applicable: 1200, caught: 1184, seed: 700029 },
  },
};
