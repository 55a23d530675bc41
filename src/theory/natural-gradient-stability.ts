/**
 * D-P4 is a comparison, not a theorem [S: "gradient regularization improves stability"; R otherwise]: with a
 * large η (1.5, 1.9) the undamped step (ρ = 0) may oscillate while the gradient-regularized one (ρ > 0)
 * keeps ‖r_k‖ monotone. This computes, for runs of a squared-loss model, the residual norms along the run,
 * whether they never increase, and how often the change of ‖r_k‖ flips sign — for the report and the
 * experiments to show side by side, never to gate (docs/theory.md#natural-gradient-stability).
 */
import { allRows } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { runModel } from './natural-gradient-records.js';

export interface ResidualStability {
  readonly residualNorms: readonly number[];
  /** ‖r_{k+1}‖ ≤ ‖r_k‖ at every k */
  readonly monotone: boolean;
  /** the number of k where ‖r_{k+1}‖ − ‖r_k‖ and ‖r_k‖ − ‖r_{k−1}‖ have opposite signs */
  readonly oscillations: number;
}

/** ‖u(x_k) − y‖ along a run of a squared-loss model (null where the model is not squared loss) */
export function residualNormsOf(run: ScenarioRun): number[] | null {
  const model = runModel(run);
  if (!model || model.loss !== 'squared') return null;
  const rows = allRows(model);
  const k = model.outputs;
  const labels = new Float64Array(rows.length * k);
  rows.forEach((row, i) => labels.set(model.label(row).subarray(0, k), i * k));
  return run.records.map((r) => {
    const u = model.predict(r.x, rows);
    let s = 0;
    for (let i = 0; i < u.length; i++) s += (u[i] - labels[i]) ** 2;
    return Math.sqrt(s);
  });
}

export function residualStability(norms: readonly number[]): ResidualStability {
  let monotone = true;
  let oscillations = 0;
  let previousChange = 0;
  for (let k = 0; k + 1 < norms.length; k++) {
    const change = norms[k + 1] - norms[k];
    if (change > 0) monotone = false;
    if (change !== 0 && previousChange !== 0 && Math.sign(change) !== Math.sign(previousChange)) oscillations++;
    if (change !== 0) previousChange = change;
  }
  return { residualNorms: norms, monotone, oscillations };
}

/** the two runs side by side: undamped (ρ = 0) and gradient-regularized (ρ > 0), null where either is not squared loss */
export function compareStability(undamped: ScenarioRun, regularized: ScenarioRun): { readonly undamped: ResidualStability; readonly regularized: ResidualStability } | null {
  const a = residualNormsOf(undamped);
  const b = residualNormsOf(regularized);
  return a && b ? { undamped: residualStability(a), regularized: residualStability(b) } : null;
}
