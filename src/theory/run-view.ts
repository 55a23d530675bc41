import { toDense } from '../hessians/dense-hessian.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Assumption } from './theorem.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { atPrecision } from './run-precision.js';

/** f-difference at rounding level: |f − f⁺| ≤ 1e-12(|f| + |f⁺|) in float64 (the rounding-level trials of docs/theory.md#rounding-allowances-and-the-precision-floor), the same in units of the run's roundoff u */
export function noiseLevel(f: number, fNext: number | undefined, unitRoundoff: number): boolean {
  if (fNext === undefined || !Number.isFinite(fNext)) return false;
  return Math.abs(f - fNext) <= atPrecision(1e-12, unitRoundoff) * (Math.abs(f) + Math.abs(fNext));
}

/** H_k of the run as a dense matrix */
export function hessianAt(run: ScenarioRun, k: number): Matrix {
  return toDense(run.hessians[k], run.instance.problem.dim);
}

/**
 * Up to `count` iterations spread evenly over the run, among those with a finite ‖g_k‖_* ≥
 * floor·a_0 (below that, cancellation in r(h) dominates any γ computation).
 */
export function sampleIterations(records: readonly GnsRecord[], count: number, floor = 1e-6): { picked: GnsRecord[]; skipped: number } {
  if (records.length === 0) return { picked: [], skipped: 0 };
  const a0 = records[0].gradNorm;
  const ok = records.filter((r) => Number.isFinite(r.gradNorm) && r.gradNorm > 0 && r.gradNorm >= floor * a0 && allFiniteX(r.x));
  const picked: GnsRecord[] = [];
  if (ok.length <= count) picked.push(...ok);
  else for (let i = 0; i < count; i++) picked.push(ok[Math.round((i * (ok.length - 1)) / (count - 1 || 1))]);
  return { picked, skipped: records.length - ok.length };
}

function allFiniteX(x: Float64Array): boolean {
  for (const v of x) if (!Number.isFinite(v)) return false;
  return true;
}

/** the run is an ideal-γ run (γ_k = θ·γ(x_k), θ ≤ 1) */
export const idealGammaRun: Assumption = {
  id: 'ideal-gamma',
  statement: 'γ_k = θ·γ(x_k) with θ ≤ 1 (ideal-γ run, no search)',
  holds: (run) => {
    if (!run.method.capabilities.includes('ideal-gamma')) return `the method '${run.method.id}' has no ideal-γ rule`;
    const theta = Number(run.methodOptions.theta);
    return theta <= 1 ? true : `θ = ${theta} > 1`;
  },
};

/** γ(x) is computed exactly (grid) only in 1-D and 2-D */
export const lowDimension: Assumption = {
  id: 'dimension-1-2',
  statement: 'n ∈ {1, 2} (γ(x) exact up to grid resolution, docs/theory.md#computing-gamma-on-a-grid)',
  holds: (run) => (run.instance.problem.dim <= 2 ? true : `n = ${run.instance.problem.dim}`),
};
