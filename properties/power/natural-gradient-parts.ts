/**
 * RING, RENG and R-Kalman with one part swapped (src/solvers/natural-gradient.ts, NaturalGradientParts;
 * src/methods/natural-gradient.ts, naturalGradientMethodWith): the registered loop with a broken
 * damping, K-FAC orientation, lazy inverse, RENG product or applied step, recording the same options.
 */
import { naturalGradientMethodWith } from '../../src/methods/natural-gradient.js';
import { type Matrix, matTVec, matVec } from '../../src/linalg/matrix.js';
import { curvatureRows } from '../../src/problems/curvature.js';
import type { SupervisedModel } from '../../src/problems/supervised-model.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';
import { gradientDamping } from '../../src/solvers/gradient-damping.js';
import { NATURAL_GRADIENT_VARIANTS, type NaturalGradientParts, type NaturalGradientVariant } from '../../src/solvers/natural-gradient.js';

/** A RING / RENG / R-Kalman scenario run with parts swapped (same variant); other methods' scenarios are skipped. */
export function runNaturalGradientWith(scenario: Scenario, parts: Partial<NaturalGradientParts>): ScenarioOutcome {
  const id = scenario.method?.id;
  if (!(NATURAL_GRADIENT_VARIANTS as readonly unknown[]).includes(id)) return { ok: false, skipped: 'the defect is in the natural-gradient methods' };
  return runScenario(scenario, { method: naturalGradientMethodWith(parts, id as NaturalGradientVariant) });
}

/**
 * Γ and Λ on the wrong sides: the layer's row-major block (outputs × inputs) read as inputs × outputs
 * with Λ on the left and Γ on the right (the column-major convention on row-major weights). Identical to
 * the honest solve where a layer has one output or one input (vectors), different otherwise.
 */
export const transposedKfac: NaturalGradientParts['kfacOrientation'] = (gamma, lambda) => ({ left: lambda, right: gamma });

/** the lazy inverse X = (A + μ₀I)⁻¹ applied at the new μ without the first-order correction −(μ − μ₀)X² */
export const staleLazyInverse: NaturalGradientParts['lazyApply'] = (inverse: Matrix, _formedAt: number, _mu: number, q: Float64Array) => matVec(inverse, q);

/** damping of the wrong order, μ = ρ‖g‖ while the record says ρ‖g‖^α */
export const gradientNormDamping: NaturalGradientParts['damping'] = (gradNorm, rho) => gradientDamping(gradNorm, 1, rho);

/**
 * RENG's ∇²L·g replaced by the Gauss–Newton product G·g = UᵀUg/|S| + l2·g (the second-order term of the
 * loss dropped): equal for a GLM (softmax or logistic regression, the Hessian is the GGN), different on
 * a network away from zero residuals.
 */
export const gaussNewtonInsteadOfHvp: NaturalGradientParts['regularizerProduct'] = (model: SupervisedModel, x, rows, g) => {
  const u = curvatureRows(model, x, { kind: 'ggn', rows, labels: null });
  const ug = matVec(u, g);
  const back = matTVec(u, ug);
  return back.map((v, i) => v / rows.length + model.l2 * g[i]);
};

/** h = 5η·δ while the record keeps η: η = 0.5 applied as 2.5, the overshoot of docs/theory.md#natural-gradient-methods */
export const fiveFoldStep: NaturalGradientParts['appliedStepSize'] = (eta) => 5 * eta;

/** R-Kalman's observation noise I instead of B·I: the dual system UUᵀ + μI, i.e. the curvature UᵀU instead of UᵀU/B (the per-batch scaling off by B) */
export const unitObservationNoise: NaturalGradientParts['observationNoise'] = () => 1;
