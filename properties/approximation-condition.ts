import { withFalseCertificate } from './power/variant-runs.js';
import { metricOf } from '../src/problems/metric.js';
import { buildInstance } from '../src/problems/registry.js';
import { runScenario, type Scenario } from '../src/scenarios/scenario.js';
import { approximationCondition } from '../src/theory/approximation-condition.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/**
 * A13 at every iterate of adaptive runs (n ≤ 6) with certified models: exact, LSE weighted
 * Gauss–Newton, logistic empirical Fisher, additive perturbations. Power: an extra indefinite
 * perturbation of size 2·(C1 + C2a₀^{1−β}) + 1, run with the model but certified as the original.
 */
export const approximationConditionProperty: Property = {
  id: 'approximation-condition',
  title: '‖∇²f(x_k) − H_k‖ ≤ C1 + C2‖∇f(x_k)‖_*^{1−β} at every iterate (A13)',
  theorems: [approximationCondition],
  scenarios: gnsScenarios({ maxDim: 6, maxIters: { min: 5, max: 20 }, models: ['exact', 'fisher', 'weighted-gauss-newton', 'additive'] }),
  cases: 100,
  power: {
    description: 'an uncertified indefinite perturbation of size 2·(C1 + C2a₀^{1−β}) + 1 added to the model, passed off with the original certificate',
    run: (s: Scenario) => {
      const base = runScenario(s);
      if (!base.ok || !base.run.model.certificate.certified) return base.ok ? { ok: false, skipped: 'uncertified model' } : base;
      const c = base.run.model.certificate;
      const inst = buildInstance(s.instance);
      const a0 = metricOf(inst.metric, inst.problem.dim).dualNorm(inst.problem.oracle.grad(inst.x0));
      const size = 2 * (c.C1 + c.C2 * a0 ** (1 - c.beta)) + 1;
      const broken = runScenario({ ...s, perturbations: [...s.perturbations, { kind: 'additive', shape: 'indefinite', C1: size, C2: 0, beta: 0, seed: 7 }] });
      return withFalseCertificate(broken, () => c);
    },
    theorem: approximationCondition,
    minCaught: 0.85,
    calibration: { drawn: 2000, applicable: 1935, caught: 1935, seed: 700025 },
  },
};
