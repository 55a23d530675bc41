import { chartSvg, colour, type LegendEntry, noData, px, py } from './chart-frame.js';
import { type AxisType, type Scale, scaleFor } from './chart-scale.js';
import { html, Markup } from './markup.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A series of a line chart; `bound` series are the theory's bounds: dashed, class `bound-overlay`, drawn over the others. */
export interface LineSeries {
  readonly label: string;
  readonly points: readonly Point[];
  readonly bound?: boolean;
  /** palette index (default: the series' position) */
  readonly colour?: number;
}

/** A filled band between two quantiles of the same x, in the first series' colour. */
export interface QuantileBand {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly low: number; readonly high: number }[];
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: AxisType;
  readonly y: AxisType;
  readonly series: readonly LineSeries[];
  readonly band?: QuantileBand;
  /** values the y axis must show even without data there (e.g. 0 and 1 for fractions) */
  readonly yInclude?: readonly number[];
}

const LINE_STROKE = new Markup('stroke-width="1.8"');
const BOUND_STROKE = new Markup('stroke-width="1.8" stroke-dasharray="6 4"');

/** Maximal runs of consecutive drawable points: a value that cannot be drawn (NaN, ∞, ≤ 0 on a log axis) breaks the line. */
function segments<T>(points: readonly T[], drawable: (p: T) => boolean): T[][] {
  const out: T[][] = [[]];
  for (const p of points) {
    if (drawable(p)) out[out.length - 1].push(p);
    else if (out[out.length - 1].length > 0) out.push([]);
  }
  return out.filter((s) => s.length > 0);
}

function seriesMarkup(s: LineSeries, index: number, x: Scale, y: Scale): Markup {
  const stroke = colour(s.colour ?? index);
  const parts = segments(s.points, (p) => x.accepts(p.x) && y.accepts(p.y)).map((seg) =>
    seg.length === 1
      ? html`<circle cx="${px(x, seg[0].x)}" cy="${py(y, seg[0].y)}" r="2.5" fill="${stroke}"/>`
      : html`<path d="${seg.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x, p.x)} ${py(y, p.y)}`).join('')}" fill="none"/>`,
  );
  return html`<g class="${s.bound ? 'series bound-overlay' : 'series'}" stroke="${stroke}" ${s.bound ? BOUND_STROKE : LINE_STROKE}>${parts}</g>`;
}

function bandMarkup(b: QuantileBand, x: Scale, y: Scale): Markup {
  const fill = colour(0);
  const parts = segments(b.points, (p) => x.accepts(p.x) && y.accepts(p.low) && y.accepts(p.high)).map((seg) => {
    const upper = seg.map((p) => `${px(x, p.x)} ${py(y, p.high)}`);
    const lower = seg.map((p) => `${px(x, p.x)} ${py(y, p.low)}`).reverse();
    return html`<polygon points="${[...upper, ...lower].join(' ')}"/>`;
  });
  return html`<g class="band" fill="${fill}" fill-opacity="0.2" stroke="none">${parts}</g>`;
}

function legendEntries(c: LineChart): LegendEntry[] {
  const entries: LegendEntry[] = [];
  if (c.band) entries.push({ label: c.band.label, swatch: html`<rect x="0" y="-6" width="24" height="12" fill="${colour(0)}" fill-opacity="0.2"/>` });
  const seen = new Set<string>();
  c.series.forEach((s, i) => {
    if (seen.has(s.label)) return;
    seen.add(s.label);
    entries.push({ label: s.label, swatch: html`<line x1="0" x2="24" y1="0" y2="0" stroke="${colour(s.colour ?? i)}" ${s.bound ? BOUND_STROKE : LINE_STROKE}/>` });
  });
  return entries;
}

/** A line chart: the band first, then the series, then the bounds on top. */
export function lineChart(c: LineChart): Markup {
  const xs = [...c.series.flatMap((s) => s.points.map((p) => p.x)), ...(c.band?.points.map((p) => p.x) ?? [])];
  const ys = [...c.series.flatMap((s) => s.points.map((p) => p.y)), ...(c.band?.points.flatMap((p) => [p.low, p.high]) ?? []), ...(c.yInclude ?? [])];
  const x = scaleFor(c.x, xs);
  const y = scaleFor(c.y, ys);
  const drawable = c.series.some((s) => s.points.some((p) => x.accepts(p.x) && y.accepts(p.y)));
  const layer = (bound: boolean) => c.series.map((s, i) => (Boolean(s.bound) === bound ? seriesMarkup(s, i, x, y) : null));
  const body = drawable ? html`${c.band && bandMarkup(c.band, x, y)}${layer(false)}${layer(true)}` : noData();
  return chartSvg({ title: c.title, xLabel: c.xLabel, yLabel: c.yLabel, x, y, legend: legendEntries(c) }, body);
}
