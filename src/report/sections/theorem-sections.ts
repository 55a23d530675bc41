import type { Results, TheoremSummary } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { ratioHistogram } from '../histogram.js';
import { html, type Markup } from '../markup.js';
import { applicableRatios, envelopeRuns } from '../theorem-cases.js';
import { envelopeCharts } from './envelope-charts.js';
import { rateFitsTable } from './rate-fits.js';

function theoremSection(r: Results, t: TheoremSummary): Markup {
  const ratios = applicableRatios(r.cases, t.id);
  const envelopes = envelopeRuns(r.cases, t.id);
  const properties = new Set(r.properties.filter((p) => p.theorems.includes(t.id)).map((p) => p.id));
  const fits = r.rateFits.filter((f) => properties.has(f.property));
  return html`<section class="theorem" id="theorem-${t.id}">
<h3>${t.id}: ${t.title}</h3>
<p>Source: ${t.source}. ${t.tight ? 'The bound is attained (tight): ratios near 1 are expected.' : 'The bound is not known to be attained.'}</p>
<p>${t.gating ? html`<strong>Gates:</strong> a violation fails the run. ` : html`<strong>Diagnostic</strong> (never fails the run): `}${t.gatingReason}.</p>
<pre class="statement">${t.statement}</pre>
${t.assumptions.length > 0 ? html`<p>Assumptions:</p><ul>${t.assumptions.map((a) => html`<li>${a}</li>`)}</ul>` : html`<p>No assumptions beyond the method's.</p>`}
<p>${t.holds} ${t.gating ? 'hold' : 'within the margin'}, ${t.violated} ${t.gating ? 'violated' : 'outside the margin'}, ${t.notApplicable} not applicable; ${t.pastFloor} iterations past the precision floor not checked.${t.worstCase !== null && html` Worst ratio ${formatNumber(t.worstRatio)} in ${t.worstCase}${t.worstWhere !== null && ` at ${t.worstWhere}`}.`}</p>
${t.slack !== null && html`<p>Slack: ${t.slack}</p>`}
${ratios.length === 0 && html`<p>No judged case applied this theorem.</p>`}
<div class="charts">${ratios.length > 0 && ratioHistogram(`${t.id}: worst observed/bound ratio per case`, ratios.map((x) => x.ratio ?? NaN))}${envelopes.length > 0 && envelopeCharts(t.id, envelopes)}</div>
${rateFitsTable(fits)}
</section>`;
}

export function theoremSections(r: Results): Markup {
  return html`<section><h2 id="theorems">Theorems</h2>${r.theorems.map((t) => theoremSection(r, t))}</section>`;
}
