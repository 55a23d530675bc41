import type { CaseResult, PaperRunRow, Results } from '../../harness/results.js';
import { residualStability } from '../../theory/natural-gradient-stability.js';
import { isJudged } from '../../harness/summarize.js';
import { clopperPearsonLower } from '../../rates/binomial.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

/** The related methods the section describes, by the id a case is filed under, with the theorem whose premise reads their constants. */
const RELATED = [
  { ids: ['pgd', 'pgd-perturbed'], title: 'Nonlinearly preconditioned gradient descent', paper: 'Bodard & Patrinos 2025 (arXiv 2509.15817); Oikonomidis, Quan, Laude & Patrinos 2025 (arXiv 2502.08532)', experiment: /^P-GD/, constants: 'pgd-descent' },
  { ids: ['gen'], title: 'GeN step sizes', paper: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025)', experiment: /^GeN/, constants: null },
  { ids: ['ring', 'reng', 'r-kalman'], title: 'Gradient-regularized natural gradients (RING, RENG, R-Kalman)', paper: 'Dash, Abdi, Pan, Kaski & Sun 2026 (arXiv 2601.18420)', experiment: /^(RING|RENG|R-Kalman)/, constants: null },
  { ids: ['lehi', 'adam'], title: 'LEHI, LEHIBRID and Adam', paper: 'Zhu, Guo, Khatti, Qu, Wu, Zebiane & Curtis 2026 (arXiv 2605.06945); Kingma & Ba 2015; Défossez, Bottou, Bach & Usunier 2022 (arXiv 2003.02395)', experiment: /^(LEHI|Adam|Adagrad)/, constants: null },
] as const;

/** the experiment of D-P4, a comparison the report shows and never gates */
const STABILITY_EXPERIMENT = 'grng-stability';

/** The statistical claims of the related methods: a per-run event whose frequency the theory bounds, by the theorem that judges each run. */
const STATISTICAL: Readonly<Record<string, { readonly event: string; readonly claim: string }>> = {
  'saddle-avoidance': { event: 'that ended at a critical point ended at one that is not a strict saddle', claim: 'probability 1 from a random start (Bodard & Patrinos, Thms 3.1–3.2 [S])' },
  'pgd-perturbed-sosp': { event: 'output an ε-second-order stationary point', claim: 'probability ≥ 1 − δ (Bodard & Patrinos, Algorithm 1 [S], thresholds [R])' },
};

/** Each statistical claim over the judged runs: how many showed the event, with the one-sided 95% Clopper–Pearson lower bound on its probability. */
function statisticalClaims(cases: readonly CaseResult[]): Markup | null {
  const rows = Object.entries(STATISTICAL).flatMap(([id, { event, claim }]) => {
    const judged = cases.map((c) => c.verdicts[id]).filter((v) => v !== undefined && v.status !== 'not-applicable');
    if (judged.length === 0) return [];
    const held = judged.filter((v) => v.status === 'holds').length;
    return [html`<li><a href="#theorem-${id}">${id}</a>: ${held} of ${judged.length} runs ${event}; with 95% confidence its probability is ≥ ${formatNumber(clopperPearsonLower(held, judged.length, 0.95))} (one-sided Clopper–Pearson). Claimed: ${claim}.</li>`];
  });
  return rows.length === 0 ? null : html`<p>Statistical claims, over this run's sample:</p><ul class="statistical-claims">${rows}</ul>`;
}

/**
 * D-P4 (docs/theory.md#natural-gradient-stability): per run of the stability experiment, whether its loss
 * ½‖r‖²/n — monotone in ‖r‖ — never rose, and how often its change flipped sign.
 */
function stabilityTable(runs: readonly PaperRunRow[]): Markup | null {
  const rows = runs.filter((p) => p.experiment === STABILITY_EXPERIMENT && p.series);
  if (rows.length === 0) return null;
  const line = (p: PaperRunRow) => {
    const all = (p.series?.error ?? []).map((v) => v ?? NaN);
    // up to the round-off regime f < 1e-12·max(1, f_0), where the residual's changes are rounding
    const end = all.findIndex((v) => !(v >= 1e-12 * Math.max(1, all[0])));
    const losses = end < 0 ? all : all.slice(0, end);
    const s = residualStability(losses);
    return html`<tr><td>${p.run}</td><td>${p.instance}</td><td>${s.monotone ? 'yes' : 'no'}</td><td class="num">${s.oscillations}</td><td class="num">${losses.length}</td></tr>`;
  };
  return html`<p>D-P4, the stability claim (a comparison, not gated; <a href="#paper-${STABILITY_EXPERIMENT}">${STABILITY_EXPERIMENT}</a>): with a large η, does the residual ‖r_k‖ stay monotone with the damping ρ‖g‖² and without it? Read from the loss ½‖r‖²/n until it reaches 1e-12·max(1, f_0), below which its changes are rounding.</p>
<div class="wide"><table class="stability"><thead><tr><th>run</th><th>instance</th><th>monotone</th><th>sign flips of Δ‖r‖</th><th>iterations read</th></tr></thead><tbody>${rows.map(line)}</tbody></table></div>`;
}

/** The damping family μ = c‖g‖^α, where the run has its experiment. */
function dampingFamily(runs: readonly PaperRunRow[]): Markup | null {
  if (!runs.some((p) => p.experiment === 'damping-family')) return null;
  return html`<p>RING's damping μ = ρ‖g‖² is the α = 2 member of the family μ = c‖g‖^α whose α = 1 member with c = 1/γ is Algorithm 1's λ = ‖g‖/γ and whose members with c = H are super-universal Newton's; one part (<code>src/solvers/gradient-damping.ts</code>) computes it for the three methods, compared in <a href="#paper-damping-family">damping-family</a>.</p>`;
}

type ConstantsStatus = 'certified' | 'estimated' | 'outside';

/** What the constants of a P-GD case rest on, read from its descent verdict: a diagnostic rests on estimated ones, "outside the theory" on none. */
function constantsStatus(c: CaseResult, theorem: string): ConstantsStatus | null {
  const v = c.verdicts[theorem];
  if (!v) return null;
  if (v.status === 'not-applicable') return /outside the theory/.test(v.note ?? '') ? 'outside' : null;
  return v.gating === false ? 'estimated' : 'certified';
}

const kernelOf = (c: CaseResult): string => String(c.scenario.method?.options?.kernel ?? '?');

/** family × kernel: how many cases had certified, estimated, or no (outside the theory) constants */
function constantsTable(cases: readonly CaseResult[], theorem: string): Markup | null {
  const seen = cases.flatMap((c) => {
    const s = constantsStatus(c, theorem);
    return s ? [{ family: c.family, kernel: kernelOf(c), status: s }] : [];
  });
  if (seen.length === 0) return null;
  const families = [...new Set(seen.map((s) => s.family))].sort();
  const kernels = [...new Set(seen.map((s) => s.kernel))].sort();
  const cell = (family: string, kernel: string) => {
    const here = seen.filter((s) => s.family === family && s.kernel === kernel);
    if (here.length === 0) return html`<td class="num">—</td>`;
    const n = (status: ConstantsStatus) => here.filter((s) => s.status === status).length;
    const parts = (['certified', 'estimated', 'outside'] as const).filter((st) => n(st) > 0).map((st) => `${st} ${n(st)}`);
    return html`<td class="num" data-status="${parts.length === 1 ? parts[0].split(' ')[0] : 'mixed'}">${parts.join(' · ')}</td>`;
  };
  return html`<div class="wide"><table class="constants"><thead><tr><th>family</th>${kernels.map((k) => html`<th>${k}</th>`)}</tr></thead>
<tbody>${families.map((f) => html`<tr><td>${f}</td>${kernels.map((k) => cell(f, k))}</tr>`)}</tbody></table></div>`;
}

/** Per theorem that judged the method's cases: holds, violated (gating), diagnostic verdicts, not applicable. */
function verdictRows(cases: readonly CaseResult[]): Markup {
  const ids = [...new Set(cases.flatMap((c) => Object.keys(c.verdicts)))].sort();
  const rows = ids.map((id) => {
    const vs = cases.map((c) => c.verdicts[id]).filter((v) => v !== undefined);
    const count = (p: (v: (typeof vs)[number]) => boolean) => vs.filter(p).length;
    return html`<tr><td><a href="#theorem-${id}">${id}</a></td><td class="num">${count((v) => v.status === 'holds' && v.gating !== false)}</td><td class="num">${count((v) => v.status === 'violated' && v.gating !== false)}</td><td class="num">${count((v) => v.status !== 'not-applicable' && v.gating === false)}</td><td class="num">${count((v) => v.status === 'not-applicable')}</td></tr>`;
  });
  return html`<div class="wide"><table class="related-verdicts"><thead><tr><th>theorem</th><th>holds</th><th>violated</th><th>diagnostic</th><th>not applicable</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * The related methods of the run (P-GD and its perturbed variant, GeN, the natural gradients, LEHI and Adam): per method, what its
 * judged cases' verdicts were, what the constants of P-GD rested on (certified, estimated by the
 * saturation test, outside the theory), and the experiments that compare it with GNS and the gradient method.
 */
export function relatedMethodsSection(r: Results): Markup | null {
  const blocks = RELATED.flatMap((m) => {
    const cases = r.cases.filter((c) => (m.ids as readonly string[]).includes(c.method) && isJudged(c));
    const experiments = [...new Set((r.paperRuns ?? []).filter((p) => m.experiment.test(p.run)).map((p) => p.experiment))];
    if (cases.length === 0 && experiments.length === 0) return [];
    const constants = m.constants && constantsTable(cases, m.constants);
    return [
      html`<div class="related-method"><h3 id="related-${m.ids[0]}">${m.title}</h3><p>${m.paper}. ${cases.length} judged case${cases.length === 1 ? '' : 's'} (${m.ids.join(', ')}).</p>
${cases.length > 0 && verdictRows(cases)}
${statisticalClaims(cases)}
${constants && html`<p>What the constants (λ, L) of each case rested on, by family and kernel: certified (proven from the instance's certificate, <code>docs/theory.md#anisotropic-constants</code>: its checks gate), estimated by the saturation test (measured: its checks are diagnostics), outside the theory (the estimate did not saturate: not applicable, never violated).</p>${constants}`}
${experiments.length > 0 && html`<p>Compared with GNS and the gradient method in ${experiments.map((id, i) => html`${i > 0 && ', '}<a href="#paper-${id}">${id}</a>`)}.</p>`}
${m.ids[0] === 'ring' && stabilityTable(r.paperRuns ?? [])}
${m.ids[0] === 'ring' && dampingFamily(r.paperRuns ?? [])}</div>`,
    ];
  });
  if (blocks.length === 0) return null;
  return html`<section><h2 id="related-methods">Related methods</h2>
<p>Methods of later work checked by the same harness. Their theorems' provenance ([P] read in the paper or its code, [S] from a summary, [R] reconstructed here) is in each theorem's section and in <code>docs/theory.md</code>.</p>
${blocks}</section>`;
}
