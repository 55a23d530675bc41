import { describe, expect, it } from 'vitest';
import type { ProfileRow } from '../../src/harness/results.js';
import { compareSolvers, dataProfiles, performanceProfiles, profileMeasure } from '../../src/report/profiles.js';

const row = (problem: string, solver: string, gradCalls: number | null, dim: number, iterations: number | null = gradCalls): ProfileRow => ({ problem, solver, gradCalls, iterations, dim });

/**
 * t (gradient calls):   A    B    n
 *   p1                  10   20   4
 *   p2                  30   15   2
 *   p3                  —    40   9
 * ratios to the best:   A: 1, 2, ∞    B: 2, 1, 1
 * κ = t/(n + 1):        A: 2, 10, ∞   B: 4, 5, 4
 */
const ROWS = [row('p1', 'A', 10, 4), row('p1', 'B', 20, 4), row('p2', 'A', 30, 2), row('p2', 'B', 15, 2), row('p3', 'A', null, 9), row('p3', 'B', 40, 9)];

describe('performance profiles', () => {
  it('ρ_s(τ) on a hand-computed example', () => {
    expect(performanceProfiles(ROWS, 'gradCalls')).toEqual([
      { solver: 'A', steps: [{ at: 1, fraction: 1 / 3 }, { at: 2, fraction: 2 / 3 }] },
      { solver: 'B', steps: [{ at: 1, fraction: 2 / 3 }, { at: 2, fraction: 1 }] },
    ]);
  });

  it('a problem no solver solved counts against every solver; a zero cost counts as one', () => {
    const rows = [row('p1', 'A', 0, 1), row('p1', 'B', 3, 1), row('p2', 'A', null, 1), row('p2', 'B', null, 1)];
    expect(performanceProfiles(rows, 'gradCalls')).toEqual([
      { solver: 'A', steps: [{ at: 1, fraction: 0.5 }] },
      { solver: 'B', steps: [{ at: 3, fraction: 0.5 }] },
    ]);
  });
});

describe('data profiles', () => {
  it('d_s(κ) on a hand-computed example', () => {
    expect(dataProfiles(ROWS, 'gradCalls')).toEqual([
      { solver: 'A', steps: [{ at: 2, fraction: 1 / 3 }, { at: 10, fraction: 2 / 3 }] },
      { solver: 'B', steps: [{ at: 4, fraction: 2 / 3 }, { at: 5, fraction: 1 }] },
    ]);
  });
});

describe('the cost measure and the comparison groups', () => {
  it('falls back to iterations when a solved run has no gradient count', () => {
    expect(profileMeasure(ROWS)).toBe('gradCalls');
    expect(profileMeasure([...ROWS, row('p4', 'A', null, 3, 7)])).toBe('iterations');
    const rows = [row('p1', 'A', null, 1, 4), row('p1', 'B', null, 1, 2)];
    expect(performanceProfiles(rows, profileMeasure(rows))).toEqual([
      { solver: 'A', steps: [{ at: 2, fraction: 1 }] },
      { solver: 'B', steps: [{ at: 1, fraction: 1 }] },
    ]);
  });

  it('compares solvers only on the problems that all of them ran, and leaves out a solver alone', () => {
    const comparisons = compareSolvers([...ROWS, row('q1', 'C', 5, 1), row('q1', 'A', 6, 1), row('q2', 'C', 1, 1)]);
    expect(comparisons.map((c) => [c.solvers, c.problems])).toEqual([
      [['A', 'B'], ['p1', 'p2', 'p3']],
      [['C', 'A'], ['q1']],
    ]);
    expect(comparisons[0].performance).toEqual(performanceProfiles(ROWS, 'gradCalls'));
    expect(compareSolvers([])).toEqual([]);
  });
});
