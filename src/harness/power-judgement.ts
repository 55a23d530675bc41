/**
 * How a power check's counts are judged. A property promises a catch rate p₀ (`PowerCheck.minCaught`),
 * set well below the rate measured over many seeds (`PowerCheck.calibration`). Its applicable cases
 * are independent draws from the property's arbitrary, so the catches are Binomial(n, p) with p ≥ p₀
 * for a property that keeps its promise. The check fails only when the count is incompatible with the
 * promise: P(X ≤ caught | n, p₀) < POWER_FALSE_ALARM — a property that keeps its promise fails with
 * probability below POWER_FALSE_ALARM on any seed, any shard and any sample size. When even zero
 * catches would not be that unlikely ((1 − p₀)^n ≥ POWER_FALSE_ALARM), the sample is too small to
 * judge: it is reported as such and never fails (a shard; a merge judges the whole).
 */
import { binomialCdf, binomialQuantile } from '../rates/binomial.js';

/** the probability that a power check keeping its promised rate fails, per check and run */
export const POWER_FALSE_ALARM = 1e-6;

/**
 * A promised rate p₀ sits at least this far below the one-sided 99.9% Clopper–Pearson lower bound of
 * the rate measured by `npm run bench:power` (recorded as PowerCheck.calibration), so that it holds
 * with room to spare for any seed of the same arbitrary.
 */
export const CALIBRATION_MARGIN = 0.1;

export type PowerStatus = 'caught' | 'failed' | 'too-few';

export interface PowerJudgement {
  readonly status: PowerStatus;
  /** P(X ≤ caught) for X ~ Binomial(applicable, p₀): the chance of so few catches under the promise */
  readonly pValue: number;
  /** the fewest catches that pass at this sample size (0 when too few to judge) */
  readonly minCatches: number;
  /** the fewest applicable cases at which zero catches would fail */
  readonly minApplicable: number;
}

/** The smallest n with (1 − p₀)^n < POWER_FALSE_ALARM. */
export function applicableToJudge(promised: number): number {
  if (!(promised > 0)) return Infinity;
  if (promised >= 1) return 1;
  return Math.floor(Math.log(POWER_FALSE_ALARM) / Math.log1p(-promised)) + 1;
}

export function judgePower(caught: number, applicable: number, promised: number): PowerJudgement {
  const minApplicable = applicableToJudge(promised);
  const pValue = binomialCdf(caught, applicable, promised);
  if (applicable < minApplicable) return { status: 'too-few', pValue, minCatches: 0, minApplicable };
  const minCatches = binomialQuantile(POWER_FALSE_ALARM, applicable, promised);
  return { status: pValue < POWER_FALSE_ALARM ? 'failed' : 'caught', pValue, minCatches, minApplicable };
}

/** One line on a judged power check, the same in the CLI, the report and JUnit. */
export function powerVerdictText(p: { readonly caught: number; readonly applicable: number; readonly minCaught: number; readonly status: PowerStatus; readonly pValue: number; readonly minCatches: number; readonly minApplicable: number }): string {
  const counts = `caught ${p.caught}/${p.applicable}${p.applicable > 0 ? ` (${(p.caught / p.applicable).toFixed(3)})` : ''}`;
  if (p.status === 'too-few') return `${counts}: too few applicable cases to judge a promised rate of ${p.minCaught} (needs ≥ ${p.minApplicable}; not a failure — a merge judges the whole)`;
  if (p.status === 'failed') return `${counts}: incompatible with the promised rate ${p.minCaught} (P(X ≤ ${p.caught}) = ${p.pValue.toExponential(1)} < ${POWER_FALSE_ALARM}; needs ≥ ${p.minCatches} of ${p.applicable})`;
  return `${counts}: compatible with the promised rate ${p.minCaught} (needs ≥ ${p.minCatches} of ${p.applicable})`;
}
