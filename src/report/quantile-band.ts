import { quantileSorted } from '../rates/index.js';

export interface QuantilePoint {
  readonly k: number;
  readonly low: number;
  readonly median: number;
  readonly high: number;
  /** how many series had a finite value at k */
  readonly count: number;
}

/** Per index k, the 10%, 50% and 90% quantiles over the series that have a finite value at k. */
export function quantileBand(series: readonly (readonly number[])[]): QuantilePoint[] {
  const length = series.reduce((m, s) => Math.max(m, s.length), 0);
  const out: QuantilePoint[] = [];
  for (let k = 0; k < length; k++) {
    const values = series.map((s) => s[k]).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (values.length === 0) continue;
    out.push({ k, low: quantileSorted(values, 0.1), median: quantileSorted(values, 0.5), high: quantileSorted(values, 0.9), count: values.length });
  }
  return out;
}
