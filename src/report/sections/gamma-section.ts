import type { CaseResult, Results } from '../../harness/results.js';
import { LINEAR, LOG10 } from '../chart-scale.js';
import { gammaTraceCases } from '../gamma-traces.js';
import { type LineSeries, lineChart } from '../line-chart.js';
import { html, type Markup } from '../markup.js';

const INSTANCES_PER_PROPERTY = 3;

function gammaChart(property: string, cases: readonly CaseResult[]): Markup {
  const series: LineSeries[] = cases.flatMap((c, i) => {
    const trace = c.trace;
    if (!trace) return [];
    const name = `${c.kind}/${c.index}`;
    return [
      { label: `γ_k ${name}`, points: trace.gamma.map((y, k) => ({ x: k, y: y ?? NaN })), colour: i },
      { label: `π(‖g_k‖) ${name}`, points: trace.pi.map((y, k) => ({ x: k, y: y ?? NaN })), bound: true, colour: i },
    ];
  });
  return lineChart({ title: `${property}: accepted γ_k and the class bound π(‖g_k‖)`, xLabel: 'iteration k', yLabel: 'γ', x: LINEAR, y: LOG10, series });
}

/** γ_k against the certified lower bound π(‖g_k‖) of the class, for the worst few cases of each property. */
export function gammaSection(r: Results): Markup {
  const byProperty = gammaTraceCases(r.cases, INSTANCES_PER_PROPERTY);
  return html`<section><h2 id="gamma">γ_k traces</h2>
${byProperty.size === 0 ? html`<p>No case kept a γ trace with a certified class bound.</p>` : html`<p>Accepted regularization γ_k (solid) and the certified class bound π(‖g_k‖) (dashed), for up to ${INSTANCES_PER_PROPERTY} cases per property, worst ratio first.</p><div class="charts">${[...byProperty].map(([property, cases]) => gammaChart(property, cases))}</div>`}
</section>`;
}
