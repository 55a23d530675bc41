import type { Results } from '../../harness/results.js';
import { verdictOfExitCode } from '../../harness/summarize.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What made the run FAIL, one phrase each, in the order of runVerdictOf (src/harness/summarize.ts). */
function failures(r: Results): Markup[] {
  const violated = r.properties.reduce((s, p) => s + p.violated, 0);
  const errors = r.properties.reduce((s, p) => s + p.errors, 0);
  const weakPower = r.properties.filter((p) => p.power !== null && !p.power.ok);
  const targetErrors = r.targets.filter((t) => t.error !== undefined);
  const out: Markup[] = [];
  if (violated > 0) out.push(html`<a href="#violations">${plural(violated, 'judged case')} violated a theorem</a>`);
  if (errors > 0) out.push(html`<a href="#violations">${plural(errors, 'case')} ended in an error</a>`);
  if (weakPower.length > 0) out.push(html`<a href="#properties">the power check of ${weakPower.map((p) => p.id).join(', ')} failed</a> (its broken variant was caught less often than promised)`);
  if (r.regressions.length > 0) out.push(html`<a href="#regressions">${plural(r.regressions.length, 'baseline regression')}</a>`);
  if (targetErrors.length > 0) out.push(html`<a href="#targets">the targeted search of ${targetErrors.map((t) => t.property).join(', ')} did not finish</a>`);
  return out;
}

/** The sentences under the banner: what failed or is missing; the rule-of-three bound only where every judged case held and every power check passed. */
function verdictSentences(r: Results): Markup {
  const failed = failures(r);
  const b = r.violationBound;
  const notRun = !r.complete && html`<p class="partial">Incomplete run: ${plural(r.notRun, 'case')} not run (time budget or interrupt); a verdict needs them all (exit code 3).</p>`;
  const noneJudged = r.complete && r.exitCode === 3 && html`<p class="partial">Incomplete run: no case was judged (exit code 3).</p>`;
  const why =
    failed.length > 0
      ? html`<p class="partial">Failed: ${failed.map((f, i) => html`${i > 0 && (i === failed.length - 1 ? ' and ' : ', ')}${f}`)}.</p>`
      : r.exitCode === 1 && html`<p class="partial">Failed (exit code 1).</p>`;
  const soundSample = failed.length === 0 && r.exitCode !== 1 && b.instances > 0;
  const ruleOfThree =
    soundSample &&
    html`<p>${r.complete ? `All ${plural(b.instances, 'judged case')} held` : `The ${plural(b.instances, 'judged case')} that ran held`}: with 95% confidence the probability that a case violates a theorem is below ${formatNumber(b.bound95)} (rule of three, 1 − 0.05^{1/N}).</p>`;
  const experiments = new Set(r.paperRuns.map((p) => p.experiment)).size;
  const reported = r.complete && b.instances === 0 && failed.length === 0 && experiments > 0 && html`<p>No case is judged in this suite: its ${plural(experiments, 'experiment')} are reported, not gated.</p>`;
  return html`${why}${notRun}${noneJudged}${ruleOfThree}${reported}`;
}

/** The verdict: PASS exactly when the run exits with code 0, INCOMPLETE with 3 (never a pass), and why. */
export function headerSection(r: Results): Markup {
  const verdict = verdictOfExitCode(r.exitCode);
  return html`<header>
<h1>ratecheck report: ${r.config.suite}</h1>
<p>${r.config.suiteDescription}</p>
<div id="verdict" class="banner ${verdict}">${verdict.toUpperCase()}</div>
${verdictSentences(r)}
</header>`;
}

/** What ran, where, with which seed and budgets: folded under a line of the facts read first. */
export function runFacts(r: Results): Markup {
  const c = r.config;
  const e = r.environment;
  const arithmetic = c.arithmetic ?? `${c.backend}, ${c.precision.name}`;
  return html`<details class="run-facts"><summary>Run <code>${r.runId}</code>: seed ${c.seed}, ${arithmetic}, ${r.complete ? 'complete' : `${r.notRun} not run`}, ${formatNumber(r.seconds)} s, exit code ${r.exitCode}</summary>
<dl class="run">
<dt>run id</dt><dd><code>${r.runId}</code></dd>
<dt>created</dt><dd>${r.createdAt}</dd>
<dt>completeness</dt><dd>${r.complete ? 'complete' : `partial (${r.notRun} not run)`}</dd>
${c.solver && html`<dt>solver process</dt><dd><code>${c.solver.command}</code>${c.solver.name ? ` (${c.solver.name})` : ''}, protocol ${c.solver.protocol}, capabilities ${c.solver.capabilities.join(', ') || 'none'}${c.solver.leftOut.length > 0 ? `; properties left out (no theorem its capabilities meet): ${c.solver.leftOut.join(', ')}` : ''}</dd>`}
<dt>backend</dt><dd>${arithmetic} (unit roundoff ${formatNumber(c.precision.unitRoundoff)})</dd>
<dt>seed</dt><dd>${c.seed}</dd>
<dt>shard</dt><dd>${c.shard ? `${c.shard.index}/${c.shard.count}` : 'none (whole suite)'}</dd>
<dt>targeted search</dt><dd>${c.target ? 'on' : 'off'}</dd>
<dt>corpus</dt><dd>${c.corpus ?? 'none'}</dd>
<dt>baseline</dt><dd>${c.baseline ?? 'none'}</dd>
<dt>budgets</dt><dd>${c.timeBudgetSeconds === null ? 'no time budget' : `time budget ${c.timeBudgetSeconds} s`}, ${c.caseTimeoutSeconds} s per case</dd>
<dt>environment</dt><dd>ratecheck ${e.ratecheck}, node ${e.node}, ${e.platform}/${e.arch}, ${e.cpus} CPUs, ${e.workers} worker${e.workers === 1 ? '' : 's'}</dd>
<dt>duration</dt><dd>${formatNumber(r.seconds)} s</dd>
<dt>exit code</dt><dd>${r.exitCode}</dd>
</dl></details>`;
}
