import type { PowerSummary, Results } from '../../harness/results.js';
import { POWER_FALSE_ALARM, powerVerdictText } from '../../harness/power-judgement.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

function powerCells(p: PowerSummary | null): Markup {
  if (!p) return html`<td colspan="3" class="na">no power cases in this run</td>`;
  const label = p.status === 'failed' ? 'FAILED' : p.status === 'too-few' ? 'too few to judge' : 'ok';
  return html`<td>${p.description} (theorem ${p.theorem})</td><td class="num">${p.caught}/${p.applicable} = ${formatNumber(p.fraction)}</td><td class="${p.status === 'failed' ? 'violated' : p.status === 'too-few' ? 'na' : 'holds'}" title="${powerVerdictText(p)}">${label}</td>`;
}

/** Per property: case counts, and whether its power check caught the deliberately broken variant. */
export function propertiesTable(r: Results): Markup {
  const rows = r.properties.map((p) => {
    const bad = p.violated > 0 || p.errors > 0 || (p.power !== null && !p.power.ok);
    return html`<tr class="${bad ? 'bad' : ''}"><td>${p.id}</td><td>${p.title}</td><td>${p.theorems.join(', ')}</td>
<td class="num">${p.cases}</td><td class="num">${p.holds}</td><td class="num">${p.violated}</td><td class="num">${p.errors}</td><td class="num">${p.skipped}</td>${powerCells(p.power)}</tr>`;
  });
  return html`<section><h2 id="properties">Properties</h2>
<p>A power check runs each property's deliberately broken variant and counts how often its theorem catches it. It fails only when the count is incompatible with the rate the property promises (P(X ≤ caught) &lt; ${POWER_FALSE_ALARM} for X ~ Binomial(applicable, promised rate)); with too few applicable cases to reach that level it is not judged (a shard; the merged run judges the whole). Hover a verdict for its numbers.</p>
<table id="properties-table">
<thead><tr><th>property</th><th>title</th><th>theorems</th><th>cases</th><th>holds</th><th>violated</th><th>errors</th><th>skipped</th><th>power check</th><th>caught / applicable</th><th>judged</th></tr></thead>
<tbody>${rows}</tbody>
</table></section>`;
}
