import { describe, expect, it } from 'vitest';
import { ecdf } from '../../src/report/ecdf.js';

describe('ecdf', () => {
  it('is the staircase of the fraction of all values ≤ x, ties as one step', () => {
    expect(ecdf([3, 1, 2, 2]).points).toEqual([
      { x: 1, y: 0 },
      { x: 1, y: 0.25 },
      { x: 2, y: 0.25 },
      { x: 2, y: 0.75 },
      { x: 3, y: 0.75 },
      { x: 3, y: 1 },
    ]);
  });
  it('counts values a log axis cannot place: ≤ 0 lift its start, ∞ and NaN keep it below 1', () => {
    const e = ecdf([0, 2, Infinity, NaN]);
    expect(e).toEqual({ points: [{ x: 2, y: 0.25 }, { x: 2, y: 0.5 }], below: 1, above: 2, n: 4 });
  });
  it('has no staircase without a positive finite value', () => {
    expect(ecdf([NaN, -1])).toEqual({ points: [], below: 1, above: 1, n: 2 });
  });
});
