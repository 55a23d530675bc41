import type { Results } from '../../harness/results.js';
import { verdictOfExitCode } from '../../harness/summarize.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

/** What ran, where, and the verdict: PASS exactly when the run exits with code 0, INCOMPLETE with 3 (never a pass). */
export function headerSection(r: Results): Markup {
  const c = r.config;
  const e = r.environment;
  const verdict = verdictOfExitCode(r.exitCode);
  const b = r.violationBound;
  return html`<header>
<h1>ratecheck report: ${c.suite}</h1>
<p>${c.suiteDescription}</p>
<div id="verdict" class="banner ${verdict}">${verdict.toUpperCase()}</div>
${!r.complete && html`<p class="partial">Incomplete run: ${r.notRun} case${r.notRun === 1 ? '' : 's'} not run (time budget or interrupt); a verdict needs them all (exit code 3).</p>`}
${r.complete && r.exitCode === 3 && html`<p class="partial">Incomplete run: no case was judged (exit code 3).</p>`}
<p>${b.instances} judged case${b.instances === 1 ? '' : 's'} ran clean: with 95% confidence the probability that a case violates a theorem is below ${formatNumber(b.bound95)} (rule of three, 1 − 0.05^{1/N}).</p>
<dl class="run">
<dt>run id</dt><dd><code>${r.runId}</code></dd>
<dt>created</dt><dd>${r.createdAt}</dd>
<dt>completeness</dt><dd>${r.complete ? 'complete' : `partial (${r.notRun} not run)`}</dd>
${c.solver && html`<dt>solver process</dt><dd><code>${c.solver.command}</code>${c.solver.name ? ` (${c.solver.name})` : ''}, protocol ${c.solver.protocol}, capabilities ${c.solver.capabilities.join(', ') || 'none'}${c.solver.leftOut.length > 0 ? `; properties left out (no theorem its capabilities meet): ${c.solver.leftOut.join(', ')}` : ''}</dd>`}
<dt>backend</dt><dd>${c.arithmetic ?? `${c.backend}, ${c.precision.name}`} (unit roundoff ${formatNumber(c.precision.unitRoundoff)})</dd>
<dt>seed</dt><dd>${c.seed}</dd>
<dt>shard</dt><dd>${c.shard ? `${c.shard.index}/${c.shard.count}` : 'none (whole suite)'}</dd>
<dt>targeted search</dt><dd>${c.target ? 'on' : 'off'}</dd>
<dt>corpus</dt><dd>${c.corpus ?? 'none'}</dd>
<dt>baseline</dt><dd>${c.baseline ?? 'none'}</dd>
<dt>budgets</dt><dd>${c.timeBudgetSeconds === null ? 'no time budget' : `time budget ${c.timeBudgetSeconds} s`}, ${c.caseTimeoutSeconds} s per case</dd>
<dt>environment</dt><dd>ratecheck ${e.ratecheck}, node ${e.node}, ${e.platform}/${e.arch}, ${e.cpus} CPUs, ${e.workers} worker${e.workers === 1 ? '' : 's'}</dd>
<dt>duration</dt><dd>${formatNumber(r.seconds)} s</dd>
<dt>exit code</dt><dd>${r.exitCode}</dd>
</dl>
</header>`;
}
