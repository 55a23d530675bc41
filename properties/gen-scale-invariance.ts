import fc from 'fast-check';
import { genMethod, genMethodWith } from '../src/methods/gen.js';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import { runScenario, type Scenario } from '../src/scenarios/scenario.js';
import { rateEstimator, type GenRateForm } from '../src/solvers/gen-rate-estimate.js';
import { genSafeguards } from '../src/theory/gen-safeguards.js';
import { genScaleInvariance } from '../src/theory/gen-scale-invariance.js';
import { genScaleInvarianceRelative } from '../src/theory/gen-scale-invariance-relative.js';
import { GEN_RULE_CHOICES, genScenarios, spdQuadratics } from './gen-scenarios.js';
import { fixedProbe } from './power/gen-parts.js';
import type { Property } from './property.js';

/** c by the instance seed: 2^j for j ∈ {−3, …, 3} \ {0}, or the spec's 7.3 and 1/7.3 (judged by the relative diagnostic) */
export const DIRECTION_FACTORS = [2 ** -3, 2 ** -2, 2 ** -1, 2, 4, 8, 7.3, 1 / 7.3] as const;

/** The companion: the same scenario with directionScale·c and eta0/c. */
export function directionScaledCompanion(s: Scenario): Scenario {
  const c = DIRECTION_FACTORS[s.instance.seed % DIRECTION_FACTORS.length];
  const o = { ...genMethod.defaults, ...s.method?.options };
  return { ...s, method: { id: 'gen', options: { ...s.method?.options, directionScale: Number(o.directionScale) * c, eta0: Number(o.eta0) / c } } };
}

const families = (ids: readonly string[]): fc.Arbitrary<InstanceName>[] =>
  ids.flatMap((id) => {
    const family = familyById(id);
    return family ? [family.arbitrary({ minDim: 2, maxDim: 6 })] : [];
  });

/**
 * C-P3: every direction, form, smoothing, clamp and lazy period on quadratics, Rosenbrock, logistic
 * regression, phase retrieval and the quartic saddle, against the companion with c·d and η₀/c.
 * Power: the probe fixed at an absolute 10⁻³ (three-point and least-squares forms; the companion
 * runs the same defective method).
 */
export const genScaleInvarianceProperty: Property = {
  id: 'gen-scale-invariance',
  title: genScaleInvariance.title,
  theorems: [genScaleInvariance, genScaleInvarianceRelative, genSafeguards],
  scenarios: genScenarios(
    fc.oneof(spdQuadratics(8), ...families(['rosenbrock', 'logistic', 'phase-retrieval', 'quartic-saddle'])),
    fc.record({
      form: fc.constantFrom('exact' as const, 'three-point' as const, 'least-squares' as const),
      direction: fc.constantFrom('gradient' as const, 'preconditioned' as const, 'newton' as const, 'adam' as const),
      ...GEN_RULE_CHOICES,
      directionScale: fc.constantFrom(1, 1, 3, 0.1),
    }),
    { min: 2, max: 20 },
  ),
  cases: 30,
  powerCases: 120,
  companion: directionScaledCompanion,
  power: {
    description: 'GeN whose probe step is fixed at an absolute 10⁻³ instead of η_{k−1} (three-point and least-squares forms), run and companion alike',
    run: (s) => {
      const form = s.method?.options?.form as GenRateForm | undefined;
      if (s.method?.id !== 'gen' || form === undefined || form === 'exact') return { ok: false, skipped: 'the defect is in the probed forms' };
      const method = genMethodWith({ estimate: fixedProbe(rateEstimator(form)) });
      const base = runScenario(s, { method });
      if (!base.ok) return base;
      const other = runScenario(directionScaledCompanion(s), { method });
      if (!other.ok) return other;
      return { ok: true, run: { ...base.run, companion: other.run } };
    },
    theorem: genScaleInvariance,
    minCaught: 0.4,
    calibration: { drawn: 1200, applicable: 619, caught: 366, seed: 700036 },
  },
};
