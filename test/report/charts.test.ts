import { describe, expect, it } from 'vitest';
import { LINEAR, LOG10, LOG2, scaleFor } from '../../src/report/chart-scale.js';
import { ratioBins, ratioHistogram } from '../../src/report/histogram.js';
import { lineChart } from '../../src/report/line-chart.js';

const coordinates = (svg: string): string[] => [...svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|width|height|d|points)="([^"]*)"/g)].map((m) => m[1]);

describe('scales', () => {
  it('log axes ignore what they cannot draw and tick at powers of the base', () => {
    const s = scaleFor(LOG10, [0, -1, NaN, Infinity, 1e-3, 10]);
    expect(s.accepts(0)).toBe(false);
    expect(s.accepts(-1)).toBe(false);
    expect(s.accepts(NaN)).toBe(false);
    expect(s.ticks.map((t) => t.value)).toEqual([1e-3, 1e-2, 0.1, 1, 10]);
    expect(s.fraction(1e-3)).toBeGreaterThan(0);
    expect(s.fraction(10)).toBeLessThan(1);
    expect(scaleFor(LOG2, [1, 8]).ticks.map((t) => t.label)).toEqual(['1', '2', '4', '8']);
    expect(scaleFor(LOG10, [1e-12, 1e12]).ticks.every((t) => /^1e-?\d+$|^1$|^0\.001$|^1000?0?$/.test(t.label))).toBe(true);
  });

  it('a single value or no value still gives a usable domain', () => {
    for (const axis of [LINEAR, LOG10]) {
      for (const values of [[], [3], [0], [NaN, Infinity]]) {
        const s = scaleFor(axis, values);
        expect(s.domain[0]).toBeLessThan(s.domain[1]);
        expect(s.ticks.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('linear ticks are round numbers covering the data', () => {
    const s = scaleFor(LINEAR, [0.03, 0.97]);
    expect(s.ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(s.domain).toEqual([0, 1]);
  });
});

describe('line chart', () => {
  const base = { title: 'δ_k <bound>', xLabel: 'k + 1', yLabel: 'δ', x: LOG10, y: LOG10 } as const;

  it.each([
    ['empty', []],
    ['single point', [{ x: 1, y: 2 }]],
    ['zeros, negatives, NaN and ∞', [{ x: 0, y: 1 }, { x: 1, y: 0 }, { x: 2, y: -1 }, { x: 3, y: NaN }, { x: 4, y: Infinity }, { x: NaN, y: 1 }, { x: 5, y: 1e-300 }, { x: 6, y: 5e-324 }, { x: 7, y: 1.7e308 }]],
  ])('survives %s data', (_name, points) => {
    for (const axis of [LINEAR, LOG10]) {
      const svg = lineChart({ ...base, x: axis, y: axis, series: [{ label: 'δ', points: [...points, { x: -1.7e308, y: 1.7e308 }] }] }).text;
      for (const c of coordinates(svg)) expect(c).not.toMatch(/NaN|Infinity/);
    }
    const svg = lineChart({ ...base, series: [{ label: 'δ', points }, { label: 'E', points, bound: true }], band: { label: 'band', points: points.map((p) => ({ x: p.x, low: p.y, high: p.y })) } }).text;
    expect(svg).toMatch(/^<svg class="chart"/);
    expect(svg).toContain('<title>δ_k &lt;bound&gt;</title>');
    for (const c of coordinates(svg)) expect(c).not.toMatch(/NaN|Infinity/);
  });

  it('says so when there is nothing to draw', () => {
    expect(lineChart({ ...base, series: [{ label: 'δ', points: [{ x: 1, y: 0 }] }] }).text).toContain('no data to plot');
  });

  it('draws bound series last, dashed, with class bound-overlay', () => {
    const svg = lineChart({
      ...base,
      series: [
        { label: 'E', points: [{ x: 1, y: 2 }, { x: 2, y: 1 }], bound: true },
        { label: 'δ', points: [{ x: 1, y: 1 }, { x: 2, y: 0.5 }] },
      ],
    }).text;
    const overlay = svg.indexOf('class="series bound-overlay"');
    const observed = svg.indexOf('class="series"');
    expect(observed).toBeGreaterThan(0);
    expect(overlay).toBeGreaterThan(observed);
    expect(svg.slice(overlay, overlay + 200)).toContain('stroke-dasharray');
  });

  it('breaks a line where a value cannot be drawn and marks isolated points', () => {
    const svg = lineChart({ ...base, series: [{ label: 'δ', points: [{ x: 1, y: 1 }, { x: 2, y: 0.5 }, { x: 3, y: 0 }, { x: 4, y: 0.1 }] }] }).text;
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });
});

describe('ratio histogram', () => {
  it('bins are log spaced, closed on the right, with 1 as an edge inside the range', () => {
    const { bins, unplaced } = ratioBins([0.8, 1, 1.2, 0, NaN, Infinity, -2, 1e-320]);
    expect(unplaced).toBe(5);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(3);
    const upTo1 = bins.find((b) => b.high === 1);
    expect(upTo1?.count).toBe(2);
    expect(bins.find((b) => b.low === 1)?.count).toBe(1);
    for (let i = 1; i < bins.length; i++) expect(bins[i].high / bins[i].low).toBeCloseTo(10 ** 0.25, 12);
  });

  it('keeps at most about 40 bins over a huge range', () => {
    const { bins } = ratioBins([1e-300, 1e10]);
    expect(bins.length).toBeLessThanOrEqual(42);
    expect(bins.some((b) => b.high === 1)).toBe(true);
  });

  it.each([[[]], [[0, NaN]], [[1]], [[5e-324, 1.7e308]]])('renders %j without throwing', (ratios) => {
    const svg = ratioHistogram('ratios <x>', ratios).text;
    expect(svg).toContain('class="chart"');
    expect(svg).toContain('<title>ratios &lt;x&gt;</title>');
    for (const c of coordinates(svg)) expect(c).not.toMatch(/NaN|Infinity/);
  });

  it('draws the bound at ratio 1 and colours bins beyond it', () => {
    const svg = ratioHistogram('r', [0.3, 2]).text;
    expect(svg).toContain('<line class="bound-overlay"');
    expect(svg).toContain('class="bar over"');
  });
});
