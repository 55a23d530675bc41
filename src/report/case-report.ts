import type { CaseDetail, JudgingTheorem, RunDetail } from '../harness/case-detail.js';
import type { CaseKind, CaseResult } from '../harness/results.js';
import type { HessianCertificate } from '../hessians/hessian-model.js';
import type { Certificate, Membership } from '../problems/certificate.js';
import { formatName } from '../problems/instance.js';
import type { Verdict } from '../theory/verdict.js';
import { caseCharts } from './case-charts.js';
import { formatNumber } from './format.js';
import { html, Markup } from './markup.js';
import { STYLE } from './style.js';
import { logsTrials, trialLog } from './trial-log.js';
import { violationMarks } from './violation-marks.js';

/** what each kind of case is (results.ts, CaseKind) */
const KIND_MEANING: Readonly<Record<CaseKind, string>> = {
  case: 'a random scenario of the property, run with the real method',
  corpus: 'a past counterexample or near-miss from the corpus, run with the real method',
  target: 'a near-miss the targeted search kept, run with the real method',
  power: "the property's deliberately broken variant, which its theorem is expected to catch",
  defect: 'the broken variant run as the subject under test',
};

/** rules of this page only; the rest is the run report's stylesheet */
const CASE_STYLE = new Markup(`
table.trial-log td { white-space: nowrap; }
details.trial-log summary { cursor: pointer; margin: 0.6rem 0; }
p.note { border-left: 4px solid #8a6d00; padding: 0.2rem 0.6rem; background: #fdf3d6; }
`);

/** The banner: for a power case a violation is the defect caught; an error or a skip is never a pass. */
function banner(r: CaseResult): Markup {
  const power = r.kind === 'power';
  const [cls, text] =
    r.status === 'error' ? ['fail', 'error'] : r.status === 'skipped' ? ['incomplete', 'skipped'] : power ? (r.status === 'violated' ? ['pass', 'defect caught'] : ['fail', 'defect not caught']) : r.status === 'violated' ? ['fail', 'violated'] : ['pass', 'holds'];
  return html`<div id="verdict" class="banner ${cls}">${text.toUpperCase()}</div>`;
}

function membershipText(m: Membership): string {
  const constants = Object.entries(m)
    .filter(([key]) => key !== 'class' && key !== 'how')
    .map(([key, value]) => `${key} = ${formatNumber(value as number)}`);
  return `${m.class} (${constants.join(', ')})`;
}

function certificateText(c: Certificate): string {
  const parts = [c.convexity, ...c.memberships.map(membershipText)];
  parts.push(c.fStar === undefined ? 'f* not certified' : `f* = ${c.fStar}`);
  if (c.sublevelRadius !== undefined) parts.push(`D ≤ ${formatNumber(c.sublevelRadius)}`);
  return parts.join('; ');
}

function hessianText(name: string, c: HessianCertificate): string {
  const bound = c.certified ? `‖∇²f − H‖ ≤ C1 + C2‖∇f‖_*^(1−β) with C1 = ${formatNumber(c.C1)}, C2 = ${formatNumber(c.C2)}, β = ${formatNumber(c.beta)}` : 'error not certified';
  return `${name}: ${bound}; ${c.psd ? 'H ⪰ 0' : 'H not known to be ⪰ 0'} (${c.how})`;
}

function details(r: CaseResult, run: RunDetail | null): Markup {
  const calls = r.oracleCalls;
  return html`<dl class="run">
<dt>property</dt><dd>${r.property}</dd>
<dt>kind</dt><dd>${r.kind}: ${KIND_MEANING[r.kind]}</dd>
<dt>scenario</dt><dd><code>${r.label}</code></dd>
<dt>method</dt><dd>${r.method}${run && html` — ${run.methodTitle}; capabilities ${run.capabilities.join(', ') || 'none beyond the step record'}`}</dd>
<dt>instance</dt><dd><code>${formatName(r.scenario.instance)}</code>${run && html`: ${certificateText(run.certificate)}`}</dd>
<dt>Hessian model</dt><dd>${run ? hessianText(r.hessian, run.hessianCertificate) : r.hessian}</dd>
<dt>stopping rule</dt><dd>at most ${r.scenario.maxIters} iterations, or ‖∇f‖_* &lt; ${r.scenario.gradTolRelative}·‖∇f(x_0)‖_*</dd>
<dt>solver status</dt><dd>${r.solverStatus ?? '—'}</dd>
<dt>iterations</dt><dd>${r.iterations ?? '—'}${r.iterationsToTolerance !== null && `, ‖∇f‖_* ≤ 1e-6·‖∇f(x_0)‖_* from k = ${r.iterationsToTolerance}`}</dd>
<dt>oracle calls</dt><dd>${calls ? `f ${calls.f}, ∇f ${calls.grad}, ∇²f ${calls.hess}` : '—'}</dd>
<dt>trace digest</dt><dd><code>${r.digest ?? '—'}</code></dd>
<dt>case hash</dt><dd><code>${r.hash}</code></dd>
</dl>`;
}

function statusClass(v: Verdict): string {
  return v.status === 'holds' ? 'holds' : v.status === 'violated' ? (v.gating === false ? 'outside' : 'violated') : 'na';
}

function verdictRow(id: string, theorem: JudgingTheorem | undefined, v: Verdict): Markup {
  const applicable = v.status !== 'not-applicable';
  return html`<tr><td><code>${id}</code>${theorem && html`<br>${theorem.title}`}</td><td>${theorem ? (theorem.gating ? 'gates' : 'diagnostic') : '—'}</td><td class="${statusClass(v)}">${v.status === 'violated' && v.gating === false ? 'outside its margin' : v.status}</td><td class="num">${applicable ? v.worstRatio.toPrecision(17) : '—'}</td><td>${applicable ? (v.where ?? '—') : ''}</td><td class="num">${applicable ? v.checked : '—'}</td><td class="num">${applicable ? v.pastFloor : '—'}</td><td>${v.note ?? ''}</td></tr>`;
}

function verdictTable(detail: CaseDetail): Markup {
  const entries = Object.entries(detail.result.verdicts);
  if (entries.length === 0) return html`<p>No verdict: the case ${detail.result.status === 'skipped' ? 'was skipped' : 'ended before any theorem was checked'}.</p>`;
  const byId = new Map(detail.theorems.map((t) => [t.id, t]));
  return html`<div class="wide"><table id="verdicts"><thead><tr><th>theorem</th><th>role</th><th>verdict</th><th>worst ratio</th><th>where</th><th>checked</th><th>past floor</th><th>note</th></tr></thead><tbody>${entries.map(([id, v]) => verdictRow(id, byId.get(id), v))}</tbody></table></div>`;
}

/**
 * One case as a self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): what
 * the case is, its verdicts, its trajectories with the bounds drawn on them, and its trial log.
 */
export function renderCaseReport(detail: CaseDetail): string {
  const r = detail.result;
  const run = detail.run;
  const marks = violationMarks(r.verdicts);
  const logTitle = run && logsTrials(run.records) ? 'Trial log' : 'Iterations';
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ratecheck replay: ${r.property} (${r.kind})</title>
<style>${STYLE}${CASE_STYLE}</style>
</head>
<body>
<header>
<h1>ratecheck replay: ${r.property} (${r.kind})</h1>
${banner(r)}
${r.reason && html`<p class="partial">${r.status === 'error' ? 'Error' : 'Reason'}: ${r.reason}</p>`}
${detail.note && html`<p class="note">${detail.note}</p>`}
<p>Replay: <code>ratecheck replay '${r.replay}'</code></p>
${details(r, run)}
</header>
<nav><a href="#verdicts-heading">verdicts</a><a href="#trajectories">trajectories</a><a href="#trial-log">${logTitle.toLowerCase()}</a></nav>
<main>
<section><h2 id="verdicts-heading">Verdicts</h2>
<p>The worst observed/bound ratio of each theorem (a ratio above 1 is a violation; the floating-point slack is inside the bound) and where it was seen.</p>
${verdictTable(detail)}
</section>
<section><h2 id="trajectories">Trajectories</h2>
${run ? html`<p>Against k + 1 on log axes; bounds are dashed in the colour of what they bound, and a vertical line marks the iteration where a theorem was violated.</p>${caseCharts(run.trace, marks)}` : html`<p>No trajectory to draw.</p>`}
</section>
<section><h2 id="trial-log">${logTitle}</h2>
${run ? trialLog(run.records, run.certificate.fStar, marks) : html`<p>No iteration was recorded.</p>`}
</section>
</main>
</body>
</html>
`.text;
}
