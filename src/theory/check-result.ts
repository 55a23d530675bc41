/**
 * Shared pieces of the solver-trace theorem checks (A1–A3, A6, A7, A10–A12, docs/theory.md#notation): the pure
 * check result {ok, worst, where, checked} the lifted check functions return (records in → result
 * out, so they can be called on any trace, including a defective solver's), a worst-case accumulator,
 * the conversion to a Verdict, and small helpers on Hessian values and metrics.
 *
 * Every check returns `worst` = the largest observed/allowed ratio over what it looked at, so
 * `ok` ⇔ worst ≤ 1 (bitwise checks: worst = number of mismatches), and `where` names the worst case.
 */
import { toDense } from '../hessians/dense-hessian.js';
import type { HessianValue } from '../hessians/hessian-model.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { type Matrix, matVec } from '../linalg/matrix.js';
import { type Metric, metricMinEigenvalue, metricOperatorNorm } from '../linalg/metric.js';
import { dot } from '../linalg/vector.js';
import type { MetricSpec } from '../problems/instance.js';
import type { GnsRecord, GnsTrial } from '../solvers/gns-record.js';
import { hessianError } from '../solvers/ideal-gamma.js';
import type { Verdict } from './verdict.js';

/** float64 unit roundoff */
export const UNIT_ROUNDOFF = 2 ** -53;

export interface CheckResult {
  readonly ok: boolean;
  /** the largest observed/allowed ratio (≤ 1 passes); for bitwise checks the number of mismatches */
  readonly worst: number;
  readonly where: string;
  /** how many cases (steps, prefixes, pairs) the check looked at */
  readonly checked: number;
}

export class WorstCase {
  worst = 0;
  where = 'nothing checked';
  checked = 0;
  /** a NaN ratio counts as a failure (Infinity) */
  add(ratio: number, where: () => string): void {
    this.checked++;
    const r = Number.isNaN(ratio) ? Infinity : ratio;
    if (this.checked === 1 || r > this.worst) {
      this.worst = r;
      this.where = where();
    }
  }
  merge(other: CheckResult, prefix: string): void {
    this.checked += other.checked;
    if (other.worst > this.worst) {
      this.worst = other.worst;
      this.where = `${prefix}: ${other.where}`;
    }
  }
  result(): CheckResult {
    return { ok: this.worst <= 1, worst: this.worst, where: this.where, checked: this.checked };
  }
}

/** A check result as a Verdict (`pastFloor`: points not checked because past the precision floor). */
export function verdictOf(r: CheckResult, slack: string, pastFloor = 0, note?: string): Verdict {
  return {
    status: r.ok ? 'holds' : 'violated',
    worstRatio: r.worst,
    where: r.checked === 0 ? null : r.where,
    slack,
    checked: r.checked,
    pastFloor,
    ...(note ? { note } : {}),
  };
}

/** The trial whose step a record took: the accepted one, or (reference mode, exhausted) the last evaluated one. */
export function takenTrial(r: GnsRecord): GnsTrial | null {
  if (!r.stepTaken) return null;
  for (let i = r.trials.length - 1; i >= 0; i--) {
    const t = r.trials[i];
    if (t.outcome === 'accepted') return t;
  }
  for (let i = r.trials.length - 1; i >= 0; i--) {
    const t = r.trials[i];
    if (t.outcome === 'rejected' || t.outcome === 'non-finite') return t;
  }
  return null;
}

/** ‖B^{-1/2}‖₂ = λ_min(B)^{-1/2}: ‖r‖_* ≤ this·‖r‖₂ (1 for the identity). */
export function dualNormFactor(spec: MetricSpec): number {
  if (spec.kind === 'identity') return 1;
  return 1 / Math.sqrt(symmetricEigenvalues(spec.B)[0]);
}

/** The dual-norm bound ‖(H + λB)h + g‖_* ≤ factor·ρ₂ of the residual the backend vouched for on the trial whose step was taken (0 for a direct solve). */
export function vouchedResidual(r: GnsRecord, factor: number): number {
  return factor * (takenTrial(r)?.solveResidual ?? 0);
}

/** κ(B) = λ_max/λ_min of the metric matrix (1 for the identity). */
export function metricCondition(spec: MetricSpec): number {
  if (spec.kind === 'identity') return 1;
  const ev = symmetricEigenvalues(spec.B);
  return ev[ev.length - 1] / ev[0];
}

/** λ_min(B^{-½} H B^{-½}) of a Hessian value. */
export function minEigenvalueInMetric(value: HessianValue, metric: Metric): number {
  if (value.kind === 'zero') return 0;
  if (value.kind === 'rank-one') return value.alpha >= 0 ? 0 : -Infinity;
  return metricMinEigenvalue(value.matrix, metric);
}

/** ‖B^{-½} H B^{-½}‖ for a Hessian value (max |eigenvalue| in the metric). */
export function normInMetric(value: HessianValue, metric: Metric, n: number): number {
  if (value.kind === 'zero') return 0;
  const ev = symmetricEigenvalues(metric.whiten(toDense(value, n)));
  return ev.length === 0 ? 0 : Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
}

/** H·h for any Hessian value. */
export function hessianTimes(value: HessianValue, h: Float64Array): Float64Array {
  if (value.kind === 'dense') return matVec(value.matrix, h);
  if (value.kind === 'zero') return new Float64Array(h.length);
  const s = value.alpha * dot(value.v, h);
  return value.v.map((vi) => s * vi);
}

/** Is every number finite and either 0 or normal (no subnormal, no overflow)? */
export function allNormal(values: Iterable<number>): boolean {
  for (const v of values) {
    if (!Number.isFinite(v)) return false;
    if (v !== 0 && Math.abs(v) < 2 ** -1022) return false;
  }
  return true;
}

/** max |B − I| entrywise (0 for the identity): whether "metric ignored" changes anything. */
export function distanceFromIdentity(spec: MetricSpec): number {
  if (spec.kind === 'identity') return 0;
  const n = spec.B.rows;
  let d = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d = Math.max(d, Math.abs(spec.B.data[i * n + j] - (i === j ? 1 : 0)));
  return d;
}

/**
 * ‖∇²f(x) − H‖ in the metric, and its float64 rounding τ = 8n·κ(B)·u·(‖∇²f‖ + ‖H‖): the subtraction,
 * the whitening by B's Cholesky factor and the eigensolver (the metric-norm model of classes/rounding.ts).
 */
export function hessianErrorNorm(hTrue: Matrix, H: Matrix, metric: Metric, kappaB: number): { readonly norm: number; readonly rounding: number } {
  const norm = metricOperatorNorm(hessianError(hTrue, H), metric);
  const rounding = 8 * hTrue.rows * kappaB * UNIT_ROUNDOFF * (metricOperatorNorm(hTrue, metric) + metricOperatorNorm(H, metric));
  return { norm, rounding };
}
