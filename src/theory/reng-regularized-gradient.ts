/**
 * D-P5: RENG preconditions the gradient of the gradient-regularized loss L_G = L + (ρ/2)‖∇L‖², whose
 * gradient is ∇L + ρ∇²L·∇L (double backprop): q_k = g_k + ρ·H_S(x_k)g_k with H_S the Hessian of the loss
 * on the gradient's rows S (docs/theory.md#reng-regularized-gradient). The check recomputes H_S·g_k by the
 * model's exact batch HVP (forward over reverse, SupervisedModel.hvp; a deterministic function of x_k, S
 * and g_k, so the method's call returns the same numbers) and allows the two operations forming q:
 * |q − (g + ρ·Hg)| ≤ γ₂(|g| + ρ|Hg|) entry by entry (Higham 2002, §3.1).
 */
import { allRows } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { verdictOfChecked } from './judged-records.js';
import { capability } from './method-capabilities.js';
import { finiteRecord, gammaOf, naturalGradientRecords, runModel, supervisedProblem } from './natural-gradient-records.js';
import { regularizesGradient } from './natural-gradient-solved-system.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const rengVariant: Assumption = {
  id: 'reng-variant',
  statement: 'RENG: the gradient of L + (ρ/2)‖∇L‖² is preconditioned',
  holds: (run) => (naturalGradientRecords(run).some(regularizesGradient) ? true : `the method '${run.method.id}' records no RENG step`),
};

export function checkRengGradient(run: ScenarioRun) {
  const model = runModel(run);
  const w = new WorstRatio();
  if (!model) return w.verdict('');
  for (const r of naturalGradientRecords(run)) {
    if (!finiteRecord(r)) continue;
    const hg = model.hvp(r.x, r.batch ?? allRows(model), r.gradientEstimate);
    let worst = 0;
    let at = 0;
    for (let i = 0; i < hg.length; i++) {
      const expected = r.gradientEstimate[i] + r.rho * hg[i];
      const allowed = gammaOf(2) * (Math.abs(r.gradientEstimate[i]) + Math.abs(r.rho * hg[i])) * 2;
      const off = Math.abs(r.preconditioned[i] - expected);
      const ratio = off === 0 ? 0 : off / allowed;
      if (!(ratio <= worst)) {
        worst = ratio;
        at = i;
      }
    }
    w.see(worst, `k=${r.k}, entry ${at}: q=${r.preconditioned[at]} vs g + ρHg=${r.gradientEstimate[at] + r.rho * hg[at]}`);
  }
  return verdictOfChecked(
    w,
    "|q − (g + ρ·Hg)| ≤ 2γ₂(|g| + ρ|Hg|) entry by entry: the method's and the check's formation of g + ρ·Hg from the same model HVP " +
      '(docs/theory.md#reng-regularized-gradient)',
    'no record with finite vectors',
  );
}

export const rengRegularizedGradient: Theorem = {
  id: 'reng-regularized-gradient',
  title: 'GRNG (D-P5): RENG preconditions ∇L + ρ∇²L·∇L, the gradient of L + (ρ/2)‖∇L‖², with the exact batch Hessian–vector product',
  source: 'Dash et al. 2026 (arXiv 2601.18420): RENG minimizes the gradient norm explicitly by double backprop [P abstract; S]; the factor ½ in (ρ/2)‖∇L‖² [R]; docs/theory.md#reng-regularized-gradient',
  statement: 'q_k=g_k+\\rho\\,\\nabla^2 L_S(x_k)\\,g_k=\\nabla_x\\big(L_S+\\tfrac\\rho2\\|\\nabla L_S\\|^2\\big)(x_k)',
  assumptions: [capability('natural-gradient'), supervisedProblem, rengVariant],
  tight: true,
  gating: true,
  gatingReason: 'an identity of the recorded vector; the HVP is the model\'s own exact product, recomputed bitwise, and the slack is the rounding of the one product and one sum forming q (both sides)',
  check: checkRengGradient,
};
