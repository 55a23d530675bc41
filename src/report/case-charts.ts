import type { CaseTrace } from '../harness/results.js';
import { LOG10 } from './chart-scale.js';
import { type LineSeries, lineChart, type Point } from './line-chart.js';
import { html, type Markup } from './markup.js';
import type { ViolationMark } from './violation-marks.js';

/** palette index of the violation markers (Okabe–Ito vermillion) */
const MARK_COLOUR = 5;

const drawable = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

/** x = k + 1, so that k = 0 has a place on the log axis */
function points(values: readonly (number | null)[]): Point[] {
  return values.map((y, k) => ({ x: k + 1, y: y ?? NaN }));
}

/** A vertical line at each marked iteration, spanning the drawable values of `series`. */
function markers(series: readonly LineSeries[], marks: readonly ViolationMark[]): LineSeries[] {
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(drawable);
  if (ys.length === 0) return [];
  const [low, high] = [Math.min(...ys), Math.max(...ys)];
  return marks.flatMap((m) =>
    m.k === null
      ? []
      : [{ label: `k = ${m.k}: ${m.theorem} ${m.diagnostic ? 'outside its margin' : 'violated'}`, points: [{ x: m.k + 1, y: low }, { x: m.k + 1, y: high }], colour: MARK_COLOUR }],
  );
}

function chart(title: string, yLabel: string, series: readonly LineSeries[], marks: readonly ViolationMark[]): Markup | null {
  if (!series.some((s) => s.points.some((p) => drawable(p.y)))) return null;
  return lineChart({ title, xLabel: 'k + 1', yLabel, x: LOG10, y: LOG10, series: [...series, ...markers(series, marks)] });
}

/**
 * The trajectories of one run against k + 1 on log axes: f − f* (where f* is certified), ‖∇f‖_*,
 * the accepted γ_k with the certified class bound π(‖∇f‖_*) dashed, and each theorem's observed
 * sequence with its bound dashed in the same colour; a vertical line marks the iteration a
 * violated verdict names (on the f − f* and ‖∇f‖_* charts, and on the theorem's own chart).
 */
export function caseCharts(trace: CaseTrace, marks: readonly ViolationMark[]): Markup {
  const charts = [
    chart('f(x_k) − f*', 'f − f*', [{ label: 'f(x_k) − f*', points: points(trace.fGap) }], marks),
    chart('‖∇f(x_k)‖_*', '‖∇f‖_*', [{ label: '‖∇f(x_k)‖_*', points: points(trace.gradNorm) }], marks),
    trace.gamma.some(drawable) &&
      chart('accepted γ_k and the certified class bound π(‖∇f(x_k)‖_*)', 'γ', [
      { label: 'accepted γ_k', points: points(trace.gamma) },
      { label: 'π(‖∇f(x_k)‖_*)', points: points(trace.pi), bound: true, colour: 0 },
    ], []),
    ...trace.envelopes.map((e) =>
      chart(`${e.theorem}: observed sequence and its bound`, 'observed, bound', [
        { label: 'observed', points: points(e.delta) },
        { label: 'bound', points: points(e.bound), bound: true, colour: 0 },
      ], marks.filter((m) => m.theorem === e.theorem)),
    ),
  ].filter((c): c is Markup => c !== null && c !== false);
  return charts.length === 0 ? html`<p>Nothing in this run can be drawn on log axes.</p>` : html`<div class="charts">${charts}</div>`;
}
