import fc from 'fast-check';
import { genNewtonStep } from '../src/theory/gen-newton-step.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { ETA0, genScenarios, spdQuadratics } from './gen-scenarios.js';
import { oneSidedSlope, runGenWith } from './power/gen-parts.js';
import type { Property } from './property.js';

/** C-P2: the Newton direction on SPD quadratics, exact or three-point rate. Power: the one-sided slope (L₀ − L₊)/p (η̂ = 1 − p/2). */
export const genNewtonStepProperty: Property = {
  id: 'gen-newton-step',
  title: genNewtonStep.title,
  theorems: [genNewtonStep, genSafeguards],
  scenarios: genScenarios(
    spdQuadratics(12),
    fc.record({ form: fc.constantFrom('exact' as const, 'three-point' as const), direction: fc.constant('newton' as const), smoothing: fc.constantFrom(0, 0, 0.9), clamp: fc.constantFrom(false, false, true), lazy: fc.constant(1), eta0: ETA0 }),
    { min: 1, max: 3 },
  ),
  cases: 60,
  power: {
    description: 'GeN whose slope is the one-sided difference (L₀ − L₊)/p (three-point scenarios)',
    run: (s) => (s.method?.options?.form === 'three-point' ? runGenWith(s, { estimate: oneSidedSlope }) : { ok: false, skipped: 'the defect is in the three-point estimate' }),
    theorem: genNewtonStep,
    minCaught: 0.85,
    calibration: { drawn: 1200, applicable: 611, caught: 599, seed: 700030 },
  },
};
