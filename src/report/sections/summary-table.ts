import type { Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { countsCell } from '../counts-cell.js';
import { html, type Markup } from '../markup.js';
import { verdictGrid } from '../verdict-grid.js';

/** Theorems × instance families: holds / violated / not applicable per cell, with totals and the worst case. */
export function summaryTable(r: Results): Markup {
  const grid = verdictGrid(r);
  const rows = r.theorems.map((t) => {
    const byFamily = grid.cells.get(t.id);
    return html`<tr>
<td><a href="#theorem-${t.id}">${t.id}</a></td><td>${t.title}</td><td title="${t.gatingReason}">${t.gating ? 'gates' : 'diagnostic'}</td><td>${t.tight ? 'tight' : ''}</td>
${grid.families.map((f) => countsCell(byFamily?.get(f), t.gating))}
${countsCell({ holds: t.holds, violated: t.violated, notApplicable: t.notApplicable }, t.gating)}
<td class="num">${t.worstCase === null ? '—' : formatNumber(t.worstRatio)}</td>
<td>${t.worstReplay === null ? '—' : html`<details class="replay"><summary>${t.worstCase ?? 'replay'}</summary><code>${t.worstReplay}</code></details>`}</td>
</tr>`;
  });
  return html`<section><h2 id="summary-heading">Summary</h2>
<p>Each cell counts judged cases: holds / violated / not applicable. A <em>diagnostic</em> (a fitted shape or a margin not derived from its statement) counts within / outside its margin and never fails the gate.</p>
<div class="wide"><table id="summary">
<thead><tr><th>theorem</th><th>title</th><th>gate</th><th>tight</th>${grid.families.map((f) => html`<th>${f}</th>`)}<th>total</th><th>worst ratio</th><th>worst case (replay)</th></tr></thead>
<tbody>${rows}</tbody>
</table></div></section>`;
}
