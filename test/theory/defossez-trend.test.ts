import { describe, expect, it } from 'vitest';
import { defossezTrendTable, DEFOSSEZ_ADAGRAD } from '../../suites/peer-experiments-defossez.js';
import { defossezTrend, RISE_MARGIN } from '../../src/theory/defossez-trend.js';

const small = { family: 'logistic', params: { samples: 100, rho: 0, featureScale: 1 }, dim: 6, seed: 3 };

describe('B-P5 trend (diagnostic): E‖∇F(x_τ)‖²·√N/ln N for the Défossez-form Adagrad', () => {
  it('the τ-average falls from N = 100 to N = 1000 and T_N = mean·√N/ln N does not rise beyond noise (12 seeds)', () => {
    const trend = defossezTrendTable(small, DEFOSSEZ_ADAGRAD, [100, 1000], 12);
    expect(trend.rows.map((r) => r.seeds)).toEqual([12, 12]);
    expect(trend.rows[1].mean).toBeLessThan(trend.rows[0].mean);
    expect(trend.nonIncreasing).toBe(true);
  });

  it('flags a τ-average that falls as 1/N^(1/4), slower than ln N/√N, and leaves out a seed that stopped early', () => {
    const horizons = [100, 1000, 10000];
    const perSeed = Array.from({ length: 10 }, (_, s) => horizons.map((N) => (1 + 0.01 * s) * N ** -0.25));
    const slow = defossezTrend(perSeed, horizons);
    expect(slow.nonIncreasing).toBe(false);
    expect(slow.rises[0].mean).toBeGreaterThan(RISE_MARGIN * slow.rises[0].standardError);
    const fast = defossezTrend([...perSeed.map((row) => row.map((v, i) => v / horizons[i] ** 0.5)), [1, Number.NaN, 1]], horizons);
    expect(fast.nonIncreasing).toBe(true);
    expect(fast.rows[0].seeds).toBe(10);
  });
});
