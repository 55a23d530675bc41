import { runScenario, type Scenario, scenarioArbitrary } from '../src/scenarios/scenario.js';
import { affineInvariance } from '../src/theory/affine-invariance.js';
import type { Property } from './property.js';

/** The companion: the same scenario in coordinates x = Ty + b, T and b drawn from the instance seed. */
export function affineCompanionScenario(s: Scenario): Scenario {
  return { ...s, affine: s.instance.seed };
}

/**
 * A10(ii) on every family with the exact Hessian or H ≡ 0, both modes. Power: the companion keeps the
 * metric B = I instead of transforming it to TᵀBT (a metric not carried along with the coordinates).
 */
export const affineInvarianceProperty: Property = {
  id: 'affine-invariance',
  title: 'A10(ii): the run in coordinates x = Ty + b maps back onto the original iterates',
  theorems: [affineInvariance],
  scenarios: scenarioArbitrary({ maxDim: 8, hessians: ['exact', 'zero'], maxIters: { min: 5, max: 20 } }),
  cases: 150,
  companion: affineCompanionScenario,
  power: {
    description: 'the companion run with the metric B = I instead of the transformed TᵀBT',
    run: (s) => {
      const base = runScenario(s);
      if (!base.ok) return base;
      if (base.run.records.length < 2) return { ok: false, skipped: 'fewer than two iterations' };
      const other = runScenario(affineCompanionScenario(s), { instance: (inst) => ({ ...inst, metric: { kind: 'identity' } }) });
      if (!other.ok) return other;
      return { ok: true, run: { ...base.run, companion: other.run } };
    },
    theorem: affineInvariance,
    minCaught: 0.7,
    calibration: { drawn: 3000, applicable: 2941, caught: 2514, seed: 700011 },
  },
};
