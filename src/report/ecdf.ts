import type { Point } from './line-chart.js';

/** An empirical distribution drawn on a log axis: its staircase over the positive finite values, and the values no such axis can place. */
export interface Ecdf {
  /** the corners of the staircase: F(v) = the fraction of all values ≤ v */
  readonly points: Point[];
  /** values ≤ 0 (F starts at below/n) */
  readonly below: number;
  /** +∞ and NaN (F ends at 1 − above/n): a ratio that could not be formed counts as the worst */
  readonly above: number;
  readonly n: number;
}

/** The empirical distribution function of `values`, every value counted in n, ties as one step. */
export function ecdf(values: readonly number[]): Ecdf {
  const placed = values.filter((v) => v > 0 && Number.isFinite(v)).sort((a, b) => a - b);
  const below = values.filter((v) => v <= 0).length;
  const n = values.length;
  const points: Point[] = [];
  for (let i = 0; i < placed.length; i++) {
    if (i + 1 < placed.length && placed[i + 1] === placed[i]) continue;
    points.push({ x: placed[i], y: points.length === 0 ? below / n : points[points.length - 1].y });
    points.push({ x: placed[i], y: (below + i + 1) / n });
  }
  return { points, below, above: n - below - placed.length, n };
}
