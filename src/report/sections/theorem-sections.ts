import type { Results, TheoremSummary } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { ratioHistogram } from '../histogram.js';
import { html, type Markup } from '../markup.js';
import { mathStatement } from '../math.js';
import type { TocEntry } from '../toc.js';
import { applicableRatios, envelopeRuns } from '../theorem-cases.js';
import { envelopeCharts } from './envelope-charts.js';
import { rateFitsTable } from './rate-fits.js';
import { tightnessCharts } from './tightness-charts.js';

/** Where the derivations are, in the repository. */
export const THEORY_DOC = 'docs/theory.md';

/** The link to a theorem's derivation: `theoryDoc` is docs/theory.md relative to the report's folder; without it, the repository path as text. */
function derivationLink(id: string, theoryDoc: string | undefined): Markup {
  if (theoryDoc === undefined) return html`derivation: <code>${THEORY_DOC}#${id}</code>`;
  return html`<a class="derivation" href="${theoryDoc}#${id}">derivation (${THEORY_DOC})</a>`;
}

const counts = (t: TheoremSummary): string =>
  t.gating ? `${t.holds} hold, ${t.violated} violated, ${t.notApplicable} not applicable` : `${t.holds} within the margin, ${t.violated} outside it, ${t.notApplicable} not applicable`;

/** "once the bound bites: …; iterations predicted/observed: …" for a theorem with a per-iteration bound. */
function tightnessLine(r: Results, t: TheoremSummary): Markup | null {
  const s = t.tightness;
  if (s === null) return null;
  const bitingAt = s.worstBitingCase === null ? undefined : r.cases.find((c) => c.key === s.worstBitingCase)?.tightness?.[t.id]?.bitingAt;
  const biting =
    s.worstBitingRatio === null
      ? 'the bound never fell a decade below its start within a run'
      : `worst ratio ${formatNumber(s.worstBitingRatio)}${bitingAt === undefined || bitingAt === null ? '' : ` at k = ${bitingAt}`} (${s.worstBitingCase})`;
  const factors =
    s.factors === 0
      ? 'no (case, target) pair that both the bound and the run reached'
      : `median ${formatNumber(s.medianFactor)}, tightest ${formatNumber(s.tightestFactor)} over ${s.factors} (case, target) pair${s.factors === 1 ? '' : 's'}`;
  return html`<p class="tightness">Once the bound bites: ${biting}; iterations predicted/observed: ${factors}; the bound did not reach ε within the run in ${s.boundNotReached} pair${s.boundNotReached === 1 ? '' : 's'} (over ${s.cases} case${s.cases === 1 ? '' : 's'}).</p>`;
}

/** Assumptions, slack, source, gating reason, charts and rate fits: folded under the theorem. */
function theoremDetail(r: Results, t: TheoremSummary): Markup {
  const ratios = applicableRatios(r.cases, t.id);
  const envelopes = envelopeRuns(r.cases, t.id);
  const properties = new Set(r.properties.filter((p) => p.theorems.includes(t.id)).map((p) => p.id));
  const fits = r.rateFits.filter((f) => properties.has(f.property));
  return html`<details class="theorem-detail"><summary>assumptions, source, slack${ratios.length > 0 && ', charts'}${fits.length > 0 && ', rate fits'}</summary>
<p>${t.gating ? html`<strong>Gates:</strong> a violation fails the run. ` : html`<strong>Diagnostic</strong> (never fails the run): `}${t.gatingReason}.</p>
${t.assumptions.length > 0 ? html`<p>Assumptions:</p><ul>${t.assumptions.map((a) => html`<li>${a}</li>`)}</ul>` : html`<p>No assumptions beyond the method's.</p>`}
<p>Source: ${t.source.replace(/\.$/, '')}. ${t.tight ? 'The bound is attained (tight): ratios near 1 are expected.' : 'The bound is not known to be attained.'}</p>
${t.slack !== null && html`<p>Slack: ${t.slack}</p>`}
<p>${t.pastFloor} iterations past the precision floor not checked.</p>
${ratios.length === 0 && html`<p>No judged case applied this theorem.</p>`}
${ratios.length > 0 && html`<div class="charts">${ratioHistogram(`${t.id}: worst observed/bound ratio per case`, ratios.map((x) => x.ratio ?? NaN))}${envelopes.length > 0 && envelopeCharts(t.id, envelopes)}${tightnessCharts(r, t)}</div>`}
${rateFitsTable(fits)}
</details>`;
}

function theoremSection(r: Results, t: TheoremSummary, theoryDoc: string | undefined): Markup {
  return html`<section class="theorem" id="theorem-${t.id}">
<h3>${t.id}: ${t.title}</h3>
${mathStatement(t.statement)}
<p class="glance"><strong>${t.gating ? 'Gates' : 'Diagnostic'}</strong>: ${counts(t)}.${t.worstCase !== null && html` Worst ratio <strong>${formatNumber(t.worstRatio)}</strong> in ${t.worstCase}${t.worstWhere !== null && ` at ${t.worstWhere}`}.`} ${derivationLink(t.id, theoryDoc)}</p>
${tightnessLine(r, t)}
${theoremDetail(r, t)}
</section>`;
}

/** One section per theorem (null when the run has none); `theoryDoc` is the href of docs/theory.md from the report. */
export function theoremSections(r: Results, theoryDoc?: string): Markup | null {
  if (r.theorems.length === 0) return null;
  return html`<section><h2 id="theorems">Theorems</h2>${r.theorems.map((t) => theoremSection(r, t, theoryDoc))}</section>`;
}

/** The table of contents' links to each theorem. */
export function theoremEntries(r: Results): TocEntry[] {
  return r.theorems.map((t) => ({ id: `theorem-${t.id}`, title: t.id, hint: t.title }));
}
