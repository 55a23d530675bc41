import type { CaseResult } from '../harness/results.js';
import { isJudged } from '../harness/summarize.js';
import { worstFirst } from './theorem-cases.js';

const drawable = (v: number | null): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The case kept a trace of γ_k with a certified class bound π(‖g_k‖) beside it. */
export function hasGammaTrace(c: CaseResult): boolean {
  return c.trace !== undefined && c.trace.gamma.some(drawable) && c.trace.pi.some(drawable);
}

/** Per property, up to `perProperty` judged cases with a γ trace, worst ratio first. */
export function gammaTraceCases(cases: readonly CaseResult[], perProperty: number): Map<string, CaseResult[]> {
  const out = new Map<string, CaseResult[]>();
  const sorted = cases.filter((c) => isJudged(c) && hasGammaTrace(c)).sort((a, b) => worstFirst(a.worstRatio, b.worstRatio));
  for (const c of sorted) {
    const mine = out.get(c.property) ?? [];
    if (mine.length < perProperty) mine.push(c);
    out.set(c.property, mine);
  }
  return out;
}
