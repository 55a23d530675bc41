/**
 * D-P1: the R-Kalman (push-through) step equals the dense RING step by the push-through identity
 * (UᵀU/B + τI)⁻¹ = (1/τ)(I − Uᵀ(UUᵀ + BτI)⁻¹U) (Woodbury), within both solves' derived forward errors:
 * ‖δ_pt − δ_c‖ ≤ (ε_pt + ε_c)/λ_min(C + μI), ε_pt the push-through route's residual allowance, ε_c the
 * check's dense Cholesky solve's (docs/theory.md#natural-gradient-push-through).
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { denseReferenceSolve } from './natural-gradient-dense-reference.js';
import { JudgedRecords } from './judged-records.js';
import { capability } from './method-capabilities.js';
import { finiteRecord, naturalGradientRecords, normUp, runModel, supervisedProblem } from './natural-gradient-records.js';
import { systemSolved } from './natural-gradient-solved-system.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const pushThroughRoute: Assumption = {
  id: 'push-through-route',
  statement: 'the step is solved in the push-through (Kalman) form in the batch\'s dual space (R-Kalman)',
  holds: (run) => (naturalGradientRecords(run).some((r) => r.inverse === 'push-through') ? true : `the method '${run.method.id}' records no push-through solve`),
};

export function checkPushThrough(run: ScenarioRun) {
  const records = naturalGradientRecords(run);
  const model = runModel(run);
  const w = new WorstRatio();
  const judged = new JudgedRecords();
  for (const r of records) {
    if (r.inverse !== 'push-through' || !model) continue;
    if (!Number.isFinite(r.solveTolerance) || !finiteRecord(r)) {
      judged.skip('no finite solve tolerance: the solve failed; or its vectors are not finite');
      continue;
    }
    const solved = systemSolved(run, records, r);
    const system = solved?.system;
    const reference = solved && system ? denseReferenceSolve(system, model.l2, solved.q) : null;
    const allowance = solved ? solved.bound : Infinity;
    if (!system || !reference || !Number.isFinite(allowance)) {
      judged.skip('a solve not positive definite in float64, or ‖ΔM‖ ≥ Bτ');
      continue;
    }
    const bound = (allowance / system.lambdaMinLower + reference.forwardError) * (1 + 2 ** -50);
    const referenceNorm = normUp(reference.delta);
    if (bound >= referenceNorm) {
      judged.skip('bound ≥ ‖δ_dense‖: δ = 0 would pass');
      continue;
    }
    judged.judge();
    const gap = normUp(r.direction.map((v, i) => v - reference.delta[i])) * (1 + 2 ** -52);
    const relative = gap / referenceNorm;
    w.see(gap === 0 ? 0 : gap / bound, `k=${r.k}: ‖δ_pt − δ_dense‖=${gap.toExponential(3)} (relative ${relative.toExponential(2)}) bound ${bound.toExponential(3)}`);
  }
  return judged.verdict(
    w,
    '‖δ_pt − δ_c‖ ≤ (ε_pt + ε_c)/(l2 + μ): ε_pt = ‖U‖(‖ΔM‖‖ŵ‖ + ‖Δz‖)/(Bτ) + (‖A‖/τ)(γ_R‖U‖‖ŵ‖ + γ₂(‖q‖ + ‖U‖‖ŵ‖)), ' +
      '‖ΔM‖ ≤ γ_{3R+1}tr(M̂)/(1 − γ_{R+1}) + γ_{n+3}(‖U‖_F² + Bτ); ε_c = γ_{3n+1}tr(Â)‖δ_c‖/(1 − γ_{n+1}) + forming ' +
      '(docs/theory.md#natural-gradient-push-through)',
    'no push-through record had a solved step',
  );
}

export const naturalGradientPushThrough: Theorem = {
  id: 'natural-gradient-push-through',
  title: 'GRNG (D-P1): the R-Kalman (push-through) step equals the dense damped natural-gradient step',
  source:
    'push-through identity (UᵀU/B + τI)⁻¹Uᵀ = B·Uᵀ(UUᵀ + BτI)⁻¹, hence the Woodbury form [R, V]; damped NGD as a Kalman update with prior covariance I/τ (Ollivier 2018) [R]; Dash et al. 2026 (arXiv 2601.18420), R-Kalman [S]; rounding: Higham 2002, Thm 10.4; docs/theory.md#natural-gradient-push-through',
  statement: '(U^\\top U/B+\\tau I)^{-1}q=\\tfrac1\\tau\\big(q-U^\\top(UU^\\top+B\\tau I)^{-1}Uq\\big)',
  assumptions: [capability('natural-gradient'), supervisedProblem, pushThroughRoute],
  tight: true,
  gating: true,
  gatingReason: 'an algebraic identity; each side\'s forward error is its derived residual allowance (Cholesky backward error of the n×n or R×R solve, propagated) over λ_min(C + μI) ≥ l2 + μ',
  check: checkPushThrough,
};
