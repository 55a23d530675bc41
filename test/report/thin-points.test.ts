import { describe, expect, it } from 'vitest';
import { LINEAR, LOG10 } from '../../src/report/chart-scale.js';
import type { Point } from '../../src/report/line-chart.js';
import { thinPoints } from '../../src/report/thin-points.js';

describe('thinPoints', () => {
  it('keeps a short series whole', () => {
    const points = Array.from({ length: 40 }, (_, k) => ({ x: k, y: 2 ** -k }));
    expect(thinPoints(points, LINEAR, 10)).toEqual(points);
  });

  it('keeps at most four points per column, with the first, the last, the lowest and the highest', () => {
    const points: Point[] = Array.from({ length: 10_000 }, (_, k) => ({ x: k, y: k === 7_001 ? 0.5 : 3 + Math.sin(k) + (k === 5_003 ? 10 : 0) }));
    const thin = thinPoints(points, LINEAR, 100);
    expect(thin.length).toBeLessThanOrEqual(400);
    expect(thin.length).toBeGreaterThanOrEqual(200);
    expect(thin[0]).toBe(points[0]);
    expect(thin[thin.length - 1]).toBe(points[points.length - 1]);
    expect(thin).toContain(points[5_003]);
    expect(thin).toContain(points[7_001]);
    expect(thin.map((p) => p.x)).toEqual([...thin.map((p) => p.x)].sort((a, b) => a - b));
  });

  it('keeps the point that starts a gap, so a broken line stays broken', () => {
    const points: Point[] = Array.from({ length: 1_000 }, (_, k) => ({ x: k + 1, y: k >= 500 && k < 520 ? 0 : 1 / (k + 1) }));
    const thin = thinPoints(points, LOG10, 20);
    expect(thin).toContain(points[500]);
    expect(thin.filter((p) => p.y === 0)).toHaveLength(1);
    expect(thin).toContain(points[520]);
  });
});
