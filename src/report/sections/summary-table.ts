import type { Results, TheoremSummary } from '../../harness/results.js';
import { countsCell } from '../counts-cell.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';
import { verdictGrid } from '../verdict-grid.js';

const number = (x: number | null): Markup => html`<td class="num">${x === null ? '—' : formatNumber(x)}</td>`;

/** The four tightness cells of a theorem with a per-iteration bound (TheoremTightness), blank for one without. */
function tightnessCells(t: TheoremSummary): Markup {
  const s = t.tightness;
  if (s === null) return html`<td class="none" colspan="4" title="no per-iteration bound">—</td>`;
  const pairs = s.factors + s.boundNotReached;
  return html`${number(s.worstBitingRatio)}${number(s.medianFactor)}${number(s.tightestFactor)}<td class="num" title="of ${pairs} (case, target) pairs the run reached">${s.boundNotReached}</td>`;
}

function worstRatioCell(t: TheoremSummary): Markup {
  if (t.worstCase === null) return html`<td class="num worst">—</td>`;
  return html`<td class="num worst${t.violated > 0 ? (t.gating ? ' violated' : ' outside') : ''}">${formatNumber(t.worstRatio)}</td>`;
}

function summaryRow(t: TheoremSummary): Markup {
  return html`<tr>
<td class="theorem-name"><a href="#theorem-${t.id}">${t.id}</a><span class="title">${t.title}</span></td>
<td title="${t.gatingReason}">${t.gating ? 'gates' : 'diagnostic'}${t.tight && html`<span class="tag" title="the bound is attained: ratios near 1 are expected">tight</span>`}</td>
${countsCell({ holds: t.holds, violated: t.violated, notApplicable: t.notApplicable }, t.gating)}
${worstRatioCell(t)}
${tightnessCells(t)}
<td>${t.worstReplay === null ? '—' : html`<details class="replay"><summary>replay</summary><code title="${t.worstCase ?? ''}">${t.worstReplay}</code></details>`}</td>
</tr>`;
}

/** Theorems × instance families, folded under the summary. */
function byFamily(r: Results): Markup {
  const grid = verdictGrid(r);
  if (grid.families.length === 0) return html``;
  const rows = r.theorems.map((t) => {
    const cells = grid.cells.get(t.id);
    return html`<tr><td><a href="#theorem-${t.id}">${t.id}</a></td>${grid.families.map((f) => countsCell(cells?.get(f), t.gating))}</tr>`;
  });
  return html`<details class="by-family" id="summary-by-family"><summary>Verdicts by instance family (holds / violated / not applicable)</summary>
<div class="wide"><table id="summary-families">
<thead><tr><th>theorem</th>${grid.families.map((f) => html`<th>${f}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div></details>`;
}

/** One row per theorem: its verdicts, its worst ratio, and how tight its bound was. */
export function summaryTable(r: Results): Markup {
  return html`<section><h2 id="summary-heading">Summary</h2>
<p>Verdicts: holds / violated / not applicable over the judged cases (a <em>diagnostic</em> counts within / outside its margin and never fails the gate). <em>Worst ratio</em>: observed/bound over every iteration (&gt; 1 is a violation). For a bound on a per-iteration sequence: the worst ratio <em>once it bites</em> (the bound a decade below its start; near k = 1 both start equal and the ratio says nothing), and K_bound(ε)/K_observed(ε), the iterations the bound <em>predicts</em> to reach ε = s_0·10^{−j} over those <em>observed</em> (1: the bound is as fast as the run), over (case, target) pairs; <em>bound short</em>: pairs the bound did not reach within the run.</p>
<table id="summary">
<thead>
<tr><th rowspan="2">theorem</th><th rowspan="2">gate</th><th rowspan="2" title="holds / violated / not applicable">verdicts</th><th rowspan="2" class="worst" title="the largest observed/bound ratio over every iteration of every judged case">worst ratio</th><th colspan="4" class="group">tightness of a per-iteration bound</th><th rowspan="2">worst case</th></tr>
<tr><th title="the worst observed/bound ratio once the bound has fallen a decade below its start">once it bites</th><th title="median of K_bound(ε)/K_observed(ε) over (case, target) pairs">predicted / observed, median</th><th title="the smallest K_bound(ε)/K_observed(ε)">tightest</th><th title="(case, target) pairs where the bound did not reach ε within the run">bound short</th></tr>
</thead>
<tbody>${r.theorems.map(summaryRow)}</tbody>
</table>
${byFamily(r)}
</section>`;
}
