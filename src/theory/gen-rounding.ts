/**
 * Rounding allowances of GeN's rate on an SPD quadratic f(y) = ½(y − x*)ᵀQ(y − x*) + f* evaluated by
 * the quadratic family's oracle (docs/theory.md#gen-three-point-exact). With γ_m = mu/(1 − mu)
 * (Higham 2002, §3.1) and r ≥ |y − x*| componentwise:
 *   |f̂(y) − f(y)| ≤ γ_{2n+3}(|f*| + ½rᵀ|Q|r)       (y − x*, Qe, eᵀQe, ½·, + f*)
 *   |∇f̂(y) − ∇f(y)| ≤ γ_{n+1}|Q||y − x*|             (y − x*, Qe)
 * A point formed as fl(x − ηd) lies within Δ = γ_2(|x| + |η||d|) of x − ηd, which moves f by at most
 * (|Q|r)ᵀΔ + ½Δᵀ|Q|Δ (the exact expansion of a quadratic about the computed point, r ≥ its |ŷ − x*|).
 * A quotient â/b̂ with |â − a| ≤ e_a, |b̂ − b| ≤ e_b differs from a/b by at most
 * e_a/(|b| − e_b) + |a|e_b/(|b|(|b| − e_b)), evaluated here with |a| ≤ |ã| + e_a, |b| ≥ |b̃| − e_b for any
 * ã, b̃ within the same allowances (the check's own evaluation of a and b).
 */
import type { Matrix } from '../linalg/matrix.js';
import type { GenRateFields, StepRecord } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { gammaConstant } from './cholesky-backward-error.js';

export type GenRecord = StepRecord & GenRateFields;

export interface QuadraticData {
  readonly Q: Matrix;
  readonly xStar: Float64Array;
  readonly fStar: number;
}

/** Q, x*, f* of a run on the quadratic family (its assumption `spdQuadratic` decides applicability). */
export function quadraticData(run: ScenarioRun): QuadraticData {
  return (run.instance.problem.oracle as unknown as { data: QuadraticData }).data;
}

export function genRecords(run: ScenarioRun): readonly GenRecord[] {
  return run.records as readonly GenRecord[];
}

const sum = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
};

/** |Q||v| for v ≥ 0, rounded up by γ_{n+1} */
export function absTimes(Q: Matrix, v: Float64Array, u: number): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(Q.data[i * n + j]) * v[j];
    out[i] = s * (1 + gammaConstant(n + 1, u));
  }
  return out;
}

/** aᵀb for a, b ≥ 0, rounded up */
export function upperDot(a: Float64Array, b: Float64Array, u: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s * (1 + gammaConstant(a.length + 1, u));
}

/** |y − x*| rounded up */
export function offsetBound(q: QuadraticData, y: Float64Array, u: number): Float64Array {
  return y.map((yi, i) => Math.abs(yi - q.xStar[i]) * (1 + 2 * u));
}

/** the allowance of f̂ at a point with |ŷ − x*| ≤ r */
export function fAllowance(q: QuadraticData, r: Float64Array, u: number): number {
  const n = r.length;
  return gammaConstant(2 * n + 3, u) * (Math.abs(q.fStar) + 0.5 * upperDot(r, absTimes(q.Q, r, u), u)) * (1 + 4 * u);
}

/** the componentwise allowance of ∇f̂ at y */
export function gradientAllowance(q: QuadraticData, y: Float64Array, u: number): Float64Array {
  const n = y.length;
  return absTimes(q.Q, offsetBound(q, y, u), u).map((v) => gammaConstant(n + 1, u) * v * (1 + 2 * u));
}

/** |f(ŷ) − f(y)| for ŷ within Δ of y, r ≥ |ŷ − x*| */
export function displacementAllowance(q: QuadraticData, r: Float64Array, delta: Float64Array, u: number): number {
  return (upperDot(absTimes(q.Q, r, u), delta, u) + 0.5 * upperDot(delta, absTimes(q.Q, delta, u), u)) * (1 + 2 * u);
}

/** Δ = γ_2(|x| + |η||d|) of the point fl(x − ηd) */
export function stepPointDelta(x: Float64Array, d: Float64Array, eta: number, u: number): Float64Array {
  return x.map((xi, i) => gammaConstant(2, u) * (Math.abs(xi) + Math.abs(eta * d[i])) * (1 + 2 * u));
}

/** |f̂(fl(x − ηd)) − f(x − ηd)|: the point's rounding and the evaluation's */
export function probeAllowance(q: QuadraticData, x: Float64Array, d: Float64Array, eta: number, u: number): number {
  const delta = stepPointDelta(x, d, eta, u);
  const r = x.map((xi, i) => (Math.abs(xi - q.xStar[i]) + Math.abs(eta * d[i]) + delta[i]) * (1 + 4 * u));
  return fAllowance(q, r, u) + displacementAllowance(q, r, delta, u);
}

/** the bound on |â/b̂ − a/b| of the module comment, or Infinity when |b| − e_b ≤ 0 cannot be excluded */
export function quotientError(aTilde: number, ea: number, bTilde: number, eb: number): number {
  const aMax = Math.abs(aTilde) + ea;
  const bMin = Math.abs(bTilde) - eb;
  if (!(bMin - eb > 0)) return Infinity;
  return (ea / (bMin - eb) + (aMax * eb) / (bMin * (bMin - eb))) * (1 + 8 * 2 ** -53);
}

/** Qv and dᵀv computed as the oracle and the method compute them */
function qTimes(Q: Matrix, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Q.data[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

const dotOf = (a: Float64Array, b: Float64Array): number => sum(a.map((v, i) => v * b[i]));

/**
 * The exact rate η* = ∇f(x)ᵀd / dᵀQd along the recorded d at the recorded x (exact gradient), as the
 * check computes it, with the bound on its own error and the pieces later checks reuse.
 */
export interface ExactRate {
  readonly etaStar: number;
  /** |etaStar − η*| */
  readonly error: number;
  /** ∇fᵀd and dᵀQd as computed, each with its allowance */
  readonly slope: number;
  readonly slopeError: number;
  readonly curvature: number;
  readonly curvatureError: number;
  /** the componentwise allowance e of the recorded ∇f̂ */
  readonly gradientError: Float64Array;
}

export function exactRate(q: QuadraticData, r: GenRecord, u: number): ExactRate {
  const n = r.x.length;
  const d = r.direction;
  const absD = d.map(Math.abs);
  const offset = offsetBound(q, r.x, u);
  const exactGradient = qTimes(q.Q, r.x.map((xi, i) => xi - q.xStar[i]));
  const slope = dotOf(exactGradient, d);
  const slopeError = gammaConstant(2 * n + 1, u) * upperDot(absTimes(q.Q, offset, u), absD, u);
  const curvature = dotOf(d, qTimes(q.Q, d));
  const curvatureError = gammaConstant(2 * n, u) * upperDot(absD, absTimes(q.Q, absD, u), u);
  const etaStar = slope / curvature;
  const error = quotientError(slope, slopeError, curvature, curvatureError) + gammaConstant(1, u) * Math.abs(etaStar);
  return { etaStar, error, slope, slopeError, curvature, curvatureError, gradientError: gradientAllowance(q, r.x, u) };
}

/**
 * The bound on |η̂ − η*| of the rate the record's form computed, against the exact η* (not the
 * check's etaStar): 'exact' from fl(ĝᵀd)/fl(dᵀ fl(Qd)), 'three-point' from the probed losses
 * (docs/theory.md#gen-three-point-exact); Infinity where the rounding floor reaches the curvature.
 */
export function estimateError(q: QuadraticData, r: GenRecord, form: string, u: number, exact: ExactRate = exactRate(q, r, u)): number {
  const n = r.x.length;
  const d = r.direction;
  const absD = d.map(Math.abs);
  if (form === 'exact') {
    const absG = r.g.map(Math.abs);
    const ea = gammaConstant(n, u) * upperDot(absG, absD, u) + upperDot(exact.gradientError, absD, u);
    return quotientError(exact.slope, ea + exact.slopeError, exact.curvature, exact.curvatureError) + gammaConstant(1, u) * (Math.abs(exact.slope) + ea + exact.slopeError) / Math.max(Math.abs(exact.curvature) - 2 * exact.curvatureError, 0);
  }
  if (form !== 'three-point') return Infinity;
  const p = r.ratePrevious;
  const e0 = fAllowance(q, offsetBound(q, r.x, u), u);
  const ePlus = probeAllowance(q, r.x, d, p, u);
  const eMinus = probeAllowance(q, r.x, d, -p, u);
  // any arrangement of the two or three subtractions/additions forming N and D from the probed losses
  const arithmetic = gammaConstant(3, u) * (Math.abs(r.Lplus) + 2 * Math.abs(r.L0) + Math.abs(r.Lminus));
  const eN = ePlus + eMinus + arithmetic;
  const eD = ePlus + eMinus + 2 * e0 + arithmetic;
  // N = L₋ − L₊ = 2p∇fᵀd and D = L₊ − 2L₀ + L₋ = p²dᵀQd exactly; the check's N, D from its own η* pieces
  const N = 2 * p * exact.slope;
  const D = p * p * exact.curvature;
  const eNcheck = eN + 2 * Math.abs(p) * exact.slopeError * (1 + 4 * u);
  const eDcheck = eD + p * p * exact.curvatureError * (1 + 4 * u);
  const quotient = quotientError(N, eNcheck, D, eDcheck);
  const magnitude = (Math.abs(N) + eNcheck) / Math.max(Math.abs(D) - 2 * eDcheck, 0);
  return (Math.abs(p) / 2) * (quotient + gammaConstant(3, u) * magnitude) * (1 + 4 * u);
}
