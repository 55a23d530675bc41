/**
 * D-P2: for one linear layer p = W·a (softmax or logistic regression) on a curvature batch of one row,
 * every curvature kind is C − l2·I = JᵀMJ with J = I_k ⊗ aᵀ (row-major W), i.e. Γ ⊗ Λ with Γ = M = Σ_c v_cv_cᵀ and
 * Λ = aaᵀ exactly, so K-FAC's step with the damping τ = μ + l2 on the whole block equals the dense step
 * (docs/theory.md#natural-gradient-kfac-exact). In float64 the two systems the check rebuilds (from the
 * computed factors Γ̂, Λ̂ and from the computed rows Û, each entry fl(v_o·a_j)) differ by
 * ‖Γ̂ ⊗ Λ̂ − ÛᵀÛ‖ ≤ γ_{2R+8}‖Û‖_F² (Γ̂ and Λ̂ are Gram sums of R terms, Λ̂'s scaled by fl(1/R); Û = U∘(1 + θ), |θ| ≤ u),
 * so ‖δ_kfac − δ_c‖ ≤ (ε_kfac + γ_{2R+8}‖Û‖_F²‖δ_kfac‖)/(l2 + μ) + ‖δ_c − δ*‖.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { denseReferenceSolve } from './natural-gradient-dense-reference.js';
import { JudgedRecords } from './judged-records.js';
import { capability } from './method-capabilities.js';
import { curvaturePoint, finiteRecord, gammaOf, naturalGradientRecords, normUp, runModel, supervisedProblem } from './natural-gradient-records.js';
import { recordSystem, routeAllowance } from './natural-gradient-solved-system.js';
import { dampedSystem } from './natural-gradient-system.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

/** families whose model is one linear layer p = W·a without hidden layers */
const LINEAR_LAYER_FAMILIES = ['softmax-regression', 'logistic'];

export const singleLinearLayer: Assumption = {
  id: 'single-linear-layer',
  statement: 'one linear layer p = W·a (softmax or logistic regression)',
  holds: (run) => {
    const model = runModel(run);
    if (!LINEAR_LAYER_FAMILIES.includes(run.instance.name.family) || !model) return `'${run.instance.name.family}' is not one linear layer`;
    return model.layers.length === 1 ? true : `${model.layers.length} layers`;
  },
};

export const oneRowKfac: Assumption = {
  id: 'one-row-kfac',
  statement: 'K-FAC with damping on the whole block (no π-split) on a curvature batch of one row',
  holds: (run) =>
    naturalGradientRecords(run).some((r) => r.structure === 'kfac' && r.kfacSplits === null && r.curvatureBatch.rows.length === 1)
      ? true
      : 'no K-FAC step without the π-split on a one-row curvature batch',
};

export function checkKfacExact(run: ScenarioRun) {
  const records = naturalGradientRecords(run);
  const model = runModel(run);
  const w = new WorstRatio();
  const judged = new JudgedRecords();
  for (const r of records) {
    if (r.structure !== 'kfac' || r.kfacSplits !== null || r.curvatureBatch.rows.length !== 1 || !model) continue;
    if (!Number.isFinite(r.solveTolerance) || !finiteRecord(r)) {
      judged.skip('no finite solve tolerance: the solve failed; or its vectors are not finite');
      continue;
    }
    const x = curvaturePoint(records, r);
    const kfac = recordSystem(run, records, r);
    if (!x || !kfac) {
      judged.skip('curvature point missing');
      continue;
    }
    const dense = dampedSystem(model, x, { structure: 'dense', batch: r.curvatureBatch, damping: r.damping, kfacSplits: null });
    const reference = denseReferenceSolve(dense, model.l2, r.preconditioned);
    const allowance = routeAllowance(kfac, r).bound;
    if (!reference || !Number.isFinite(allowance) || dense.structure.kind !== 'dense') {
      judged.skip('a solve not positive definite in float64');
      continue;
    }
    const rows = dense.structure.rows.rows;
    const modelGap = gammaOf(2 * rows + 8) * dense.rowsFrobenius * normUp(r.direction);
    const bound = ((allowance + modelGap) / dense.lambdaMinLower + reference.forwardError) * (1 + 2 ** -50);
    if (bound >= normUp(reference.delta)) {
      judged.skip('bound ≥ ‖δ_dense‖: δ = 0 would pass');
      continue;
    }
    judged.judge();
    const gap = normUp(r.direction.map((v, i) => v - reference.delta[i])) * (1 + 2 ** -52);
    w.see(gap === 0 ? 0 : gap / bound, `k=${r.k}: ‖δ_kfac − δ_dense‖=${gap.toExponential(3)} bound ${bound.toExponential(3)}`);
  }
  return judged.verdict(
    w,
    '‖δ_kfac − δ_c‖ ≤ (ε_kfac + γ_{2R+8}‖Û‖_F²‖δ_kfac‖)/(l2 + μ) + ‖δ_c − δ*‖: ε_kfac the Kronecker eigenbasis allowance ' +
      "(adopted eigensolver model), δ_c the check's dense Cholesky solve (docs/theory.md#natural-gradient-kfac-exact)",
    'no one-row K-FAC record had a solved step',
  );
}

export const naturalGradientKfacExact: Theorem = {
  id: 'natural-gradient-kfac-exact',
  title: 'GRNG (D-P2): for one linear layer on one input K-FAC is exact, so the K-FAC step equals the dense step',
  source:
    'J = I_k ⊗ aᵀ for p = W·a gives JᵀMJ = M ⊗ aaᵀ [R]; K-FAC (Martens & Grosse 2015); Dash et al. 2026 (arXiv 2601.18420), K-FAC blocks [S]; docs/theory.md#natural-gradient-kfac-exact',
  statement: 'C-\\ell_2 I=\\Gamma\\otimes\\Lambda\\;\\Rightarrow\\;(\\Gamma\\otimes\\Lambda+\\tau I)^{-1}q=(C+\\mu I)^{-1}q',
  assumptions: [capability('natural-gradient'), supervisedProblem, singleLinearLayer, oneRowKfac],
  tight: true,
  gating: true,
  gatingReason: 'an exact identity of the Kronecker factors of one linear layer on one row; the allowance is both solves\' derived residual bounds over λ_min ≥ l2 + μ, plus the derived rounding gap between the computed factors and the computed rows',
  check: checkKfacExact,
};
