import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { lemma1Decrease } from '../src/theory/lemma1-decrease.js';
import { ALL_HESSIANS, somePerturbations } from './common.js';
import { runWithParts, strict } from './power/defective-runs.js';
import { runScenario } from '../src/scenarios/scenario.js';
import { sufficientDecrease } from '../src/solvers/acceptance-test.js';
import { gnsRecords } from '../src/theory/method-capabilities.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

const trace = (rs: readonly { trials: readonly unknown[] }[]) => rs.map((r) => r.trials.length).join(',');

/** A3 on every family × Hessian model × mode. Power: the acceptance constant 8 replaced by 80. */
export const lemma1DecreaseProperty: Property = {
  id: 'lemma1-decrease',
  title: 'A3: Lemma 1 decrease on accepted steps, f monotone, and every rejected trial fails the test',
  theorems: [lemma1Decrease, optimumBound],
  scenarios: scenarioArbitrary({ maxDim: 12, hessians: ALL_HESSIANS, perturbations: somePerturbations }),
  cases: 300,
  power: {
    description: 'acceptance test f − f⁺ ≥ a⁺²/(80λ) instead of /(8λ) (runs where the lax constant changed a decision)',
    run: (s, backend) =>
      runWithParts(strict(s), { accepts: sufficientDecrease(80) }, (run) => {
        const good = runScenario(strict(s), undefined, backend);
        if (!good.ok) return `the correct run was skipped: ${good.skipped}`;
        return trace(gnsRecords(good.run)) !== trace(gnsRecords(run)) || 'the constant changed no decision';
      }, backend),
    theorem: lemma1Decrease,
    // a decision the lax constant changed may lie within the check's ε_f = 1e-12(|f_k| + |f_{k+1}|)
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 2158, caught: 2141, seed: 700002 },
  },
};
