import type { StepRecord } from '../methods/step-record.js';
import { UNIT_ROUNDOFF } from './check-result.js';

/**
 * f and ‖∇f‖_* at x_{k+1} for the step of record i: from the next record when there is one (the
 * method's state there), else the record's own fNext, gradNormNext; and whether the next record
 * starts at x_k + h_k — bitwise in float64, within 2u·(|x| + |h|) per entry in arithmetic with unit
 * roundoff u > 2⁻⁵³ (x_k rounded into it and the sum rounded once more).
 */
export function stepSuccessor(records: readonly StepRecord[], i: number, unitRoundoff: number): { readonly f: number; readonly gradNorm: number; readonly startsAtStep: boolean } {
  const r = records[i];
  const next = records[i + 1];
  if (!next) return { f: r.fNext, gradNorm: r.gradNormNext, startsAtStep: true };
  const h = r.h;
  const slack = unitRoundoff > UNIT_ROUNDOFF ? 2 * unitRoundoff : 0;
  const startsAtStep = h === null || !r.x.some((x, j) => Math.abs(next.x[j] - (x + h[j])) > slack * (Math.abs(x) + Math.abs(h[j])));
  return { f: next.f, gradNorm: next.gradNorm, startsAtStep };
}
