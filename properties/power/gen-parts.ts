/**
 * GeN with one part swapped (src/solvers/gen.ts, GenParts; src/methods/gen.ts, genMethodWith): the
 * registered loop with a broken rate estimator, acceptance test or applied rate, recording the same options.
 */
import { genMethodWith } from '../../src/methods/gen.js';
import type { GenParts } from '../../src/solvers/gen.js';
import type { MinibatchSampler } from '../../src/problems/minibatch.js';
import { type RateEstimator, threePointRate } from '../../src/solvers/gen-rate-estimate.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';

/** L₊ and L₋ exchanged: the probe on the side stepped to read as the other (the sign-convention bug: L₊ belongs to the side stepped to) */
export const swappedProbes: RateEstimator = (q) => threePointRate({ ...q, lossAt: (eta) => q.lossAt(-eta) });

/** the slope from the one-sided difference (L₀ − L₊)/p with the three-point curvature: η̂ = η* − p/2 on a quadratic */
export const oneSidedSlope: RateEstimator = (q) => {
  const e = threePointRate(q);
  const b = (q.f0 - e.Lplus) / q.probe;
  return { ...e, b, candidate: b / e.a };
};

/** a fit accepted without the curvature test (a ≤ 0 not skipped) */
export const curvatureNotSkipped = (e: { readonly b: number; readonly r2: number; readonly candidate: number }): boolean => e.b > 0 && e.r2 > 0.99 && Number.isFinite(e.candidate);

/** 2.1·η_t applied by the step while the rule keeps η_t (beyond the reflection 2η* of a quadratic: f increases) */
export const overshootingRate = (eta: number): number => 2.1 * eta;

/** A GeN scenario run with parts swapped; other methods' scenarios are skipped (the defect is in GeN). */
export function runGenWith(scenario: Scenario, parts: Partial<GenParts>): ScenarioOutcome {
  if (scenario.method?.id !== 'gen') return { ok: false, skipped: 'the defect is in GeN' };
  return runScenario(scenario, { method: genMethodWith(parts) });
}

/** a finite-difference step fixed in absolute units instead of η_{t−1}: the probe points x ∓ p·d move with the direction's scale */
export const FIXED_PROBE = 1e-3;
export function fixedProbe(estimate: RateEstimator): RateEstimator {
  return (q) => estimate({ ...q, probe: FIXED_PROBE });
}

/** L₀ on a fresh minibatch of its own, L₊ and L₋ on the recorded one (§C.4's failure signature: the error no longer shrinks with B) */
export const separateBatchOfL0 = (_batch: Uint32Array, sampler: MinibatchSampler): Uint32Array => sampler.next();
