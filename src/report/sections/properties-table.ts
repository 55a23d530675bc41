import type { PowerSummary, Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

function powerCells(p: PowerSummary | null): Markup {
  if (!p) return html`<td colspan="3" class="na">no power cases in this run</td>`;
  return html`<td>${p.description} (theorem ${p.theorem})</td><td class="num">${p.caught}/${p.applicable} = ${formatNumber(p.fraction)} (need ≥ ${formatNumber(p.minCaught)})</td><td class="${p.ok ? 'holds' : 'violated'}">${p.ok ? 'ok' : 'FAILED'}</td>`;
}

/** Per property: case counts, and whether its power check caught the deliberately broken variant. */
export function propertiesTable(r: Results): Markup {
  const rows = r.properties.map((p) => {
    const bad = p.violated > 0 || p.errors > 0 || (p.power !== null && !p.power.ok);
    return html`<tr class="${bad ? 'bad' : ''}"><td>${p.id}</td><td>${p.title}</td><td>${p.theorems.join(', ')}</td>
<td class="num">${p.cases}</td><td class="num">${p.holds}</td><td class="num">${p.violated}</td><td class="num">${p.errors}</td><td class="num">${p.skipped}</td>${powerCells(p.power)}</tr>`;
  });
  return html`<section><h2 id="properties">Properties</h2>
<table id="properties-table">
<thead><tr><th>property</th><th>title</th><th>theorems</th><th>cases</th><th>holds</th><th>violated</th><th>errors</th><th>skipped</th><th>power check</th><th>caught / applicable</th><th>ok</th></tr></thead>
<tbody>${rows}</tbody>
</table></section>`;
}
