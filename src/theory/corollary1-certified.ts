/**
 * A8 with the class's CERTIFIED constant (Corollary 1, docs/theory.md#corollary1-certified). For each certified class membership m of the instance with a lower bound π_m(t) ≤ γ(x) at
 * ‖∇f(x)‖_* = t (src/classes lowerBound, for this Hessian model):
 *
 *  1. search guarantee [R, docs/theory.md#the-search-guarantee]: if H_k ⪰ 0, a trial with γ + ε ≤ γ(x_k) passes the test, so the
 *     accepted γ_k ≥ min(γ_k^start, (π(a_k) − ε)/2); with γ_k^start ≥ 2γ_{k−1} (doubling, floor only
 *     raises it) and γ_0^start = γ0, by induction γ_k ≥ Γ_k with the certified chain
 *       Γ_0 = min(γ0, (π(a_0) − ε)/2),  Γ_k = min(2Γ_{k−1}, (π(a_k) − ε)/2);
 *     for a single-term π = t^α/M_{1−α} and γ0 not tiny this is γ_k ≥ a_k^α/(2M_{1−α}): M = 2M_{1−α}.
 *  2. Corollary 1 with M_K = max_{k<K} a_k^α/Γ_k (computed from the certificate and the a_k only).
 *
 * Checked: Γ_k ≤ γ_k (the premise, ratio Γ_k/γ_k) and the conclusion (ratio min a/ε*), the worse of
 * the two. Approximate models with a certified error C1 + C2t^{1−β} use the harmonic mean (docs/theory.md#harmonic-mean):
 * π_H(t)⁻¹ = π(t)⁻¹ + (C1 + C2t^{1−β})/t. Guard: the guarantee is exact-arithmetic; from the first
 * iteration with a rejection at rounding level (`noiseLevel`: |f − f⁺| ≤ 1e-12(|f| + |f⁺|) in float64) on, nothing is checked.
 */
import { algorithm1Run, gnsGamma0, gnsRecords, gnsSummary } from './method-capabilities.js';
import { classById } from '../classes/index.js';
import type { HessianKind } from '../classes/smoothness-class.js';
import type { Membership } from '../problems/certificate.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { noiseLevel } from './run-view.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import type { Assumption } from './theorem.js';
import { hessianPsd } from './assumptions.js';
import { type CheckResult, verdictOf, WorstCase } from './check-result.js';
import { checkCorollary1 } from './corollary1-bound.js';
import { membershipAlpha } from './corollary1-empirical.js';
import type { Theorem } from './theorem.js';
import { type AcceptedStep, acceptedPrefix } from './theorem1-sum.js';

/** π for this run's Hessian model from one membership, or null where the class gives none. */
export function certifiedLowerBound(run: ScenarioRun, m: Membership): ((t: number) => number) | null {
  const cls = classById[m.class] as unknown as { lowerBound(t: number, m: Membership, h: HessianKind): number };
  const convex = run.instance.certificate.convexity === 'convex' || run.instance.certificate.convexity === 'strongly-convex';
  if (m.class === 'holder-third' && !convex) return null;
  const c = run.model.certificate;
  if (run.model.id === 'zero') {
    return Number.isNaN(cls.lowerBound(1, m, 'zero')) ? null : (t) => cls.lowerBound(t, m, 'zero');
  }
  if (!c.certified || Number.isNaN(cls.lowerBound(1, m, 'exact'))) return null;
  if (c.C1 === 0 && c.C2 === 0) return (t) => cls.lowerBound(t, m, 'exact');
  return (t) => 1 / (1 / cls.lowerBound(t, m, 'exact') + (c.C1 + c.C2 * t ** (1 - c.beta)) / t);
}

/** Memberships of the run's instance with a certified π for its Hessian model. */
export function certifiedBounds(run: ScenarioRun): { m: Membership; alpha: number; pi: (t: number) => number }[] {
  const out: { m: Membership; alpha: number; pi: (t: number) => number }[] = [];
  for (const m of run.instance.certificate.memberships) {
    const pi = certifiedLowerBound(run, m);
    const alpha = membershipAlpha(m);
    if (pi && alpha >= 0 && alpha <= 1) out.push({ m, alpha, pi });
  }
  return out;
}

/** The first iteration with a rejected trial at rounding level (the f-resolution floor, `noiseLevel`), or records.length. */
export function noiseFloorIndex(records: readonly GnsRecord[], unitRoundoff: number): number {
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.trials.some((t) => t.outcome === 'rejected' && noiseLevel(r.f, t.fNext, unitRoundoff))) return i;
  }
  return records.length;
}

export const hasCertifiedBound: Assumption = {
  id: 'certified-class-bound',
  statement: 'a certified class membership with π(t) ≤ γ(x) for this Hessian model',
  holds: (run) => (certifiedBounds(run).length > 0 ? true : `no membership of the instance gives a certified π for the model '${run.model.id}'`),
};

export function checkCorollary1Certified(run: ScenarioRun): CheckResult & { prefix: number; used: string[] } {
  const all = acceptedPrefix(gnsRecords(run));
  const steps: AcceptedStep[] = all.slice(0, noiseFloorIndex(gnsRecords(run), run.unitRoundoff));
  const eps = run.eps;
  const w = new WorstCase();
  const used: string[] = [];
  for (const { m, alpha, pi } of certifiedBounds(run)) {
    const label = `${m.class}${'nu' in m ? ` ν=${m.nu}` : ''} α=${alpha}`;
    const premise = new WorstCase();
    const M: number[] = [];
    let gammaLow = gnsGamma0(run);
    let mK = 0;
    let twoMConst = 0;
    steps.forEach((s, i) => {
      const p = pi(s.a);
      gammaLow = i === 0 ? Math.min(gnsGamma0(run), (p - eps) / 2) : Math.min(2 * gammaLow, (p - eps) / 2);
      const low = gammaLow;
      premise.add(low / s.gamma, () => `${label} k=${s.k}: Γ_k=${low.toExponential(4)} > γ_k=${s.gamma.toExponential(4)} (π(a_k)=${p.toExponential(4)})`);
      mK = Math.max(mK, low > 0 ? s.a ** alpha / low : Infinity);
      twoMConst = Math.max(twoMConst, (2 * s.a ** alpha) / p);
      M.push(mK);
    });
    used.push(`${label}: M_K up to ${mK.toExponential(3)} (2·a^α/π ≤ ${twoMConst.toExponential(3)})`);
    w.merge(premise.result(), 'premise Γ_k ≤ γ_k');
    w.merge(checkCorollary1(steps, alpha, M, label), 'conclusion');
  }
  return { ...w.result(), prefix: steps.length, used };
}

export const corollary1Certified: Theorem = {
  id: 'corollary1-certified',
  title: 'A8 (certified M): Corollary 1 with the class constant, γ_k ≥ π(a_k)/2 ⇒ M = 2M_{1−α}',
  source:
    'Semenov, Jaggi & Doikov 2025, Corollary 1 [P existence; R form and the adaptive factor 2 in M]; the search guarantee [R]; π from the certified class memberships (src/classes); docs/theory.md#corollary1-certified',
  statement:
    '\\gamma_k\\ge\\Gamma_k:=\\min(2\\Gamma_{k-1},\\tfrac{\\pi(a_k)-\\varepsilon}2),\\ M_K=\\max_{k<K}\\frac{a_k^\\alpha}{\\Gamma_k}:\\quad K\\ge\\max\\Big\\{\\frac{8eM_K(f_0-f_K)}{\\varepsilon^{1+\\alpha}},(1-\\alpha)\\ln\\frac{a_0}{\\varepsilon}\\Big\\}\\Rightarrow\\min_{1\\le k\\le K}a_k\\le\\varepsilon',
  assumptions: [algorithm1Run, hessianPsd, hasCertifiedBound],
  tight: false,
  gating: true,
  gatingReason:
    'Corollary 1 is AM–GM on Theorem 1 (docs/theory.md#corollary1-certified) with M from the certified class bound chained through the search guarantee (no γ read from the run); the slack is Theorem 1\'s',
  check(run: ScenarioRun) {
    const r = checkCorollary1Certified(run);
    return verdictOf(
      r,
      'premise Γ_k ≤ γ_k exact (no slack; validated numerically: min γ_rej/π = 3.16, docs/theory.md#the-search-guarantee); conclusion with Theorem 1 slack f_0 − f_K + ε_K/8; steps from the first rounding-level rejection on are past the floor',
      gnsRecords(run).length - r.prefix,
      `constant used: CERTIFIED (class π, no γ read) — ${r.used.join('; ')}; prefix of ${r.prefix} accepted steps`,
    );
  },
};
