import type { Scale } from './chart-scale.js';
import { html, type Markup } from './markup.js';

/** The fixed geometry of every chart: a 640-wide SVG, the plot area inside its axes, the legend below. */
const WIDTH = 640;
export const PLOT = { left: 76, top: 36, width: WIDTH - 76 - 20, height: 250 } as const;
const AXIS_TITLE_Y = PLOT.top + PLOT.height + 38;
const LEGEND_TOP = PLOT.top + PLOT.height + 62;
const LEGEND_ROW = 18;
const LEGEND_LABEL_CHARS = 48;
const TITLE_CHARS = 90;

/** colour-blind-safe palette (Okabe–Ito) for series; index modulo its length */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

export function colour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

export function px(x: Scale, v: number): number {
  return round(PLOT.left + x.fraction(v) * PLOT.width);
}

export function py(y: Scale, v: number): number {
  return round(PLOT.top + (1 - y.fraction(v)) * PLOT.height);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A legend entry: a swatch drawn in the box (0, −6)–(24, 6) and its label. */
export interface LegendEntry {
  readonly label: string;
  readonly swatch: Markup;
}

export interface Frame {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: Scale;
  readonly y: Scale;
  readonly legend: readonly LegendEntry[];
  /** a line under the legend, e.g. how many values could not be drawn */
  readonly note?: string;
}

function shorten(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function axes(f: Frame): Markup {
  const bottom = PLOT.top + PLOT.height;
  const xTicks = f.x.ticks.map((t) => {
    const x = px(f.x, t.value);
    return html`<line class="grid" stroke="#e4e4e4" x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${bottom}"/><text x="${x}" y="${bottom + 16}" text-anchor="middle">${t.label}</text>`;
  });
  const yTicks = f.y.ticks.map((t) => {
    const y = py(f.y, t.value);
    return html`<line class="grid" stroke="#e4e4e4" x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y}" y2="${y}"/><text x="${PLOT.left - 6}" y="${y + 4}" text-anchor="end">${t.label}</text>`;
  });
  const yTitleY = PLOT.top + PLOT.height / 2;
  return html`<g class="axes" font-size="11" fill="#333" stroke-width="1">${xTicks}${yTicks}<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#555"/><text x="${PLOT.left + PLOT.width / 2}" y="${AXIS_TITLE_Y}" text-anchor="middle" font-size="12">${f.xLabel}</text><text transform="translate(16 ${yTitleY}) rotate(-90)" text-anchor="middle" font-size="12">${f.yLabel}</text></g>`;
}

function legend(entries: readonly LegendEntry[]): { markup: Markup; rows: number } {
  let x = PLOT.left;
  let row = 0;
  const items = entries.map((e) => {
    const label = shorten(e.label, LEGEND_LABEL_CHARS);
    const width = 44 + 6.4 * label.length;
    if (x > PLOT.left && x + width > WIDTH) {
      x = PLOT.left;
      row++;
    }
    const item = html`<g transform="translate(${x} ${LEGEND_TOP + row * LEGEND_ROW})">${e.swatch}<text x="30" y="4" font-size="11">${label}</text></g>`;
    x += width;
    return item;
  });
  return { markup: html`<g class="legend">${items}</g>`, rows: entries.length === 0 ? 0 : row + 1 };
}

/** The SVG of a chart: its <title>, title text, axes with ticks and titles, the body, the legend. */
export function chartSvg(f: Frame, body: Markup): Markup {
  const l = legend(f.legend);
  const noteY = LEGEND_TOP + l.rows * LEGEND_ROW + 2;
  const height = noteY + (f.note ? LEGEND_ROW : 0);
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="system-ui, sans-serif"><title>${f.title}</title><text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="13" font-weight="600">${shorten(f.title, TITLE_CHARS)}</text>${axes(f)}<g class="plot">${body}</g>${l.markup}${f.note && html`<text x="${PLOT.left}" y="${noteY + 10}" font-size="11" fill="#555">${f.note}</text>`}</svg>`;
}

/** The body of a chart with nothing to draw. */
export function noData(): Markup {
  return html`<text x="${PLOT.left + PLOT.width / 2}" y="${PLOT.top + PLOT.height / 2}" text-anchor="middle" font-size="13" fill="#777">no data to plot</text>`;
}
