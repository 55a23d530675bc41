/**
 * B-P5's trend (spec §B.5; a diagnostic, never gating): for the Défossez form at β1 = 0, β2 = 1 (Adagrad),
 * Thm 1 of Défossez, Bottou, Bach & Usunier (TMLR 2022) bounds E‖∇F(x_τ)‖² by
 * (2R(F(x₀) − F⋆)/α + (4dR² + αdRL)·ln(1 + NR²/ε))/√N, so T_N = E‖∇F(x_τ)‖²·√N/ln N stays below
 * (2R(F(x₀) − F⋆)/α)/ln N + (4dR² + αdRL)·ln(1 + NR²/ε)/ln N, which tends to 4dR² + αdRL: a T_N that keeps
 * growing with N is the signature of a rate slower than ln N/√N. That T_N does not grow is the expected
 * shape, not a consequence of the theorem (the bound on T_N need not decrease), hence a diagnostic.
 * The step αₙ depends on n, not on N, so the run of N iterations is the first N iterations of a longer one:
 * one run per seed gives every horizon. E over τ is exact on a run ((1/N)Σ_{k<N}‖∇F(x_k)‖²); E over the
 * sampling is the mean over seeds, and a rise between horizons is judged on the per-seed differences
 * (paired, the prefixes of one run are correlated) against RISE_MARGIN standard errors.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';

/** how many standard errors of the paired mean difference a rise of T_N must exceed to be reported (a chosen margin) */
export const RISE_MARGIN = 3;

/** (1/N)Σ_{k<N}‖∇F(x_k)‖² for each horizon N, from the full-batch gradients of the run's records (NaN past its end) */
export function prefixTauAverages(run: ScenarioRun, horizons: readonly number[]): number[] {
  const records = run.records;
  const sorted = [...horizons].sort((a, b) => a - b);
  const at = new Map<number, number>();
  let sum = 0;
  let k = 0;
  for (const N of sorted) {
    for (; k < Math.min(N, records.length); k++) for (const g of records[k].g) sum += g * g;
    at.set(N, records.length >= N ? sum / N : Number.NaN);
  }
  return horizons.map((N) => at.get(N) as number);
}

export interface DefossezTrendRow {
  readonly N: number;
  readonly seeds: number;
  /** mean over seeds of the τ-average (1/N)Σ_{k<N}‖∇F(x_k)‖² */
  readonly mean: number;
  readonly standardError: number;
  /** T_N = mean·√N/ln N */
  readonly scaled: number;
  readonly scaledError: number;
}

export interface DefossezTrend {
  readonly rows: readonly DefossezTrendRow[];
  /** per consecutive pair of horizons: the mean over seeds of T_N' − T_N and its standard error */
  readonly rises: readonly { readonly from: number; readonly to: number; readonly mean: number; readonly standardError: number }[];
  /** no rise exceeds RISE_MARGIN standard errors */
  readonly nonIncreasing: boolean;
}

function meanAndError(values: readonly number[]): { mean: number; standardError: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return { mean, standardError: Math.sqrt(variance / n) };
}

/** The trend from τ-averages per seed (`perSeed[s][i]` at `horizons[i]`, increasing); seeds with a NaN at some horizon are left out. */
export function defossezTrend(perSeed: readonly (readonly number[])[], horizons: readonly number[]): DefossezTrend {
  const complete = perSeed.filter((row) => row.every(Number.isFinite));
  const scale = horizons.map((N) => Math.sqrt(N) / Math.log(N));
  const rows = horizons.map((N, i) => {
    const m = meanAndError(complete.map((row) => row[i]));
    return { N, seeds: complete.length, mean: m.mean, standardError: m.standardError, scaled: m.mean * scale[i], scaledError: m.standardError * scale[i] };
  });
  const rises = horizons.slice(1).map((to, i) => {
    const m = meanAndError(complete.map((row) => row[i + 1] * scale[i + 1] - row[i] * scale[i]));
    return { from: horizons[i], to, ...m };
  });
  return { rows, rises, nonIncreasing: rises.every((r) => !(r.mean > RISE_MARGIN * r.standardError)) };
}
