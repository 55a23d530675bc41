/**
 * A2 (spec §3.2 step bound, §8.2): when H_k ⪰ 0, every taken step satisfies
 *   ‖h_k‖ ≤ γ̂_k(1 + 1e-8)  and  λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩(1 + 1e-10),
 * with γ̂ = γ + ε of the trial whose step was taken: λ = a/(γ + ε), so ‖h‖ ≤ a/λ = γ + ε (ε = 1e-8 in
 * reference mode, 0 in strict mode). Both bounds are attained with H = 0, so the tolerances are the
 * rounding allowance only.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { hessianPsdAtSomeStep, psdAt } from './assumptions.js';
import { type CheckResult, takenTrial, verdictOf, WorstCase } from './check-result.js';
import type { Theorem } from './theorem.js';

/**
 * A2 on the taken steps with H_k ⪰ 0 (decided by the caller: `psd(k)`). Returns the worse of the two
 * ratios; `parts` keeps them apart.
 */
export function checkStepBound(records: readonly GnsRecord[], eps: number, psd: (k: number) => boolean): CheckResult & { parts: { norm: CheckResult; energy: CheckResult } } {
  const norm = new WorstCase();
  const energy = new WorstCase();
  for (const r of records) {
    if (!r.stepTaken || !r.h || !psd(r.k)) continue;
    const t = takenTrial(r);
    if (!t) continue;
    const gammaHat = t.gamma + eps;
    norm.add(r.stepNorm / (gammaHat * (1 + 1e-8)), () => `k=${r.k} ‖h‖=${r.stepNorm} γ̂=${gammaHat}`);
    energy.add((r.lambda * r.stepNorm * r.stepNorm) / (-r.gh * (1 + 1e-10)), () => `k=${r.k} λ‖h‖²=${r.lambda * r.stepNorm ** 2} −⟨g,h⟩=${-r.gh}`);
  }
  const a = norm.result();
  const b = energy.result();
  const worse = a.worst >= b.worst ? { ...a, where: `step norm: ${a.where}` } : { ...b, where: `energy: ${b.where}` };
  return { ...worse, ok: a.ok && b.ok, checked: a.checked + b.checked, parts: { norm: a, energy: b } };
}

export const stepBound: Theorem = {
  id: 'step-bound',
  title: 'A2: step bound ‖h_k‖ ≤ γ_k and λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩ for H_k ⪰ 0',
  source: 'Semenov, Jaggi & Doikov 2025, step bound before Lemma 1 [P]; proof in spec gns.md §3.2 [R]; assertion A2 of §8.2 (γ + ε in reference mode)',
  statement: '\\|h_k\\|\\le\\gamma_k^{\\rm acc}(+\\varepsilon),\\qquad \\lambda_k\\|h_k\\|^2\\le\\langle H_kh_k,h_k\\rangle+\\lambda_k\\|h_k\\|^2=-\\langle g_k,h_k\\rangle',
  assumptions: [hessianPsdAtSomeStep],
  tight: true,
  check(run: ScenarioRun) {
    const r = checkStepBound(run.records, run.eps, (k) => psdAt(run, k));
    const skipped = run.records.filter((x) => x.stepTaken && !psdAt(run, x.k)).length;
    return verdictOf(
      r,
      'rounding allowance only (both bounds attained with H = 0): ‖h‖ ≤ (γ + ε)(1 + 1e-8), λ‖h‖² ≤ −⟨g,h⟩(1 + 1e-10)',
      0,
      skipped > 0 ? `${skipped} taken steps not checked: H_k not PSD as computed` : undefined,
    );
  },
};
