import type { RateEstimate } from './gen-rate-estimate.js';

/** The R² the authors' code requires of the least-squares fit. */
export const MIN_FIT_R2 = 0.99;

/** Algorithm 1's safeguards (Bu & Xu 2025; the authors' lr_parabola): positive curvature, descent, a good fit. */
export function acceptsEstimate(e: RateEstimate): boolean {
  return e.a > 0 && e.b > 0 && e.r2 > MIN_FIT_R2 && Number.isFinite(e.candidate);
}

export interface RateRule {
  /** η_t = s·η_{t−1} + (1 − s)·candidate */
  readonly smoothing: number;
  /** the candidate clamped to [η_{t−1}/2, 2η_{t−1}] first */
  readonly clamp: boolean;
}

/** The next rate from the previous one and an accepted candidate. */
export function nextRate(rule: RateRule, previous: number, candidate: number): number {
  const c = rule.clamp ? Math.min(2 * previous, Math.max(previous / 2, candidate)) : candidate;
  return rule.smoothing === 0 ? c : rule.smoothing * previous + (1 - rule.smoothing) * c;
}
