import { median } from '../rates/bootstrap.js';
import type { CaseResult, CaseTightness, TargetIterations, TheoremTightness } from './results.js';

/** targets ε_j = s_0·10^{−j}, j = 1 … MAX_DECADES */
const MAX_DECADES = 16;

/** the bound bites once it has fallen a decade below its first finite value: before that, a ratio near 1 only says that both start at s_0 */
const BITING_DECADE = 10;

const firstAtMost = (s: readonly number[], eps: number): number | null => {
  const k = s.findIndex((v) => v <= eps);
  return k < 0 ? null : k;
};

/**
 * How tight the bound E_k of a per-iteration series (observed s_k ≤ E_k) was on one run: the worst
 * ratio s_k/E_k once E_k ≤ E_first/10, and for each target ε_j = s_0·10^{−j} that the observed
 * sequence or the bound reached, K_bound(ε) and K_observed(ε) (the first k with E_k ≤ ε, resp.
 * s_k ≤ ε). Where δ_k ≤ E_k holds, K_observed ≤ K_bound. Only what the check judges counts: values
 * and targets below the series' floor (the precision floor) are left out.
 */
export function caseTightness(series: { readonly observed: readonly number[]; readonly bound: readonly number[]; readonly floor?: number }): CaseTightness {
  const { observed, bound } = series;
  const floor = series.floor ?? 0;
  const firstBound = bound.find((b) => Number.isFinite(b) && b > 0);
  let bitingRatio: number | null = null;
  let bitingAt: number | null = null;
  if (firstBound !== undefined) {
    for (let k = 0; k < Math.min(observed.length, bound.length); k++) {
      const b = bound[k];
      if (!(b > 0 && b <= firstBound / BITING_DECADE && b >= floor && observed[k] >= floor) || !Number.isFinite(observed[k])) continue;
      const r = observed[k] / b;
      if (bitingRatio === null || r > bitingRatio) {
        bitingRatio = r;
        bitingAt = k;
      }
    }
  }
  const targets: TargetIterations[] = [];
  const start = observed[0];
  if (Number.isFinite(start) && start > 0) {
    for (let j = 1; j <= MAX_DECADES; j++) {
      const target = start * 10 ** -j;
      if (target < floor) break;
      const predicted = firstAtMost(bound, target);
      const seen = firstAtMost(observed, target);
      if (predicted === null && seen === null) break;
      targets.push({ target, predicted, observed: seen });
    }
  }
  return { bitingRatio, bitingAt, targets };
}

/** K_bound(ε)/K_observed(ε) for each target both reached (K_observed ≥ 1 since ε < s_0) */
export function iterationFactors(t: CaseTightness): number[] {
  return t.targets.flatMap((x) => (x.predicted !== null && x.observed !== null && x.observed > 0 ? [x.predicted / x.observed] : []));
}

/** A theorem's tightness over the judged cases that recorded one (a pure function of the cases, so merges agree). */
export function summarizeTightness(theorem: string, judged: readonly CaseResult[]): TheoremTightness | null {
  let cases = 0;
  let worstBitingRatio: number | null = null;
  let worstBitingCase: string | null = null;
  let tightestFactor: number | null = null;
  let tightestFactorCase: string | null = null;
  let boundNotReached = 0;
  const factors: number[] = [];
  for (const c of judged) {
    const t = c.tightness?.[theorem];
    if (!t) continue;
    cases++;
    if (t.bitingRatio !== null && (worstBitingRatio === null || t.bitingRatio > worstBitingRatio)) {
      worstBitingRatio = t.bitingRatio;
      worstBitingCase = c.key;
    }
    for (const f of iterationFactors(t)) {
      factors.push(f);
      if (tightestFactor === null || f < tightestFactor) {
        tightestFactor = f;
        tightestFactorCase = c.key;
      }
    }
    boundNotReached += t.targets.filter((x) => x.observed !== null && x.predicted === null).length;
  }
  if (cases === 0) return null;
  return { cases, worstBitingRatio, worstBitingCase, factors: factors.length, medianFactor: factors.length === 0 ? null : median(factors), tightestFactor, tightestFactorCase, boundNotReached };
}
