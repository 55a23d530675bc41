import type { CaseResult, Results, ShrinkResult } from '../../harness/results.js';
import { isJudged } from '../../harness/summarize.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';
import { failsGate } from '../../theory/verdict.js';

/** The cases that fail the gate: judged cases with a violation, and every case that ended in an error. */
function failingCases(cases: readonly CaseResult[]): CaseResult[] {
  return cases.filter((c) => c.status === 'error' || (c.status === 'violated' && isJudged(c)));
}

function shrinkBlock(s: ShrinkResult): Markup {
  return html`<p>Shrunk (${s.accepted} of ${s.tried} candidates kept the violation): ${s.summary}; worst ratio ${formatNumber(s.worstRatio)}.<br>Shrunk replay: <code>${s.replay}</code></p>`;
}

function violationBlock(c: CaseResult): Markup {
  const violated = Object.entries(c.verdicts).filter(([, v]) => failsGate(v));
  return html`<div class="violation" id="case-${c.key}">
<h3>${c.status === 'error' ? 'error' : 'violated'}: ${c.key}</h3>
<p>Property <strong>${c.property}</strong>, ${c.kind} ${c.index}: ${c.label}</p>
${c.reason && html`<p>Reason: ${c.reason}</p>`}
${violated.length > 0 && html`<table><thead><tr><th>theorem</th><th>worst ratio</th><th>where</th><th>slack</th></tr></thead><tbody>${violated.map(([id, v]) => html`<tr><td><a href="#theorem-${id}">${id}</a></td><td class="num">${formatNumber(v.worstRatio)}</td><td>${v.where ?? '—'}</td><td>${v.slack}</td></tr>`)}</tbody></table>`}
<p>Replay: <code>${c.replay}</code></p>
${c.shrunk ? shrinkBlock(c.shrunk) : html`<p>Not shrunk.</p>`}
</div>`;
}

export function violationsSection(r: Results): Markup {
  const failing = failingCases(r.cases);
  return html`<section><h2 id="violations">Violations and errors (${failing.length})</h2>
${failing.length === 0 ? html`<p>No case violated a theorem and no case ended in an error.</p>` : failing.map(violationBlock)}
</section>`;
}
