/**
 * A6 (docs/theory.md#trial-count): on the prefix before the first exhausted
 * search or γ_min floor hit, Σ_{k<K} t_k = 2K + log2(γ0/γ_K^start) exactly, for every K.
 */
import { algorithm1Run, gnsGamma0, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { type CheckResult, WorstCase } from './check-result.js';
import type { Theorem } from './theorem.js';

/** Why the A6 prefix ends at iteration k (null: it does not). */
export function trialIdentityBreak(r: GnsRecord, gammaMin: number, cutAtFailure: boolean): string | null {
  if (r.exhausted) return 'exhausted search';
  if (cutAtFailure && r.factorizationFailures > 0) return 'factorization failure';
  // the floor acts (γ ← max(2γ, γ_min)) exactly when 2γ_acc < γ_min; any other deviation is a failure
  if (r.gammaAccepted !== null && 2 * r.gammaAccepted < gammaMin) return 'γ_min floor';
  return null;
}

/**
 * A6: for every K on the valid prefix (before the first exhausted search, γ_min floor hit, and — when
 * asked — factorization failure), Σ_{k<K} t_k = 2K + log2(γ0/γ_K^start), exactly (an integer identity).
 * `gammaStart` is the start-of-iteration history (one more entry than records when the run stopped);
 * `gammaMin` is the reference mode's floor (0 in strict mode).
 */
export function checkTrialIdentity(records: readonly GnsRecord[], gammaStart: readonly number[], gamma0: number, gammaMin: number, cutAtFailure = false): CheckResult & { prefix: number; cut: string } {
  const w = new WorstCase();
  let sum = 0;
  let prefix = 0;
  let cut = 'end of run';
  if (gammaStart[0] !== gamma0) w.add(Infinity, () => `γ_0^start=${gammaStart[0]} ≠ γ0=${gamma0}`);
  for (let K = 1; K <= records.length && K < gammaStart.length; K++) {
    const r = records[K - 1];
    const why = trialIdentityBreak(r, gammaMin, cutAtFailure);
    if (why) {
      cut = `${why} at k=${K - 1}`;
      break;
    }
    sum += r.trials.length;
    prefix = K;
    const gK = gammaStart[K];
    const log = Math.log2(gamma0 / gK);
    // exact: an integer, and Σt − 2K equal to it
    const mismatch = !(Number.isInteger(log) && sum - 2 * K === log && 2 ** log === gamma0 / gK);
    w.add(mismatch ? Infinity : 0, () => `K=${K} Σt=${sum} 2K+log2(γ0/γK)=${2 * K + log}`);
  }
  return { ...w.result(), prefix, cut };
}

export const trialCount: Theorem = {
  id: 'trial-count',
  title: 'A6: Σ_{k<K} t_k = 2K + log2(γ0/γ_K^start) on the valid prefix',
  source:
    'Semenov, Jaggi & Doikov 2025, the trial count of the adaptive search (Algorithm 3), as the bound 2K + log2(γ0/γ⋆) [P]; the identity derived [R]; docs/theory.md#trial-count',
  statement: '\\sum_{k<K}t_k=2K+\\log_2\\frac{\\gamma_0}{\\gamma_K^{\\rm start}}\\quad\\text{for every }K\\text{ before the first exhausted search or }\\gamma_{\\min}\\text{ floor}',
  assumptions: [algorithm1Run],
  tight: true,
  gating: true,
  gatingReason:
    'an exact integer identity of the doubling/halving search (docs/theory.md#trial-count) on the prefix before the first exhausted search or γ_min floor: no slack',
  check(run: ScenarioRun) {
    const r = checkTrialIdentity(gnsRecords(run), gnsSummary(run).history.gammaStart, gnsGamma0(run), run.gammaMin);
    const pastFloor = gnsRecords(run).length - r.prefix;
    return {
      status: r.ok ? 'holds' : 'violated',
      worstRatio: r.worst,
      where: r.checked === 0 ? null : r.where,
      slack: 'none: an exact integer identity (worst = 0 when it holds, ∞ at a mismatch)',
      checked: r.checked,
      pastFloor,
      note: `prefix of ${r.prefix} iterations; it ends at: ${r.cut} (a failed factorization is a rejected trial in this port and stays inside the prefix)`,
    };
  },
};
