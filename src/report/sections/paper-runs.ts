import type { Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

const orNone = (v: number | null) => (v === null ? '—' : formatNumber(v));

/** The paper experiments' runs with their observed rates (Q-linear tail factor, log–log order) and iterations to each tolerance. */
export function paperRunsSection(r: Results): Markup {
  const runs = r.paperRuns ?? [];
  if (runs.length === 0) return html``;
  const experiments = [...new Set(runs.map((p) => p.experiment))];
  const tables = experiments.map((id) => {
    const mine = runs.filter((p) => p.experiment === id);
    const rows = mine.map(
      (p) =>
        html`<tr><td>${p.instance}</td><td>${p.run}</td><td>${p.status}</td><td class="num">${p.iterations}</td><td class="num">${p.to.map((t) => (t === null ? '—' : String(t))).join(' / ')}</td><td class="num">${orNone(p.qLinearTail)}</td><td class="num">${orNone(p.logLogOrder)}</td><td class="num">${p.gammaRange ? `${formatNumber(p.gammaRange[0])} … ${formatNumber(p.gammaRange[1])}` : '—'}</td></tr>`,
    );
    return html`<h3>${id}</h3><p>${mine[0].what} (error: ${mine[0].error === 'f-gap' ? 'f − f*' : '‖∇f‖_*'})</p>
<div class="wide"><table class="paper-runs"><thead><tr><th>instance</th><th>run</th><th>status</th><th>iterations</th><th>to 1e-4 / 1e-6 / 1e-8</th><th>Q-linear tail</th><th>log–log order</th><th>γ range</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  });
  return html`<section><h2 id="paper-runs">Observed rates of the paper's experiments</h2>
<p>Reported, not gated: the Q-linear tail factor and the log–log order are fitted over an automatic tail window above the precision floor.</p>
${tables}
</section>`;
}
