import fc from 'fast-check';
import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { backendAgreement, backendTrajectories } from '../src/theory/backend-agreement.js';
import { runClaimingFloat64 } from './power/float64-claim.js';
import type { Property } from './property.js';

/**
 * Differential: the data-heavy families (LogSumExp, logistic, softmax, nonlinear equations with a
 * linear operator) with their Hessian models, run on the case's backend (tfjs: float32) and, as the
 * companion, on the float64 cpu reference; the verdicts of A1–A3, A6, A7 must agree (the trajectories
 * agreeing until the float32 floor is a diagnostic). Runs on a
 * lower-precision backend only (on cpu every case is not applicable). Power: the float32 run passed
 * off as float64 (unit roundoff 2⁻⁵³, iterative residuals dropped) gets false violations.
 */
export const backendAgreementProperty: Property = {
  id: 'backend-agreement',
  title: 'float32 (tfjs) and float64 (cpu) runs of the same scenario get the same verdicts',
  theorems: [backendAgreement, backendTrajectories],
  scenarios: fc.oneof(
    ...(
      [
        ['logsumexp', ['exact', 'weighted-gauss-newton']],
        ['logistic', ['exact', 'fisher']],
        ['softmax-regression', ['exact']],
        ['nonlinear-equations-linear', ['exact', 'fisher-term']],
      ] as const
    ).map(([family, hessians]) => scenarioArbitrary({ families: [family], hessians, maxDim: 12, maxIters: { min: 5, max: 15 } })),
  ),
  cases: 240,
  companion: (s) => s,
  companionOnReference: true,
  power: {
    description: 'the float32 run passed off as float64 with direct solves (unit roundoff 2⁻⁵³, the iterative residuals dropped): float64-only allowances on float32 arithmetic',
    run: runClaimingFloat64,
    theorem: backendAgreement,
    minCaught: 0.85,
    calibration: { drawn: 240, applicable: 218, caught: 218, seed: 700026 },
  },
};
