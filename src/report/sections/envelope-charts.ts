import { LOG10 } from '../chart-scale.js';
import { type LineSeries, lineChart } from '../line-chart.js';
import { html, type Markup } from '../markup.js';
import { quantileBand } from '../quantile-band.js';
import { type EnvelopeRun, normalizedEnvelope } from '../theorem-cases.js';

/** instances whose δ_k and E_k are drawn one by one (the worst ones) */
const SHOWN_INSTANCES = 4;

/**
 * Two charts of an f − f* envelope, x = k + 1 and y on log axes: the observed δ_k of the worst
 * instances under their own bounds E_k, and δ_k/E_k across all instances (median, 10–90% band)
 * under the bound 1.
 */
export function envelopeCharts(theorem: string, runs: readonly EnvelopeRun[]): Markup {
  const shown = runs.slice(0, SHOWN_INSTANCES);
  const instanceSeries: LineSeries[] = shown.flatMap((r, i) => [
    { label: `δ_k ${r.caseResult.key}`, points: r.envelope.delta.map((y, k) => ({ x: k + 1, y })), colour: i },
    { label: `E_k ${r.caseResult.key}`, points: r.envelope.bound.map((y, k) => ({ x: k + 1, y })), bound: true, colour: i },
  ]);
  const band = quantileBand(runs.map((r) => normalizedEnvelope(r.envelope)));
  const lastX = band.reduce((m, p) => Math.max(m, p.k + 1), 1);
  const observed = lineChart({
    title: `${theorem}: observed δ_k and bound E_k (${shown.length} of ${runs.length} instances, worst first)`,
    xLabel: 'k + 1',
    yLabel: 'δ_k, E_k',
    x: LOG10,
    y: LOG10,
    series: instanceSeries,
  });
  const normalized = lineChart({
    title: `${theorem}: δ_k / E_k across ${runs.length} instance${runs.length === 1 ? '' : 's'}`,
    xLabel: 'k + 1',
    yLabel: 'δ_k / E_k',
    x: LOG10,
    y: LOG10,
    band: { label: '10–90% of instances', points: band.map((p) => ({ x: p.k + 1, low: p.low, high: p.high })) },
    series: [
      { label: 'median', points: band.map((p) => ({ x: p.k + 1, y: p.median })) },
      { label: 'bound (δ_k = E_k)', points: [{ x: 1, y: 1 }, { x: Math.max(lastX, 2), y: 1 }], bound: true, colour: 7 },
    ],
    yInclude: [1],
  });
  return html`${observed}${normalized}`;
}
