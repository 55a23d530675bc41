import type { Point } from './line-chart.js';

/**
 * The empirical distribution function of `values` as the corners of its staircase: F(v) is the
 * fraction of values ≤ v, drawn from 0 at the smallest value to 1 at the largest. Values a chart
 * cannot place (NaN, ±∞) are left out; the caller says how many.
 */
export function ecdfPoints(values: readonly number[]): Point[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    out.push({ x: sorted[i], y: out.length === 0 ? 0 : out[out.length - 1].y });
    out.push({ x: sorted[i], y: (i + 1) / n });
  }
  return out;
}
