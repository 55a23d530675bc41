import fc from 'fast-check';
import type { Scenario } from '../src/scenarios/scenario.js';
import { pgdDescent } from '../src/theory/pgd-descent.js';
import { saddleAvoidance } from '../src/theory/saddle-avoidance.js';
import { saddleGlobalMinimum } from '../src/theory/saddle-global-minimum.js';
import { familyNames, kernels, pgdScenario, phaseRetrievalNames } from './pgd-scenarios.js';
import { runFromStableManifold } from './power/saddle-stable-manifold-start.js';
import type { Property } from './property.js';

/** the quartic saddle (certified for log and clip, a gating verdict) most of the time, phase retrieval with m ≥ 5n and symmetric and asymmetric (κ = 0.5) matrix factorization (estimated, diagnostic) */
const instances = fc.oneof(
  { arbitrary: familyNames('quartic-saddle', 6), weight: 4 },
  { arbitrary: phaseRetrievalNames(4), weight: 1 },
  { arbitrary: familyNames('matrix-factorization', 6), weight: 1 },
  { arbitrary: familyNames('asymmetric-matrix-factorization', 8, { kappa: 0.5 }), weight: 1 },
);

const scenarios: fc.Arbitrary<Scenario> = fc
  .record({ instance: instances, kernel: kernels, c: fc.constantFrom(0.5, 0.9, 0.99), maxIters: fc.constant(4000) })
  .map((choice) => pgdScenario(choice, 'pgd', {}, 1e-13));

/** P-GD with γ < 1/L from the instance's random start ends at no strict saddle. Power: the start projected onto the saddle's stable manifold. */
export const saddleAvoidanceProperty: Property = {
  id: 'saddle-avoidance',
  title: 'P-GD with γ < 1/L from a random start does not end at a strict saddle; on matrix factorization and phase retrieval (m ≥ 5n) it ends at a global minimum',
  theorems: [saddleAvoidance, saddleGlobalMinimum, pgdDescent],
  scenarios,
  cases: 20,
  powerCases: 160,
  power: {
    description: "P-GD started on the strict saddle's stable manifold (x0's unstable coordinates set to the saddle's), which converges to the saddle",
    run: runFromStableManifold,
    theorem: saddleAvoidance,
    // applicable on the quartic saddle with certified constants (log, clip) and p < n; there the stable coordinates contract to 0
    minCaught: 0.8,
    calibration: { drawn: 400, applicable: 75, caught: 75, seed: 700034 },
  },
};
