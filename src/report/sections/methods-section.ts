import type { MethodFamilyCell, Results, TheoremSummary } from '../../harness/results.js';
import { countsCell } from '../counts-cell.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';
import { worstFirst } from '../theorem-cases.js';

const distinct = (values: readonly string[]): string[] => [...new Set(values)].sort();

interface Total {
  holds: number;
  violated: number;
  notApplicable: number;
  worstRatio: number | null;
  worstCase: string | null;
}

/** Cells added up: the counts summed, the worst ratio the largest of theirs (the first such cell's case). */
function total(cells: readonly MethodFamilyCell[]): Total {
  const t: Total = { holds: 0, violated: 0, notApplicable: 0, worstRatio: 0, worstCase: null };
  for (const c of cells) {
    t.holds += c.holds;
    t.violated += c.violated;
    t.notApplicable += c.notApplicable;
    if (c.worstCase !== null && (t.worstCase === null || worstFirst(c.worstRatio, t.worstRatio) < 0)) Object.assign(t, { worstRatio: c.worstRatio, worstCase: c.worstCase });
  }
  return t;
}

const worstText = (t: Pick<Total, 'worstRatio' | 'worstCase'>): string | undefined => (t.worstCase === null ? undefined : `worst ratio ${formatNumber(t.worstRatio)} in ${t.worstCase}`);

function cellOf(t: TheoremSummary, cells: readonly MethodFamilyCell[]): Markup {
  if (cells.length === 0) return countsCell(undefined, t.gating);
  const sum = total(cells);
  return countsCell(sum, t.gating, worstText(sum));
}

/** One theorem's verdicts as method × instance family, each method with its worst ratio and case. */
function familyDetail(t: TheoremSummary): Markup {
  const families = distinct(t.byMethodFamily.map((c) => c.family));
  const rows = distinct(t.byMethodFamily.map((c) => c.method)).map((m) => {
    const mine = t.byMethodFamily.filter((c) => c.method === m);
    const sum = total(mine);
    return html`<tr><td>${m}</td>${families.map((f) => cellOf(t, mine.filter((c) => c.family === f)))}<td class="num">${sum.worstCase === null ? '—' : formatNumber(sum.worstRatio)}</td><td>${sum.worstCase ?? '—'}</td></tr>`;
  });
  return html`<details class="method-families" id="methods-${t.id}"><summary>${t.id}: by method × instance family</summary>
<div class="wide"><table class="by-method">
<thead><tr><th>method</th>${families.map((f) => html`<th>${f}</th>`)}<th>worst ratio</th><th>worst case</th></tr></thead>
<tbody>${rows}</tbody>
</table></div></details>`;
}

/** Theorems × methods (the methods seen in the run): holds / violated / not applicable per cell, with each theorem's split by instance family below. */
export function methodsSection(r: Results): Markup {
  const ran = r.theorems.filter((t) => t.byMethodFamily.length > 0);
  if (ran.length === 0) return html`<section><h2 id="methods">Methods</h2><p>No judged case checked a theorem.</p></section>`;
  const methods = distinct(ran.flatMap((t) => t.byMethodFamily.map((c) => c.method)));
  const rows = ran.map((t) => html`<tr><td><a href="#theorem-${t.id}">${t.id}</a></td>${methods.map((m) => cellOf(t, t.byMethodFamily.filter((c) => c.method === m)))}</tr>`);
  return html`<section><h2 id="methods">Methods</h2>
<p>Each cell counts the judged cases of one method: holds / violated / not applicable (a diagnostic: within / outside its margin); — where no case of the method checked the theorem. Hover a cell for its worst ratio; each theorem's split by instance family is below the table.</p>
<div class="wide"><table id="methods-table" class="by-method">
<thead><tr><th>theorem</th>${methods.map((m) => html`<th>${m}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
${ran.map(familyDetail)}
</section>`;
}
