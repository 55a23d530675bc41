/**
 * The conclusion of Corollary 1 (docs/theory.md#corollary1-certified) on a trace, shared by the certified and the empirical
 * theorem: with γ_k ≥ a_k^α/M for k < K,
 *   min_{1≤k≤K} a_k ≤ ε  whenever  K ≥ max{8eM(f_0 − f_K)/ε^{1+α}, (1 − α)ln(a_0/ε)}.
 * The hypothesis on K is monotone in ε, so for each K it is exactly the set ε ≥ ε*_K with
 *   ε*_K = max{(8eM_KΔ_K/K)^{1/(1+α)}, a_0·e^{−K/(1−α)}}  (the second term 0 when α = 1),
 * and the sup over ε of (min a)/ε is attained at ε*_K: checking ε*_K is the full sweep of A8.
 * Δ_K = f_0 − f_K + ε_K/8 carries Theorem 1's float slack (the only inequality the proof uses).
 */
import { type CheckResult, WorstCase } from './check-result.js';
import type { AcceptedStep } from './theorem1-sum.js';
import { theorem1Slack } from './theorem1-sum.js';

/** `M[K − 1]` is the constant valid for the steps k < K (a prefix maximum). */
export function checkCorollary1(steps: readonly AcceptedStep[], alpha: number, M: readonly number[], label: string): CheckResult {
  const w = new WorstCase();
  if (steps.length === 0) return w.result();
  const f0 = steps[0].f;
  const a0 = steps[0].a;
  let minA = Infinity;
  for (let i = 0; i < steps.length; i++) {
    const K = i + 1;
    minA = Math.min(minA, steps[i].aNext);
    const m = M[i];
    if (!(m > 0) || !Number.isFinite(m)) {
      w.add(Number.isNaN(m) ? NaN : 0, () => `${label} K=${K}: M=${m}`);
      continue;
    }
    const delta = steps[i].fNext === f0 && f0 === 0 ? 0 : f0 - steps[i].fNext + theorem1Slack(f0, steps[i].fNext, K) / 8;
    const first = ((8 * Math.E * m * Math.max(delta, 0)) / K) ** (1 / (1 + alpha));
    const second = alpha < 1 ? a0 * Math.exp(-K / (1 - alpha)) : 0;
    const eps = Math.max(first, second);
    const ratio = eps > 0 ? minA / eps : minA > 0 ? Infinity : 0;
    w.add(ratio, () => `${label} K=${K}: min_{1≤k≤K} a_k=${minA.toExponential(3)} ε*=${eps.toExponential(3)} (M=${m.toExponential(3)}, f0−fK=${(f0 - steps[i].fNext).toExponential(3)})`);
  }
  return w.result();
}
