/**
 * The sensitivity control of saddle avoidance: the start x0 projected onto the stable manifold of the
 * instance's strict saddle (the coordinates its certificate names as unstable set to the saddle's),
 * through the scenario's `instance` hook. From there P-GD converges to the saddle (the unstable
 * components of ∇f stay 0), which the check must catch: the start is not the random one the theorem
 * assumes, and nothing in the run says so.
 */
import type { Instance } from '../../src/problems/instance.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';

/** x0 with the saddle's unstable coordinates put at the saddle's values (null when the certificate names no strict saddle) */
export function onStableManifold(instance: Instance): Instance | null {
  const saddle = instance.certificate.strictSaddles?.[0];
  if (!saddle) return null;
  const x0 = instance.x0.slice();
  for (const i of saddle.unstableCoordinates) x0[i] = saddle.point[i];
  return { ...instance, x0 };
}

/** The scenario run from its x0 projected onto the stable manifold; skipped where the instance has no certified saddle. */
export function runFromStableManifold(scenario: Scenario): ScenarioOutcome {
  let missing = false;
  const outcome = runScenario(scenario, {
    instance: (instance) => {
      const projected = onStableManifold(instance);
      missing = projected === null;
      return projected ?? instance;
    },
  });
  return missing ? { ok: false, skipped: 'the instance certifies no strict saddle' } : outcome;
}
