import fc from 'fast-check';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { GEN_RULE_CHOICES, genScenarios } from './gen-scenarios.js';
import { curvatureNotSkipped, runGenWith } from './power/gen-parts.js';
import type { Property } from './property.js';

/** nonconvex instances where the fitted curvature along d turns negative: Rosenbrock, phase retrieval, and the quartic saddle where the catalog has it */
const nonconvex: fc.Arbitrary<InstanceName> = fc.oneof(
  ...['quartic-saddle', 'rosenbrock', 'phase-retrieval'].flatMap((id) => {
    const family = familyById(id);
    return family ? [family.arbitrary({ minDim: 2, maxDim: 6 })] : [];
  }),
);

/** C-P7: every GeN variant on nonconvex instances. Power: a fit accepted without its curvature test. */
export const genSafeguardsProperty: Property = {
  id: 'gen-safeguards',
  title: genSafeguards.title,
  theorems: [genSafeguards],
  scenarios: genScenarios(
    nonconvex,
    fc.record({ form: fc.constantFrom('exact' as const, 'three-point' as const, 'least-squares' as const), direction: fc.constantFrom('gradient' as const, 'preconditioned' as const, 'adam' as const), ...GEN_RULE_CHOICES }),
    { min: 5, max: 40 },
  ),
  cases: 30,
  powerCases: 200,
  power: {
    description: 'GeN accepting fits whatever their curvature (a ≤ 0 not skipped)',
    run: (s) => runGenWith(s, { accepts: curvatureNotSkipped }),
    theorem: genSafeguards,
    minCaught: 0.08,
    calibration: { drawn: 1200, applicable: 1200, caught: 284, seed: 700032 },
  },
};
