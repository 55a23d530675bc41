import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableToJudge, judgePower, POWER_FALSE_ALARM } from '../../src/harness/power-judgement.js';
import { binomialCdf } from '../../src/rates/binomial.js';

describe('judgePower', () => {
  it('a property keeping its promised rate fails with probability below POWER_FALSE_ALARM at every sample size', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 1, max: 2000 }), (p0, n) => {
        const j = judgePower(0, n, p0);
        if (j.status === 'too-few') return n < applicableToJudge(p0);
        // fails exactly below minCatches, and X < minCatches has probability < POWER_FALSE_ALARM under p0
        return binomialCdf(j.minCatches - 1, n, p0) < POWER_FALSE_ALARM && binomialCdf(j.minCatches, n, p0) >= POWER_FALSE_ALARM && judgePower(j.minCatches, n, p0).status === 'caught' && (j.minCatches === 0 || judgePower(j.minCatches - 1, n, p0).status === 'failed');
      }),
    );
  });

  it('too few applicable cases are reported, never failed; at enough cases zero catches fail', () => {
    expect(applicableToJudge(0.5)).toBe(20);
    expect(judgePower(0, 19, 0.5).status).toBe('too-few');
    expect(judgePower(0, 20, 0.5).status).toBe('failed');
    expect(judgePower(4, 4, 0.5)).toMatchObject({ status: 'too-few', minApplicable: 20 });
    // corollary1-certified on --seed 3 before this rule: 99/143 against a fixed 0.75 failed; against a promise of 0.5 it is compatible
    expect(judgePower(99, 143, 0.5).status).toBe('caught');
    expect(judgePower(30, 143, 0.5).status).toBe('failed');
  });
});
