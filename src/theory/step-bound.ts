/**
 * A2 (docs/theory.md#step-bound): when H_k ⪰ 0, every taken step satisfies
 *   ‖h_k‖ ≤ γ̂_k(1 + δ) + ρ_k/λ_k  and  λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩(1 + δ') + ρ_k‖h_k‖,
 * with γ̂ = γ + ε of the trial whose step was taken: λ = a/(γ + ε), so ‖h‖ ≤ a/λ = γ + ε (ε = 1e-8 in
 * reference mode, 0 in strict mode). Both bounds are attained with H = 0, so δ = max(1e-8, 4n·u) and
 * δ' = 1e-10 + 4n·u·√κ(B)·a‖h‖/(−⟨g,h⟩) (the dot products' rounding) are rounding allowances only, u
 * the run's unit roundoff. An iterative solve
 * leaves a residual r = (H + λB)h + g with ‖r‖_* ≤ ρ_k (the bound the backend vouched for, in the dual
 * norm); then λ‖h‖² = −⟨g,h⟩ + ⟨r,h⟩ − ⟨Hh,h⟩ ≤ −⟨g,h⟩ + ρ‖h‖ and ‖h‖ ≤ (a + ρ)/λ. ρ = 0 for a direct solve.
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { hessianPsdAtSomeStep, psdAt } from './assumptions.js';
import { type CheckResult, dualNormFactor, metricCondition, takenTrial, UNIT_ROUNDOFF, verdictOf, vouchedResidual, WorstCase } from './check-result.js';
import type { Theorem } from './theorem.js';

/**
 * A2 on the taken steps with H_k ⪰ 0 (decided by the caller: `psd(k)`). Returns the worse of the two
 * ratios; `parts` keeps them apart.
 */
export function checkStepBound(
  records: readonly GnsRecord[],
  eps: number,
  psd: (k: number) => boolean,
  unitRoundoff = UNIT_ROUNDOFF,
  dualFactor = 1,
  kappaB = 1,
): CheckResult & { parts: { norm: CheckResult; energy: CheckResult } } {
  const norm = new WorstCase();
  const energy = new WorstCase();
  for (const r of records) {
    if (!r.stepTaken || !r.h || !psd(r.k)) continue;
    const t = takenTrial(r);
    if (!t) continue;
    const n = r.h.length;
    const gammaHat = t.gamma + eps;
    const rho = vouchedResidual(r, dualFactor);
    norm.add(r.stepNorm / (gammaHat * (1 + Math.max(1e-8, 4 * n * unitRoundoff)) + rho / r.lambda), () => `k=${r.k} ‖h‖=${r.stepNorm} γ̂=${gammaHat} ρ=${rho}`);
    // the run's dot products ⟨g,h⟩ and ⟨Bh,h⟩ carry errors up to n·u·‖g‖₂‖h‖₂ ≤ n·u·√κ(B)·a‖h‖ each
    const dots = 4 * n * unitRoundoff * Math.sqrt(kappaB) * r.gradNorm * r.stepNorm;
    energy.add((r.lambda * r.stepNorm * r.stepNorm) / (-r.gh * (1 + 1e-10) + rho * r.stepNorm + dots), () => `k=${r.k} λ‖h‖²=${r.lambda * r.stepNorm ** 2} −⟨g,h⟩=${-r.gh} ρ=${rho}`);
  }
  const a = norm.result();
  const b = energy.result();
  const worse = a.worst >= b.worst ? { ...a, where: `step norm: ${a.where}` } : { ...b, where: `energy: ${b.where}` };
  return { ...worse, ok: a.ok && b.ok, checked: a.checked + b.checked, parts: { norm: a, energy: b } };
}

export const stepBound: Theorem = {
  id: 'step-bound',
  title: 'A2: step bound ‖h_k‖ ≤ γ_k and λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩ for H_k ⪰ 0',
  source: 'Semenov, Jaggi & Doikov 2025, step bound before Lemma 1 [P; proof R] (γ + ε in reference mode); docs/theory.md#step-bound',
  statement: '\\|h_k\\|\\le\\gamma_k^{\\rm acc}(+\\varepsilon),\\qquad \\lambda_k\\|h_k\\|^2\\le\\langle H_kh_k,h_k\\rangle+\\lambda_k\\|h_k\\|^2=-\\langle g_k,h_k\\rangle',
  assumptions: [algorithm1Run, hessianPsdAtSomeStep],
  tight: true,
  gating: true,
  gatingReason:
    'follows from (H_k + λ_kB)h_k = −g_k and H_k ⪰ 0 by one line of algebra (docs/theory.md#step-bound); the slack is the rounding of the two dot products and the vouched residual',
  check(run: ScenarioRun) {
    const r = checkStepBound(gnsRecords(run), run.eps, (k) => psdAt(run, k), run.unitRoundoff, dualNormFactor(run.instance.metric), metricCondition(run.instance.metric));
    const skipped = gnsRecords(run).filter((x) => x.stepTaken && !psdAt(run, x.k)).length;
    return verdictOf(
      r,
      `rounding allowance only (both bounds attained with H = 0): ‖h‖ ≤ (γ + ε)(1 + max(1e-8, 4n·u)) + ρ/λ, λ‖h‖² ≤ −⟨g,h⟩(1 + 1e-10) + ρ‖h‖ + 4n·u·√κ(B)·a‖h‖ (rounding of the two dot products), u = ${run.unitRoundoff.toExponential(2)}, ρ = the dual norm of the solve residual the backend vouched for (0 for a direct solve)`,
      0,
      skipped > 0 ? `${skipped} taken steps not checked: H_k not PSD as computed` : undefined,
    );
  },
};
