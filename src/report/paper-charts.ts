import type { PaperRunRow } from '../harness/results.js';
import { PLOT } from './chart-frame.js';
import { type AxisType, LINEAR, LOG10 } from './chart-scale.js';
import { type LineSeries, lineChart, type Point } from './line-chart.js';
import { html, type Markup } from './markup.js';
import { thinPoints } from './thin-points.js';

/** one run ending more than this many times later than another puts the x axis on a log scale */
const SPREAD = 5;

/** each column of two pixels of the plot keeps at most four points of a series */
const COLUMNS = PLOT.width / 2;

export const ERROR_LABEL: Readonly<Record<PaperRunRow['error'], string>> = { 'f-gap': 'f − f*', 'grad-norm': '‖∇f‖_*', loss: 'f (loss)' };

/** what a chart draws of a run: the experiment's error, or the gradient norm beside it */
type Drawn = (run: PaperRunRow) => readonly (number | null)[];
const ERROR: Drawn = (run) => run.series?.error ?? [];
const GRADIENT_NORM: Drawn = (run) => run.series?.gradNorm ?? [];

interface Measure {
  readonly name: string;
  /** x of iterate k of a run on a linear and on a log axis */
  at(run: PaperRunRow, k: number, axis: AxisType): number;
}

const ITERATIONS: Measure = { name: 'iterations', at: (_, k, axis) => (axis.kind === 'log' ? k + 1 : k) };
const GRADIENT_CALLS: Measure = { name: 'gradient evaluations', at: (run, k) => run.series?.gradCalls[k] ?? NaN };

/** the last iterate whose value a log axis can draw (-1: none) */
function lastDrawn(run: PaperRunRow, drawn: Drawn): number {
  const error = drawn(run);
  for (let k = error.length - 1; k >= 0; k--) if ((error[k] ?? 0) > 0) return k;
  return -1;
}

/**
 * Linear, as the paper's semilog figures, unless one run's last drawn iterate comes more than
 * SPREAD times later than another's: then log, so that the fast runs are not squeezed into the left edge.
 */
function axisFor(runs: readonly PaperRunRow[], m: Measure, drawn: Drawn): AxisType {
  const ends = runs.map((r) => ({ r, k: lastDrawn(r, drawn) })).filter(({ k }) => k > 0).map(({ r, k }) => m.at(r, k, LOG10));
  return ends.length > 1 && Math.max(...ends) > SPREAD * Math.min(...ends) ? LOG10 : LINEAR;
}

function chart(experiment: string, instance: string, runs: readonly PaperRunRow[], colours: ReadonlyMap<string, number>, m: Measure, drawn: Drawn = ERROR): Markup {
  const x = axisFor(runs, m, drawn);
  const series: LineSeries[] = runs.map((r) => {
    const points: Point[] = drawn(r).map((e, k) => ({ x: m.at(r, k, x), y: e ?? NaN }));
    return { label: r.run, points: thinPoints(points, x, COLUMNS), colour: colours.get(r.run) };
  });
  const error = drawn === ERROR ? ERROR_LABEL[runs[0].error] : ERROR_LABEL['grad-norm'];
  const xLabel = x.kind === 'log' ? `${m === ITERATIONS ? 'k + 1' : m.name} (log axis)` : m === ITERATIONS ? 'iteration k' : m.name;
  return lineChart({ title: `${experiment}, ${instance}: ${error} against ${m.name}`, xLabel, yLabel: `${error} (log axis)`, x, y: LOG10, series });
}

/**
 * The paper's figure for one instance of an experiment: its error (f − f*, ‖∇f‖_* or the loss) against
 * iterations and against gradient evaluations, every run overlaid in its experiment-wide colour; and
 * ‖∇f‖_* the same way where the runs kept it (PaperExperiment.gradientNormToo).
 */
export function convergenceCharts(experiment: string, instance: string, runs: readonly PaperRunRow[], colours: ReadonlyMap<string, number>): Markup {
  const drawn = runs.filter((r) => r.series);
  if (drawn.length === 0) return html`<p>These results hold no error series to plot (written before the paper runs kept them).</p>`;
  const gradientNorm = drawn.some((r) => r.series?.gradNorm) && html`${chart(experiment, instance, drawn, colours, ITERATIONS, GRADIENT_NORM)}${chart(experiment, instance, drawn, colours, GRADIENT_CALLS, GRADIENT_NORM)}`;
  return html`<div class="charts paper-figure" data-instance="${instance}">${chart(experiment, instance, drawn, colours, ITERATIONS)}${chart(experiment, instance, drawn, colours, GRADIENT_CALLS)}${gradientNorm}</div>`;
}
