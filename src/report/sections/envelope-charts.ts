import { LOG10 } from '../chart-scale.js';
import { type LineSeries, lineChart } from '../line-chart.js';
import { html, type Markup } from '../markup.js';
import { quantileBand } from '../quantile-band.js';
import { type EnvelopeRun, normalizedEnvelope } from '../theorem-cases.js';

/** the instances drawn one by one, by their rank in the worst-first order: the worst, then the quartiles and the best */
const SHOWN_QUANTILES = [0, 0.25, 0.5, 1] as const;

/** The runs at the SHOWN_QUANTILES of the worst-first order (distinct), each with the quantile it stands for. */
export function representativeRuns(runs: readonly EnvelopeRun[]): { run: EnvelopeRun; rank: string }[] {
  const picked = new Map<number, string>();
  for (const q of SHOWN_QUANTILES) {
    const i = Math.round(q * (runs.length - 1));
    if (!picked.has(i)) picked.set(i, q === 0 ? 'worst' : q === 1 ? 'best' : `${100 * (1 - q)}th pct`);
  }
  return [...picked].sort((a, b) => a[0] - b[0]).map(([i, rank]) => ({ run: runs[i], rank }));
}

/**
 * Two charts of a per-iteration bound (the f − f* envelopes, the gradient method's rate, …), x = k + 1
 * and y on log axes: the observed sequence of representative instances under their own bounds, and
 * observed/bound across all traced instances (median, 10–90% band) under the bound 1.
 */
export function envelopeCharts(theorem: string, runs: readonly EnvelopeRun[]): Markup {
  const shown = runs.length === 0 ? [] : representativeRuns(runs);
  const instanceSeries: LineSeries[] = shown.flatMap(({ run: r, rank }, i) => [
    { label: `observed, ${rank}: ${r.caseResult.key}`, points: r.envelope.delta.map((y, k) => ({ x: k + 1, y })), colour: i },
    { label: `bound, ${rank}: ${r.caseResult.key}`, points: r.envelope.bound.map((y, k) => ({ x: k + 1, y })), bound: true, colour: i },
  ]);
  const band = quantileBand(runs.map((r) => normalizedEnvelope(r.envelope)));
  const lastX = band.reduce((m, p) => Math.max(m, p.k + 1), 1);
  const observed = lineChart({
    title: `${theorem}: observed and bound (dashed, same colour), ${shown.length} of ${runs.length} instances by ratio`,
    xLabel: 'k + 1',
    yLabel: 'observed, bound',
    x: LOG10,
    y: LOG10,
    series: instanceSeries,
  });
  const normalized = lineChart({
    title: `${theorem}: observed / bound across ${runs.length} instance${runs.length === 1 ? '' : 's'}`,
    xLabel: 'k + 1',
    yLabel: 'observed / bound',
    x: LOG10,
    y: LOG10,
    band: { label: '10–90% of instances', points: band.map((p) => ({ x: p.k + 1, low: p.low, high: p.high })) },
    series: [
      { label: 'median', points: band.map((p) => ({ x: p.k + 1, y: p.median })) },
      { label: 'bound (observed = bound)', points: [{ x: 1, y: 1 }, { x: Math.max(lastX, 2), y: 1 }], bound: true, colour: 7 },
    ],
    yInclude: [1],
  });
  return html`${observed}${normalized}`;
}
