import type { AxisType } from './chart-scale.js';
import type { Point } from './line-chart.js';

/**
 * A long series thinned to what a chart `columns` wide can show: the x range is cut into `columns`
 * equal columns (on the axis's own scale) and each column keeps its first, lowest, highest and last
 * point, in their order, so the drawn envelope is the series'. A point that cannot be drawn on a log
 * y axis (not finite, ≤ 0) is kept where it starts a gap, so a broken line stays broken. A series of
 * at most 4·columns points is returned whole.
 */
export function thinPoints(points: readonly Point[], x: AxisType, columns: number): Point[] {
  if (points.length <= 4 * columns) return [...points];
  const position = (v: number) => (x.kind === 'log' ? Math.log(v) : v);
  const drawable = (p: Point) => Number.isFinite(position(p.x)) && Number.isFinite(p.y) && p.y > 0;
  const xs = points.filter(drawable).map((p) => position(p.x));
  const lo = Math.min(...xs);
  const width = Math.max(...xs) - lo || 1;
  const column = (p: Point) => Math.min(columns - 1, Math.floor(((position(p.x) - lo) / width) * columns));
  const kept = new Set<number>();
  let bucket: number[] = [];
  const flush = () => {
    if (bucket.length === 0) return;
    const byY = [...bucket].sort((a, b) => points[a].y - points[b].y);
    for (const i of [bucket[0], byY[0], byY[byY.length - 1], bucket[bucket.length - 1]]) kept.add(i);
    bucket = [];
  };
  points.forEach((p, i) => {
    if (!drawable(p)) {
      flush();
      if (i === 0 || drawable(points[i - 1])) kept.add(i);
      return;
    }
    if (bucket.length > 0 && column(points[bucket[0]]) !== column(p)) flush();
    bucket.push(i);
  });
  flush();
  return [...kept].sort((a, b) => a - b).map((i) => points[i]);
}
