import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { stepBound } from '../src/theory/step-bound.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { lambdaWithoutGradNorm } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { Property } from './property.js';

/** A2 on every family × Hessian model × mode (steps with H_k ⪰ 0 as computed). Power: λ = 1/γ without ‖g‖, H = 0. */
export const stepBoundProperty: Property = {
  id: 'step-bound',
  title: 'A2: ‖h_k‖ ≤ γ_k(+ε) and λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩ for H_k ⪰ 0',
  theorems: [stepBound],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations }),
  cases: 300,
  power: {
    description: 'λ computed without ‖g‖ (λ = 1/γ), H ≡ 0: ‖h‖ = γ·a_k > γ once a_k > 1 (runs with a taken step at a_k > 1)',
    run: (s, backend) =>
      runWithParts(strict({ ...s, hessian: 'zero', perturbations: [] }), { lambda: lambdaWithoutGradNorm }, (run) => run.records.some((r) => r.stepTaken && r.gradNorm > 1 + 1e-6) || 'no taken step with a_k > 1', backend),
    theorem: stepBound,
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 3616, caught: 3616, seed: 700001 },
  },
};
