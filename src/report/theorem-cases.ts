import type { CaseResult, CaseTrace } from '../harness/results.js';
import { isJudged } from '../harness/summarize.js';

/** A judged case on which the theorem applied, with its worst observed/bound ratio (null: non-finite, read back from JSON). */
export interface CaseRatio {
  readonly caseResult: CaseResult;
  readonly ratio: number | null;
}

export function applicableRatios(cases: readonly CaseResult[], theorem: string): CaseRatio[] {
  const out: CaseRatio[] = [];
  for (const c of cases) {
    const v = c.verdicts[theorem];
    if (isJudged(c) && v && v.status !== 'not-applicable') out.push({ caseResult: c, ratio: v.worstRatio });
  }
  return out;
}

export type Envelope = CaseTrace['envelopes'][number];

export interface EnvelopeRun {
  readonly caseResult: CaseResult;
  readonly envelope: Envelope;
}

/** The judged cases whose trace kept the theorem's envelope (observed δ_k and bound E_k), worst ratio first. */
export function envelopeRuns(cases: readonly CaseResult[], theorem: string): EnvelopeRun[] {
  const out: EnvelopeRun[] = [];
  for (const c of cases) {
    const envelope = isJudged(c) ? c.trace?.envelopes.find((e) => e.theorem === theorem) : undefined;
    if (envelope) out.push({ caseResult: c, envelope });
  }
  const ratio = (c: CaseResult) => {
    const v = c.verdicts[theorem];
    return !v || v.status === 'not-applicable' ? -Infinity : v.worstRatio;
  };
  return out.sort((a, b) => worstFirst(ratio(a.caseResult), ratio(b.caseResult)));
}

/** Comparator of ratios, worst first: a non-finite one (NaN, or null read back from JSON) is the worst. */
export function worstFirst(a: number | null, b: number | null): number {
  const key = (r: number | null) => (r === null || Number.isNaN(r) ? Infinity : r);
  const [x, y] = [key(a), key(b)];
  return x === y ? 0 : x > y ? -1 : 1;
}

/** δ_k / E_k where both are finite and E_k > 0, NaN elsewhere: the envelope holds where this is ≤ 1. */
export function normalizedEnvelope(e: Envelope): number[] {
  return e.delta.map((d, k) => {
    const bound = e.bound[k];
    return Number.isFinite(d) && Number.isFinite(bound) && bound > 0 ? d / bound : NaN;
  });
}
