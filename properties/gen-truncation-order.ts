import fc from 'fast-check';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { genThreePointExact } from '../src/theory/gen-three-point-exact.js';
import { genTruncationOrder } from '../src/theory/gen-truncation-order.js';
import { GEN_RULE_CHOICES, genScenarios, spdQuadratics } from './gen-scenarios.js';
import { oneSidedSlope, runGenWith } from './power/gen-parts.js';
import type { Property } from './property.js';

const smoothNonquadratic: fc.Arbitrary<InstanceName>[] = ['rosenbrock', 'logistic', 'phase-retrieval'].flatMap((id) => {
  const family = familyById(id);
  return family ? [family.arbitrary({ minDim: 2, maxDim: 6 })] : [];
});

/**
 * C-P5 on Rosenbrock, logistic regression and phase retrieval (the O(p²) slope, a diagnostic), with SPD
 * quadratics mixed in where the three-point estimate is exact (gating). Power: the one-sided slope
 * (L₀ − L₊)/p, an O(p) estimate, caught on the quadratics by gen-three-point-exact (η̂ = η* − p/2).
 */
export const genTruncationOrderProperty: Property = {
  id: 'gen-truncation-order',
  title: genTruncationOrder.title,
  theorems: [genTruncationOrder, genThreePointExact, genSafeguards],
  scenarios: genScenarios(
    fc.oneof(...smoothNonquadratic.map((arbitrary) => ({ arbitrary, weight: 1 })), { arbitrary: spdQuadratics(8), weight: 3 }),
    fc.record({
      form: fc.constantFrom('three-point' as const, 'three-point' as const, 'least-squares' as const),
      direction: fc.constantFrom('gradient' as const, 'preconditioned' as const, 'adam' as const),
      ...GEN_RULE_CHOICES,
    }),
    { min: 2, max: 10 },
  ),
  cases: 20,
  powerCases: 120,
  power: {
    description: 'GeN whose slope is the one-sided difference (L₀ − L₊)/p, O(p) instead of O(p²) (three-point scenarios on the quadratics)',
    run: (s) => (s.method?.options?.form === 'three-point' ? runGenWith(s, { estimate: oneSidedSlope }) : { ok: false, skipped: 'the defect is in the three-point estimate' }),
    theorem: genThreePointExact,
    minCaught: 0.8,
    calibration: { drawn: 800, applicable: 265, caught: 253, seed: 700038 },
  },
};
