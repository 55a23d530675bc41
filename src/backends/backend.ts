import type { Matrix } from '../linalg/matrix.js';
import type { Oracle } from '../problems/oracle.js';

/**
 * The seam between solvers and arithmetic. A solver is written once against `Backend<V, M>` and runs
 * on float64 (`cpu`), on arbitrary-precision decimals (`decimal`, the reference for tests), or — in a
 * later issue — on float32 tensors. Vectors `V` and matrices `M` are opaque to the solver: it builds
 * them from float64 data at the edges of a run and reads them back with `toFloat64`.
 * Scalars cross the seam as JS numbers; a higher-precision backend rounds them to nearest float64.
 * Every vector/matrix operation returns a new value and leaves its arguments unchanged. A backend
 * whose values live outside the JS heap (tensors) frees them when asked: values made inside `scoped`
 * are released at its end unless kept, and `release` frees one value (both no-ops elsewhere).
 */

export type BackendName = 'cpu' | 'decimal' | 'tfjs';

export interface Precision {
  readonly name: 'float64' | 'float32' | 'decimal';
  /** unit roundoff u of the arithmetic: 2⁻⁵³ for float64, 2⁻²⁴ for float32, ½·10^(1−digits) for decimal */
  readonly unitRoundoff: number;
  /** significant decimal digits carried */
  readonly digits: number;
}

export interface NotPositiveDefinite {
  readonly ok: false;
  readonly reason: 'not-positive-definite';
  /** index of the first pivot found not (numerically) positive */
  readonly pivot: number;
}

/** A metric ‖h‖ = ⟨Bh,h⟩^½, ‖s‖_* = ⟨s,B⁻¹s⟩^½ held in a backend's own representation. */
export interface BackendMetric<V> {
  readonly n: number;
  readonly isIdentity: boolean;
  norm(h: V): number;
  dualNorm(s: V): number;
  /** B·h */
  apply(h: V): V;
  /** B⁻¹·s */
  solve(s: V): V;
}

export type MetricFromMatrix<V> = { readonly ok: true; readonly metric: BackendMetric<V> } | NotPositiveDefinite;

export type RegularizedSolution<V> =
  | {
      readonly ok: true;
      readonly x: V;
      /** a bound on ‖(H + λB)x − rhs‖₂ the backend vouches for; 0 for a direct solve (rounding aside) */
      readonly residualBound: number;
    }
  | NotPositiveDefinite;

/**
 * (H + λB)·x = rhs for one H and one metric B and any number of shifts λ: a regularized Newton search
 * tries several λ with H and B unchanged, so what does not depend on λ is set up once, in
 * `prepareRegularized`. `solve(λ, rhs)` returns what `solveRegularized(h, λ, metric, rhs)` returns.
 * The system refers to `h` and the metric: neither may change while it is in use (backend values are
 * never modified by the backend's own operations).
 */
export interface RegularizedSystem<V> {
  readonly n: number;
  solve(lambda: number, rhs: V): RegularizedSolution<V>;
}

export interface Backend<V, M> {
  readonly name: BackendName;
  readonly precision: Precision;
  /** where and how the arithmetic runs, for results and reports (ends with the precision's name) */
  readonly arithmetic: string;
  /** why no GPU does this backend's arithmetic, or null when one does (`--require-gpu`) */
  readonly withoutGpu: string | null;
  /**
   * true when `metric.solve` and the regularized solves are direct factorizations (residuals at the
   * rounding level); false for iterative ones, whose callers measure the residuals they rely on
   */
  readonly directSolves: boolean;

  vector(values: ArrayLike<number>): V;
  matrix(a: Matrix): M;
  toFloat64(x: V): Float64Array;
  matrixToFloat64(a: M): Matrix;
  length(x: V): number;

  dot(x: V, y: V): number;
  norm2(x: V): number;
  add(x: V, y: V): V;
  sub(x: V, y: V): V;
  scale(a: number, x: V): V;
  /** a·x + y */
  axpy(a: number, x: V, y: V): V;

  matVec(a: M, x: V): V;
  matTVec(a: M, x: V): V;
  /** Aᵀ·diag(d)·A (d ≡ 1 when omitted) */
  symmetricRankK(a: M, d?: V): M;
  /** A + s·B */
  addScaled(a: M, s: number, b: M): M;

  identityMetric(n: number): BackendMetric<V>;
  metric(b: M): MetricFromMatrix<V>;
  /** H and B set up for solves of (H + λ·B)·x = rhs at several λ (see RegularizedSystem) */
  prepareRegularized(h: M, metric: BackendMetric<V>): RegularizedSystem<V>;
  /** x solving (H + λ·B)·x = rhs, or the report that H + λB is not positive definite: the one-shot
   * `prepareRegularized(h, metric).solve(lambda, rhs)` */
  solveRegularized(h: M, lambda: number, metric: BackendMetric<V>, rhs: V): RegularizedSolution<V>;
  /** λ_min(B^{-½}·A·B^{-½}) for symmetric A (B = I when no metric is given) */
  minEigenvalue(a: M, metric?: BackendMetric<V>): number;
  /** max |eig(B^{-½}·A·B^{-½})| for symmetric A: the operator norm ‖A‖ from ‖·‖ to ‖·‖_* */
  operatorNorm(a: M, metric?: BackendMetric<V>): number;

  /** `problem` evaluated in this backend's arithmetic for a run (see BoundOracle) */
  bindOracle(problem: Oracle): BoundOracle<V, M>;
  /** f(), then every value made during it is released except those passed to `keep` */
  scoped<T>(f: () => T): T;
  /** exempts a value made inside `scoped` from its release; returns it */
  keep<T extends V | M>(value: T): T;
  /** frees a value or a metric (not to be used again) */
  release(value: V | M | BackendMetric<V>): void;
}

/** A point of a run held both ways: the backend's vector and its exact value in float64 (x = toFloat64(v)). */
export interface BackendPoint<V> {
  readonly v: V;
  readonly x: Float64Array;
}

/** ∇f at a point, in float64 (exactly the backend's value) and as a backend vector. */
export interface BackendGradient<V> {
  readonly g: Float64Array;
  readonly v: V;
}

/**
 * f, ∇f and ∇²f of one problem as a backend evaluates them during a run. `native`: the backend
 * evaluates the function itself from the problem's data (oracle-structure.ts; e.g. on tensors, the
 * data uploaded once); otherwise the float64 oracle is called and its results cross into the backend.
 * Every call is counted on the problem when it counts its calls. `release` frees what it holds.
 */
export interface BoundOracle<V, M> {
  readonly native: boolean;
  f(p: BackendPoint<V>): number;
  grad(p: BackendPoint<V>): BackendGradient<V>;
  hess(p: BackendPoint<V>): M;
  /** whether this evaluates the very function of `oracle` (so that its ∇² is ∇² of `oracle`) */
  evaluates(oracle: Oracle): boolean;
  release(): void;
}

/** A backend whose vector and matrix types are not known at the call site. */
export type AnyBackend = Backend<any, any>;
