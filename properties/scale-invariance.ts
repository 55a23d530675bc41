import { runScenario, type Scenario, scenarioArbitrary } from '../src/scenarios/scenario.js';
import { scaleInvariance } from '../src/theory/scale-invariance.js';
import { mislabelledScaledModel } from './power/wrappers.js';
import type { Property } from './property.js';

/** The companion: the same scenario on c·f, c = 4^5 or 4^−5 (by the instance seed). */
export function scaledCompanionScenario(s: Scenario): Scenario {
  return { ...s, scale: s.instance.seed % 2 === 0 ? 4 ** 5 : 4 ** -5 };
}

/**
 * A10(i): every family, exact or zero Hessian, both modes, against the companion run on c·f.
 * Power: the companion's Hessian scaled by c·(1 + 2^−20) instead of c (a mis-scaled model: the
 * scaled problem's H no longer equals c·H), on runs with a nonzero H.
 */
export const scaleInvarianceProperty: Property = {
  id: 'scale-invariance',
  title: 'A10(i): the run on c·f (c = 4^±5) reproduces x_k, γ_k, t_k bitwise',
  theorems: [scaleInvariance],
  scenarios: scenarioArbitrary({ maxDim: 10, hessians: ['exact', 'zero'], maxIters: { min: 5, max: 25 } }),
  cases: 300,
  companion: scaledCompanionScenario,
  power: {
    description: 'the companion on c·f with its Hessian mis-scaled by (1 + 2^−20) (runs with a nonzero H and at least two iterations)',
    run: (s) => {
      if (s.hessian === 'zero') return { ok: false, skipped: 'H ≡ 0: nothing to mis-scale' };
      const base = runScenario(s);
      if (!base.ok) return base;
      if (base.run.records.length < 2) return { ok: false, skipped: 'fewer than two iterations' };
      const other = runScenario(scaledCompanionScenario(s), { model: (m) => mislabelledScaledModel(m, 1 + 2 ** -20) });
      if (!other.ok) return other;
      return { ok: true, run: { ...base.run, companion: other.run } };
    },
    theorem: scaleInvariance,
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 3010, caught: 3010, seed: 700010 },
  },
};
