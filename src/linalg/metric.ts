import { cholesky, type CholeskyFactor } from './cholesky.js';
import { type Matrix, identity, matVec, matrix } from './matrix.js';
import { symmetricEigenvalues } from './eigen.js';
import { multiplyLower, solveLowerInPlace, solveLowerMatrixInPlace, solveLowerTransposeInPlace } from './triangular.js';
import { dot, norm2 } from './vector.js';
import { type WasmFactorSolves, wasmFactorSolves } from './wasm/factor-solves-wasm.js';

/**
 * A metric ‖h‖ = ⟨Bh, h⟩^½ given by a symmetric positive definite B, and its dual
 * ‖s‖_* = ⟨s, B⁻¹s⟩^½. With B = L·Lᵀ: ‖h‖ = ‖Lᵀh‖₂ and ‖s‖_* = ‖L⁻¹s‖₂, so neither B⁻¹ nor a
 * difference of large numbers is ever formed. The identity metric skips all factor work.
 */
export interface Metric {
  readonly n: number;
  readonly isIdentity: boolean;
  /** B as a dense matrix (a fresh copy for the identity). */
  matrix(): Matrix;
  /** the Cholesky factor of B; null for the identity */
  readonly factor: CholeskyFactor | null;
  /** B itself (the metric's own copy: read-only); null for the identity */
  readonly dense: Matrix | null;
  /** B·h */
  apply(h: Float64Array): Float64Array;
  /** B⁻¹·s */
  solve(s: Float64Array): Float64Array;
  norm(h: Float64Array): number;
  dualNorm(s: Float64Array): number;
  /** H + λ·B into a new matrix */
  shifted(h: Matrix, lambda: number): Matrix;
  /** L⁻¹·E·L⁻ᵀ, whose eigenvalues are those of B^{-½}·E·B^{-½} (E symmetric) */
  whiten(e: Matrix): Matrix;
}

export function identityMetric(n: number): Metric {
  return {
    n,
    isIdentity: true,
    factor: null,
    dense: null,
    matrix: () => identity(n),
    apply: (h) => h.slice(),
    solve: (s) => s.slice(),
    norm: (h) => norm2(h),
    dualNorm: (s) => norm2(s),
    shifted(h, lambda) {
      const out = matrix(n, n, h.data.slice());
      for (let i = 0; i < n; i++) out.data[i * n + i] += lambda;
      return out;
    },
    whiten: (e) => matrix(e.rows, e.cols, e.data.slice()),
  };
}

export type MetricResult =
  | { readonly ok: true; readonly metric: Metric }
  | { readonly ok: false; readonly reason: 'not-positive-definite'; readonly pivot: number };

/** From this size on, a dense metric's triangular operations run in wasm (measured: 2× faster at n = 64, 8× at n = 200). */
const WASM_FACTOR_MIN_N = 48;

/** A metric from a dense SPD matrix B (full storage; the lower triangle is factored). */
export function denseMetric(b: Matrix): MetricResult {
  const n = b.rows;
  if (b.cols !== n) throw new RangeError(`denseMetric: B is ${n}×${b.cols}, not square`);
  const f = cholesky(b);
  if (!f.ok) return { ok: false, reason: f.reason, pivot: f.pivot };
  const { l } = f.factor;
  const bCopy = matrix(n, n, b.data.slice());
  const lowerTransposeTimes = (h: Float64Array, y: Float64Array = new Float64Array(n)): Float64Array => {
    for (let i = 0; i < n; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const ri = i * n;
      for (let k = 0; k <= i; k++) y[k] += l[ri + k] * hi;
    }
    return y;
  };
  // the same operations on L held in wasm memory, from the first use on (same rounding, see there)
  let onWasm: WasmFactorSolves | null | undefined = n >= WASM_FACTOR_MIN_N ? undefined : null;
  const wasm = (): WasmFactorSolves | null => (onWasm === undefined ? (onWasm = wasmFactorSolves(l, n)) : onWasm);
  // the JS paths of norm and dualNorm reduce Lᵀh or L⁻¹s to a number before they return and call
  // nothing that computes another: one scratch n-vector serves every call (same operations as on a fresh one)
  const work = new Float64Array(n);
  const zeroed = (): Float64Array => work.fill(0);
  const copyOf = (v: Float64Array) => (v.length === n ? (work.set(v), work) : v.slice());
  const metric: Metric = {
    n,
    isIdentity: false,
    factor: f.factor,
    dense: bCopy,
    matrix: () => matrix(n, n, bCopy.data.slice()),
    apply: (h) => multiplyLower(l, n, wasm()?.transposeTimes(h) ?? lowerTransposeTimes(h)),
    solve: (s) => wasm()?.solve(s) ?? solveLowerTransposeInPlace(l, n, solveLowerInPlace(l, n, s.slice())),
    norm: (h) => norm2(wasm()?.transposeTimes(h) ?? lowerTransposeTimes(h, zeroed())),
    dualNorm: (s) => norm2(wasm()?.forward(s) ?? solveLowerInPlace(l, n, copyOf(s))),
    shifted(h, lambda) {
      const out = matrix(n, n, h.data.slice());
      const bd = bCopy.data;
      for (let i = 0; i < out.data.length; i++) out.data[i] += lambda * bd[i];
      return out;
    },
    whiten(e) {
      if (e.rows !== n || e.cols !== n) throw new RangeError(`whiten: E is ${e.rows}×${e.cols}, metric is ${n}×${n}`);
      const x = solveLowerMatrixInPlace(l, n, e.data.slice(), n);
      const xt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) xt[j * n + i] = x[i * n + j];
      return matrix(n, n, solveLowerMatrixInPlace(l, n, xt, n));
    },
  };
  return { ok: true, metric };
}

/** ⟨B·h, h⟩ computed directly (for cross-checks against `norm`). */
export function metricQuadraticForm(b: Matrix, h: Float64Array): number {
  return dot(matVec(b, h), h);
}

/** ‖E‖ in the metric: max |eig(B^{-½}·E·B^{-½})| for symmetric E. */
export function metricOperatorNorm(e: Matrix, metric: Metric): number {
  const values = symmetricEigenvalues(metric.whiten(e));
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (Number.isNaN(a)) return NaN;
    if (a > m) m = a;
  }
  return m;
}

/** The smallest eigenvalue of B^{-½}·E·B^{-½} (λ_min of E relative to B). */
export function metricMinEigenvalue(e: Matrix, metric: Metric): number {
  const values = symmetricEigenvalues(metric.whiten(e));
  return values.length === 0 ? Infinity : values[0];
}
