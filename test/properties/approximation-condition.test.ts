import { expect, it } from 'vitest';
import { checkRun } from '../../properties/property.js';
import { withFalseCertificate } from '../../properties/power/variant-runs.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { approximationCondition } from '../../src/theory/approximation-condition.js';
import { approximationConditionProperty } from '../../properties/approximation-condition.js';
import { runPropertySuite } from './property-harness.js';

it('approximation-condition: no violations on the cases; the power check is caught', () => {
  runPropertySuite(approximationConditionProperty, 20250613);
}, 120_000);

/** The ci suite's finding: an additive perturbation in an ill-conditioned gram metric attains ‖E‖ = C1 + C2a^{1−β}. */
const attained: Scenario = {
  instance: { family: 'l0-l1-family', params: { kind: 'exp', metric: 'gram', rows: 'gaussian', gscNu: 2.01 }, dim: 4, seed: 140321836 },
  hessian: 'exact',
  perturbations: [{ kind: 'additive', shape: 'psd', C1: 0.5, C2: 1, beta: 0.5, seed: 461 }],
  mode: 'strict',
  gamma0: 0.25,
  maxIters: 15,
  gradTolRelative: 1e-9,
};

it('an attained equality in a gram metric holds within the κ(B) rounding model, and a 1e-6 understatement of C1 is still caught', () => {
  const outcome = runScenario(attained);
  expect(outcome.ok).toBe(true);
  expect(checkRun([approximationCondition], outcome)['approximation-condition'].status).toBe('holds');
  const understated = withFalseCertificate(outcome, (c) => (c.certified ? { ...c, C1: c.C1 * (1 - 1e-6) } : c));
  const v = checkRun([approximationCondition], understated)['approximation-condition'];
  expect(v.status).toBe('violated');
});
