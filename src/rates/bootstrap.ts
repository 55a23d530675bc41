import { rng } from '../random/prng.js';

/**
 * A percentile bootstrap interval for a statistic of per-instance values (e.g. fitted orders or
 * rates, one per instance): resample the values with replacement `resamples` times (seeded, so the
 * interval is reproducible), compute the statistic on each resample, and take the (1 − level)/2 and
 * (1 + level)/2 empirical quantiles. Non-finite values are dropped first.
 */
export interface BootstrapInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly n: number;
}

export function mean(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}

export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** the q-quantile (0 ≤ q ≤ 1) of sorted values, by linear interpolation */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function bootstrapInterval(
  values: readonly number[],
  o: { statistic?: (v: readonly number[]) => number; level?: number; resamples?: number; seed?: number } = {},
): BootstrapInterval {
  const v = values.filter(Number.isFinite);
  const stat = o.statistic ?? mean;
  const level = o.level ?? 0.95;
  if (v.length === 0) return { estimate: NaN, lower: NaN, upper: NaN, level, n: 0 };
  const next = rng(o.seed ?? 0x5eed);
  const b = o.resamples ?? 2000;
  const stats: number[] = [];
  const sample = new Array<number>(v.length);
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < v.length; i++) sample[i] = v[Math.floor(next() * v.length)];
    stats.push(stat(sample));
  }
  stats.sort((x, y) => x - y);
  return { estimate: stat(v), lower: quantileSorted(stats, (1 - level) / 2), upper: quantileSorted(stats, (1 + level) / 2), level, n: v.length };
}
