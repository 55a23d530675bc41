import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalGradientPushThroughProperty } from '../../properties/natural-gradient-push-through.js';
import { runNaturalGradientWith, unitObservationNoise } from '../../properties/power/natural-gradient-parts.js';
import { naturalGradientPushThrough } from '../../src/theory/natural-gradient-push-through.js';

/**
 * The push-through theorem's own power (its property's power check is judged by the damped-system
 * theorem, for damping of the wrong order): R-Kalman with the observation noise I instead of B·I in its
 * dual system UUᵀ + BμI, the curvature off by the batch size. 154 of 240 draws of the property's
 * scenarios caught (seeds 700000 + i, `bench:power`-style); here 40 draws of one seed.
 */
describe('natural-gradient-push-through catches a wrong Kalman observation noise', () => {
  it('R-Kalman with UUᵀ + μI instead of UUᵀ + BμI is violated on at least the calibrated share of the draws', () => {
    const scenarios = fc.sample(naturalGradientPushThroughProperty.scenarios, { seed: 5311, numRuns: 40 });
    let applicable = 0;
    let caught = 0;
    for (const s of scenarios) {
      const outcome = runNaturalGradientWith(s, { observationNoise: unitObservationNoise });
      if (!outcome.ok) continue;
      const verdict = naturalGradientPushThrough.check(outcome.run);
      if (verdict.status === 'not-applicable') continue;
      applicable++;
      if (verdict.status === 'violated') caught++;
    }
    expect(applicable).toBeGreaterThanOrEqual(20);
    expect(caught / applicable).toBeGreaterThanOrEqual(0.44);
  });
});
