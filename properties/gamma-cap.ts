import { withBrokenOracleHessian } from './power/variant-runs.js';
import { metricOperatorNorm } from '../src/linalg/metric.js';
import { metricOf } from '../src/problems/metric.js';
import { runScenario } from '../src/scenarios/scenario.js';
import { gammaCap, gammaCapGrid } from '../src/theory/gamma-cap.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/**
 * A14 cap on 1-D/2-D adaptive runs with exact and approximate models: the certified π_H against the
 * cap (gating), and the grid estimate of γ_H against it (a diagnostic of the estimator). Power: the run
 * handed to the checks with an oracle Hessian off by δ·B, δ = 10·max(1, ‖∇²f(x0)‖) (inconsistent with
 * the gradient): the certified π_H of the (correct) model then exceeds a/‖∇²f_claimed − H‖.
 */
export const gammaCapProperty: Property = {
  id: 'gamma-cap',
  title: 'π_H(‖∇f‖_*) ≤ γ_H(x) ≤ ‖∇f(x)‖_*/‖∇²f(x) − H(x)‖ (A14)',
  theorems: [gammaCap, gammaCapGrid],
  scenarios: gnsScenarios({ maxDim: 2, maxIters: { min: 4, max: 12 }, models: ['zero', 'fisher', 'weighted-gauss-newton', 'additive', 'exact'] }),
  cases: 40,
  power: {
    description: 'oracle Hessian off by 10·max(1, ‖∇²f(x0)‖)·B (inconsistent with its gradient), run unchanged',
    run: (s) =>
      withBrokenOracleHessian(runScenario(s), (inst) => 10 * Math.max(1, metricOperatorNorm(inst.problem.oracle.hess(inst.x0), metricOf(inst.metric, inst.problem.dim)))),
    theorem: gammaCap,
    minCaught: 0.85,
    calibration: { drawn: 800, applicable: 754, caught: 749, seed: 700023 },
  },
};
