/**
 * A7 (Theorem 1, docs/theory.md#theorem1-sum): on every prefix K of accepted steps,
 *   Σ_{k<K} γ_k a_{k+1}²/a_k ≤ 8(f_0 − f_K) + ε_K,
 * with γ_k the γ of the ACCEPTED trial (the start-of-iteration history value overshoots by up to 1285×).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { type CheckResult, UNIT_ROUNDOFF, verdictOf, WorstCase } from './check-result.js';
import type { Theorem } from './theorem.js';

/** The accepted prefix: records k < K all accepted a trial, with f_{k+1}, a_{k+1} per step. */
export interface AcceptedStep {
  readonly k: number;
  readonly a: number;
  readonly aNext: number;
  readonly f: number;
  readonly fNext: number;
  readonly gamma: number;
}

/** Steps 0…K−1 up to the first one that accepted no trial (an exhausted search). */
export function acceptedPrefix(records: readonly GnsRecord[]): AcceptedStep[] {
  const out: AcceptedStep[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || r.gammaAccepted === null) break;
    const next = records[i + 1];
    out.push({ k: r.k, a: r.gradNorm, aNext: next ? next.gradNorm : r.gradNormNext, f: r.f, fNext: next ? next.f : r.fNext, gamma: r.gammaAccepted });
  }
  return out;
}

/**
 * The slack on 8(f_0 − f_K): the spec's ε = 1e-12(|f_0| + |f_K|) plus the rounding of the K
 * acceptance tests and of the sum, relative (4K + 16)·u on 8(f_0 − f_K) (each test holds in float64 on
 * fl(f_k − f_{k+1}) and fl(a²/(8λ)), and the differences telescope exactly).
 */
export function theorem1Slack(f0: number, fK: number, K: number): number {
  return 1e-12 * (Math.abs(f0) + Math.abs(fK)) + 8 * (4 * K + 16) * UNIT_ROUNDOFF * Math.abs(f0 - fK);
}

/** A7 on every prefix of accepted steps: ratio = Σ γ_k a_{k+1}²/a_k / (8(f_0 − f_K) + ε_K). */
export function checkTheorem1Sum(records: readonly GnsRecord[]): CheckResult & { prefix: number } {
  const steps = acceptedPrefix(records);
  const w = new WorstCase();
  let sum = 0;
  const f0 = steps.length ? steps[0].f : NaN;
  steps.forEach((s, i) => {
    sum += (s.gamma * s.aNext * s.aNext) / s.a;
    const K = i + 1;
    const bound = 8 * (f0 - s.fNext) + theorem1Slack(f0, s.fNext, K);
    const ratio = sum === 0 ? 0 : bound > 0 ? sum / bound : Infinity;
    w.add(ratio, () => `K=${K} Σγa²/a=${sum.toExponential(4)} 8(f0−fK)=${(8 * (f0 - s.fNext)).toExponential(4)}`);
  });
  return { ...w.result(), prefix: steps.length };
}

export const theorem1Sum: Theorem = {
  id: 'theorem1-sum',
  title: 'A7: Theorem 1 sum Σ γ_k a_{k+1}²/a_k ≤ 8(f_0 − f_K)',
  source:
    'Semenov, Jaggi & Doikov 2025, Theorem 1 [P existence; R form, γ_k the accepted γ]; docs/theory.md#theorem1-sum',
  statement: '\\sum_{k=0}^{K-1}\\gamma_k\\frac{\\|g_{k+1}\\|_*^2}{\\|g_k\\|_*}\\le 8\\,(f(x_0)-f(x_K))+\\epsilon_K\\quad\\forall K,\\ \\gamma_k=\\gamma_k^{\\rm acc}',
  assumptions: [algorithm1Run],
  tight: false,
  gating: true,
  gatingReason:
    'the sum of the accepted steps\' Lemma 1 tests telescopes (docs/theory.md#theorem1-sum); the slack is ε_f plus the rounding of the K float64 tests and of the sum',
  check(run: ScenarioRun) {
    const r = checkTheorem1Sum(gnsRecords(run));
    return verdictOf(
      r,
      'ε_K = 1e-12(|f_0| + |f_K|) + 8(4K + 16)·u·|f_0 − f_K| (ε_f plus the rounding of K float64 acceptance tests and the sum)',
      gnsRecords(run).length - r.prefix,
      `γ_k = γ of the accepted trial; prefix of ${r.prefix} accepted steps (cut at the first search that accepted nothing)`,
    );
  },
};
