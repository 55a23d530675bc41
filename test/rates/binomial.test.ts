import { describe, expect, it } from 'vitest';
import { binomialCdf, clopperPearsonLower } from '../../src/rates/binomial.js';

/** P(X ≤ k) by the plain sum of exact terms (small n). */
function direct(k: number, n: number, p: number): number {
  let s = 0;
  let c = 1;
  for (let i = 0; i <= n; i++) {
    if (i <= k) s += c * p ** i * (1 - p) ** (n - i);
    c = (c * (n - i)) / (i + 1);
  }
  return s;
}

describe('binomial tails', () => {
  it('binomialCdf agrees with the direct sum and has the right edges', () => {
    for (const n of [1, 5, 20, 60]) for (const p of [0.05, 0.3, 0.5, 0.9]) for (let k = -1; k <= n; k++) expect(binomialCdf(k, n, p)).toBeCloseTo(direct(k, n, p), 12);
    expect(binomialCdf(0, 10, 0.5)).toBeCloseTo(2 ** -10, 15);
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    // large n: the 1e-6 tail of Binomial(1000, 0.5) is far below the mean
    expect(binomialCdf(420, 1000, 0.5)).toBeLessThan(1e-6);
    expect(binomialCdf(450, 1000, 0.5)).toBeGreaterThan(1e-4);
  });

  it('clopperPearsonLower: n/n successes give (1 − level)^{1/n}; the bound is below the rate and inverts the tail', () => {
    expect(clopperPearsonLower(10, 10, 0.95)).toBeCloseTo(0.05 ** (1 / 10), 9);
    expect(clopperPearsonLower(0, 10, 0.95)).toBe(0);
    const lo = clopperPearsonLower(700, 1000, 0.999);
    expect(lo).toBeLessThan(0.7);
    expect(lo).toBeGreaterThan(0.65);
    expect(1 - binomialCdf(699, 1000, lo)).toBeCloseTo(0.001, 6);
  });
});
