/**
 * GeN's minibatch rule (Bu & Xu 2025, the official lr_parabola [P code]): L₀, L₊ and L₋ of one estimate
 * are the mean losses over the SAME minibatch, and the candidate is the form's fit of those three.
 * Checked by re-evaluating the recorded batch's mean loss at x_k and at fl(x_k ∓ p·d_k) — the same
 * deterministic float64 operations as the method's — and the form's estimator on them: bitwise, no slack
 * (docs/theory.md#gen-minibatch-losses).
 */
import { rowLossOf } from '../problems/row-loss.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { type GenRateForm, rateEstimator } from '../solvers/gen-rate-estimate.js';
import { genRecords } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const minibatchRun: Assumption = {
  id: 'gen-minibatch-run',
  statement: 'GeN with a minibatch (batch B > 0) on a problem with row losses, a probed rate form',
  holds: (run) => {
    const o = run.methodOptions;
    if (!(Number(o.batch) > 0)) return 'the full batch (batch 0)';
    if (o.form !== 'three-point' && o.form !== 'least-squares') return `the rate form is '${String(o.form)}'`;
    return rowLossOf(run.instance.problem.oracle) ? true : 'the problem has no row losses';
  },
};

export function checkMinibatchLosses(run: ScenarioRun) {
  const losses = rowLossOf(run.instance.problem.oracle)!;
  const estimate = rateEstimator(run.methodOptions.form as GenRateForm);
  const w = new WorstRatio();
  for (const r of genRecords(run)) {
    if (!r.estimated) continue;
    const rows = r.batch;
    if (!rows || rows.length !== run.methodOptions.batch) {
      w.see(Infinity, `k=${r.k}: no minibatch of ${String(run.methodOptions.batch)} rows recorded`);
      continue;
    }
    const f0 = losses.loss(r.x, rows);
    const e = estimate({ probe: r.ratePrevious, f0, lossAt: (eta) => losses.loss(r.x.map((xi, i) => xi - eta * r.direction[i]), rows), slope: () => NaN, curvature: () => NaN });
    const bad: string[] = [];
    if (!Object.is(r.L0, f0)) bad.push(`L₀ ${r.L0} ≠ f_B(x) ${f0}`);
    if (!Object.is(r.Lplus, e.Lplus)) bad.push(`L₊ ${r.Lplus} ≠ ${e.Lplus}`);
    if (!Object.is(r.Lminus, e.Lminus)) bad.push(`L₋ ${r.Lminus} ≠ ${e.Lminus}`);
    if (!Object.is(r.candidate, e.candidate)) bad.push(`candidate ${r.candidate} ≠ ${e.candidate}`);
    w.see(bad.length === 0 ? 0 : Infinity, `k=${r.k}: ${bad.length === 0 ? 'the three losses and the candidate of the recorded minibatch' : bad.join('; ')}`);
  }
  return w.verdict('none: bitwise re-evaluation of the recorded minibatch\'s mean loss at x_k and fl(x_k ∓ p·d_k) and of the form\'s estimator on them');
}

export const genMinibatchLosses: Theorem = {
  id: 'gen-minibatch-losses',
  title: 'GeN (C-P6): L₀, L₊, L₋ of each estimate are the losses of one recorded minibatch, and the candidate their fit',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), the official lr_parabola: all three losses on the same minibatch [P code]; docs/theory.md#gen-minibatch-losses',
  statement: 'L_0=f_{B_k}(x_k),\\quad L_\\pm=f_{B_k}(x_k\\mp p_k d_k),\\quad \\hat\\eta_k=\\mathrm{fit}(L_0,L_+,L_-)',
  assumptions: [capability('gen-rate'), minibatchRun],
  tight: false,
  gating: true,
  gatingReason: 'the method\'s own rule re-evaluated by the same deterministic float64 operations on the recorded minibatch: bitwise, no slack',
  check: checkMinibatchLosses,
};
