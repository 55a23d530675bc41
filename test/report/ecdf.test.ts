import { describe, expect, it } from 'vitest';
import { ecdfPoints } from '../../src/report/ecdf.js';

describe('ecdfPoints', () => {
  it('is the staircase of the fraction of values ≤ x, ties as one step, non-finite values left out', () => {
    expect(ecdfPoints([3, 1, 2, 2, NaN, Infinity])).toEqual([
      { x: 1, y: 0 },
      { x: 1, y: 0.25 },
      { x: 2, y: 0.25 },
      { x: 2, y: 0.75 },
      { x: 3, y: 0.75 },
      { x: 3, y: 1 },
    ]);
  });
  it('is empty without a finite value', () => {
    expect(ecdfPoints([NaN])).toEqual([]);
  });
});
