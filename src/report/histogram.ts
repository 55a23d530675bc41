import { chartSvg, noData, PLOT, px, py } from './chart-frame.js';
import { LINEAR, LOG10, scaleFor } from './chart-scale.js';
import { html, type Markup } from './markup.js';

/** A bin (low, high] of observed/bound ratios: closed on the right, so a ratio of exactly 1 counts as holding. */
export interface RatioBin {
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

export interface RatioBins {
  readonly bins: readonly RatioBin[];
  /** ratios outside [MIN_RATIO, MAX_RATIO]: zero, negative, NaN, ∞, or so far out that their bin edges would not be finite */
  readonly unplaced: number;
}

const MAX_BINS = 40;
const MIN_RATIO = 1e-300;
const MAX_RATIO = 1e300;

/** bin width in decades: quarter decades over a narrow range, wider so that there are at most MAX_BINS */
function binWidth(decades: number): number {
  if (decades * 4 <= MAX_BINS) return 0.25;
  return Math.ceil(decades / MAX_BINS);
}

/** Log-spaced bins of the ratios; 1 is always a bin edge and always inside the binned range. */
export function ratioBins(ratios: readonly number[]): RatioBins {
  const logs = ratios.filter((r) => r >= MIN_RATIO && r <= MAX_RATIO).map(Math.log10);
  const unplaced = ratios.length - logs.length;
  if (logs.length === 0) return { bins: [], unplaced };
  const lo = logs.reduce((m, l) => Math.min(m, l), 0);
  const hi = logs.reduce((m, l) => Math.max(m, l), 0);
  const w = binWidth(Math.max(hi - lo, 1));
  const index = (l: number) => Math.ceil(l / w - 1e-9) - 1;
  const first = Math.min(index(lo), -1);
  const last = Math.max(index(hi), 0);
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const l of logs) counts[index(l) - first]++;
  return { bins: counts.map((count, i) => ({ low: 10 ** ((first + i) * w), high: 10 ** ((first + i + 1) * w), count })), unplaced };
}

/** A histogram of observed/bound ratios on a log axis, bins beyond 1 in red, and the bound (ratio 1) as a dashed vertical line. */
export function ratioHistogram(title: string, ratios: readonly number[]): Markup {
  const { bins, unplaced } = ratioBins(ratios);
  const x = scaleFor(LOG10, bins.flatMap((b) => [b.low, b.high]));
  const y = scaleFor(LINEAR, [0, 1, ...bins.map((b) => b.count)]);
  const bars = bins
    .filter((b) => b.count > 0)
    .map((b) => {
      const left = px(x, b.low);
      const top = py(y, b.count);
      return html`<rect class="${b.low >= 1 ? 'bar over' : 'bar'}" x="${left}" y="${top}" width="${Math.max(px(x, b.high) - left - 1, 1)}" height="${py(y, 0) - top}" fill="${b.low >= 1 ? '#d55e00' : '#0072b2'}"><title>${`(${b.low.toPrecision(3)}, ${b.high.toPrecision(3)}]: ${b.count}`}</title></rect>`;
    });
  const one = px(x, 1);
  const body = bins.length === 0 ? noData() : html`${bars}<line class="bound-overlay" x1="${one}" x2="${one}" y1="${PLOT.top}" y2="${PLOT.top + PLOT.height}" stroke="#000" stroke-width="1.5" stroke-dasharray="6 4"/>`;
  const placed = ratios.length - unplaced;
  const note = `${placed} ratio${placed === 1 ? '' : 's'} binned${unplaced > 0 ? `; ${unplaced} zero, negative, non-finite or beyond 1e±300 not shown` : ''}`;
  return chartSvg(
    {
      title,
      xLabel: 'worst observed / bound',
      yLabel: 'cases',
      x,
      y,
      legend: [
        { label: 'ratio ≤ 1 (holds)', swatch: html`<rect x="0" y="-6" width="24" height="12" fill="#0072b2"/>` },
        { label: 'ratio > 1 (violated)', swatch: html`<rect x="0" y="-6" width="24" height="12" fill="#d55e00"/>` },
        { label: 'bound (ratio 1)', swatch: html`<line x1="0" x2="24" y1="0" y2="0" stroke="#000" stroke-width="1.5" stroke-dasharray="6 4"/>` },
      ],
      note,
    },
    body,
  );
}
