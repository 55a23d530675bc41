import type { PaperRunRow, Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';
import { convergenceCharts, ERROR_LABEL } from '../paper-charts.js';
import type { TocEntry } from '../toc.js';

const orNone = (v: number | null) => (v === null ? '—' : formatNumber(v));

/** What the tail of a run looks like (PaperRunRow.regime), in words. */
function observedTail(p: PaperRunRow): string {
  const r = p.regime;
  if (!r) return '—';
  if (r.kind === 'superlinear') return r.floorAt === null ? 'superlinear: still accelerating at its end' : `superlinear: at the precision floor by k = ${r.floorAt}`;
  if (r.kind === 'undetermined') return r.floorAt === null ? 'undetermined: too few points above the precision floor, or no decrease' : `at the precision floor by k = ${r.floorAt}: too few iterations above it to tell the rate`;
  return r.kind;
}

/** The Q-linear tail factor and the log–log order, each only where the run's regime gives it a meaning. */
function fittedRates(p: PaperRunRow): [string, string] {
  switch (p.regime?.kind) {
    case 'linear':
      return [orNone(p.qLinearTail), '— (linear rate: no algebraic order)'];
    case 'superlinear':
      return ['— (superlinear)', '— (superlinear: no algebraic order)'];
    case 'undetermined':
      return ['—', '—'];
    default:
      return [orNone(p.qLinearTail), orNone(p.logLogOrder)];
  }
}

function runRow(p: PaperRunRow): Markup {
  const [q, order] = fittedRates(p);
  return html`<tr data-regime="${p.regime?.kind ?? 'unknown'}"><td>${p.run}</td><td>${p.status}</td><td class="num">${p.iterations}</td><td class="num">${p.to.map((t) => (t === null ? '—' : String(t))).join(' / ')}</td><td class="theory-rate">${p.theory?.rate ?? '—'}</td><td class="observed">${observedTail(p)}</td><td class="num q-linear">${q}</td><td class="num log-log">${order}</td><td class="num">${p.gammaRange ? `${formatNumber(p.gammaRange[0])} … ${formatNumber(p.gammaRange[1])}` : '—'}</td></tr>`;
}

/** Each distinct prediction of the experiment once, with the runs it is for. */
function theoryList(runs: readonly PaperRunRow[]): Markup {
  const byPrediction = new Map<string, { rate: string; because: string; runs: Set<string> }>();
  for (const p of runs) {
    if (!p.theory) continue;
    const key = `${p.theory.rate}\n${p.theory.because}`;
    const entry = byPrediction.get(key) ?? { ...p.theory, runs: new Set<string>() };
    entry.runs.add(p.run);
    byPrediction.set(key, entry);
  }
  if (byPrediction.size === 0) return html``;
  const items = [...byPrediction.values()].map((t) => html`<li>${[...t.runs].join(', ')}: <strong>${t.rate}</strong> (${t.because})</li>`);
  return html`<p>The theory predicts:</p><ul class="paper-theory">${items}</ul>`;
}

function experimentBlock(id: string, runs: readonly PaperRunRow[]): Markup {
  const colours = new Map<string, number>();
  for (const p of runs) if (!colours.has(p.run)) colours.set(p.run, colours.size);
  const instances = [...new Set(runs.map((p) => p.instance))];
  const [first, ...others] = instances.map((instance) => instanceBlock(id, instance, runs.filter((p) => p.instance === instance), colours));
  const more = others.length > 0 && html`<details class="paper-instances"><summary>${others.length} more instance${others.length === 1 ? '' : 's'}: ${instances.slice(1).join(', ')}</summary>${others}</details>`;
  return html`<div class="paper-experiment" data-experiment="${id}"><h3 id="paper-${id}">${id}</h3><p>${runs[0].what} (error: ${ERROR_LABEL[runs[0].error]}${runs[0].error === 'loss' && '; f* is unknown, so the iterations-to and rate columns read ‖∇f‖_*'})</p>
${theoryList(runs)}${first}${more}</div>`;
}

/** One instance of an experiment: its figure, then its runs' rates beside the theory's. */
function instanceBlock(id: string, instance: string, runs: readonly PaperRunRow[], colours: ReadonlyMap<string, number>): Markup {
  return html`<h4>${instance}</h4>${convergenceCharts(id, instance, runs, colours)}
<div class="wide"><table class="paper-runs"><thead><tr><th>run</th><th>status</th><th>iterations</th><th>to 1e-4 / 1e-6 / 1e-8</th><th>theory</th><th>observed tail</th><th>Q-linear tail</th><th>log–log order</th><th>γ range</th></tr></thead><tbody>${runs.map(runRow)}</tbody></table></div>`;
}

/** The table of contents' links under the section: one per experiment. */
export function paperExperimentEntries(r: Results): TocEntry[] {
  return [...new Set((r.paperRuns ?? []).map((p) => p.experiment))].map((id) => ({ id: `paper-${id}`, title: id }));
}

/** The paper's experiments as its figures (error against iterations and gradient evaluations, runs overlaid), with the observed rates beside the predicted ones. */
export function paperRunsSection(r: Results): Markup {
  const runs = r.paperRuns ?? [];
  if (runs.length === 0) return html``;
  const experiments = [...new Set(runs.map((p) => p.experiment))];
  return html`<section><h2 id="paper-runs">${r.config.suite === 'paper' ? "The paper's experiments" : 'Experiments'}</h2>
<p>Reported, not gated. The theory's rate is a guarantee, an upper bound on the error: a run may converge faster. Each figure draws every run of the experiment on one instance, with the runs' rates below it; further instances are folded. The observed tail says which fit describes a run (<code>src/rates/convergence-regime.ts</code>): the Q-linear tail factor for a linear rate, the log–log order for a sublinear one; both are fitted over an automatic tail window above the precision floor, and a fit that does not describe the run is not printed.</p>
${experiments.map((id) => experimentBlock(id, runs.filter((p) => p.experiment === id)))}
</section>`;
}
