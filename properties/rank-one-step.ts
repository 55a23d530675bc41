import fc from 'fast-check';
import { type Scenario, scenarioArbitrary } from '../src/scenarios/scenario.js';
import { rankOneStep } from '../src/theory/rank-one-step.js';
import { flippedShermanMorrison } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { Property } from './property.js';

/** Nonlinear-equation families with the rank-one Fisher-term model, p ∈ {3, 4, 6} on the linear one. */
const scenarios: fc.Arbitrary<Scenario> = fc
  .tuple(scenarioArbitrary({ maxDim: 12, families: ['nonlinear-equations-linear', 'nonlinear-equations-linear', 'chebyshev', 'nle-rosenbrock'], hessians: ['fisher-term'], maxIters: { min: 5, max: 20 } }), fc.constantFrom(3, 4, 6))
  .map(([s, p]) => (s.instance.family === 'nonlinear-equations-linear' ? { ...s, instance: { ...s.instance, params: { ...s.instance.params, p } } } : s));

/** A12 on the solver's own rank-one steps. Power: Sherman–Morrison with the sign of its correction flipped. */
export const rankOneStepProperty: Property = {
  id: 'rank-one-step',
  title: 'A12: rank-one (Sherman–Morrison) step = dense solve = closed form',
  theorems: [rankOneStep],
  scenarios,
  cases: 200,
  power: {
    description: 'Sherman–Morrison with the sign of its correction flipped (runs with a rank-one step taken)',
    run: (s, backend) => runWithParts(strict(s), { solveStep: flippedShermanMorrison }, (run) => run.records.some((r) => r.stepTaken && run.hessians[r.k]?.kind === 'rank-one') || 'no rank-one step', backend),
    theorem: rankOneStep,
    minCaught: 0.85,
    calibration: { drawn: 4000, applicable: 3595, caught: 3595, seed: 700009 },
  },
};
