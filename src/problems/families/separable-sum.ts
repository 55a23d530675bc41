import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { symmetricEigenvalues } from '../../linalg/eigen.js';
import { cholesky } from '../../linalg/cholesky.js';
import { gaussian, rng } from '../../random/prng.js';
import { InstanceError } from '../family.js';
import type { Membership } from '../certificate.js';
import type { Instance, InstanceName, MetricSpec } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { gaussianVector } from './random-data.js';

/** A scalar function ψ with its first three derivatives. */
export interface ScalarPiece {
  value(s: number): number;
  d1(s: number): number;
  d2(s: number): number;
  d3(s: number): number;
}

/** Data of f(x) = Σᵢ wᵢ ψ(⟨aᵢ, x⟩ − bᵢ): A (m×n, rows aᵢ), b, weights w > 0. */
export interface LinearFormData {
  readonly a: Matrix;
  readonly b: Float64Array;
  readonly w: Float64Array;
}

/**
 * The oracle of f(x) = Σᵢ wᵢ ψ(sᵢ), s = Ax − b: ∇f = Aᵀ(w∘ψ'(s)), ∇²f = Aᵀdiag(w∘ψ''(s))A,
 * D³f(x)[v, v] = Aᵀ(w∘ψ'''(s)∘(Av)²).
 */
export function separableSumOracle(data: LinearFormData, psi: ScalarPiece): Oracle {
  const { a, b, w } = data;
  const m = a.rows;
  // A is referenced, not copied: it must not change while the oracle is in use
  const products = denseProducts(a);
  // s = Ax − b and Av of one call, reduced to a number, a gradient, a Hessian or a product before it returns
  const sWork = new Float64Array(m);
  const avWork = new Float64Array(m);
  const residual = (x: Float64Array): Float64Array => {
    const s = products.times(x, sWork);
    for (let i = 0; i < m; i++) s[i] -= b[i];
    return s;
  };
  /** s ← w∘d(s), in place */
  const weighted = (s: Float64Array, d: (s: number) => number): Float64Array => {
    for (let i = 0; i < m; i++) s[i] = w[i] * d(s[i]);
    return s;
  };
  return {
    dim: a.cols,
    f(x) {
      const s = residual(x);
      let total = 0;
      for (let i = 0; i < m; i++) total += w[i] * psi.value(s[i]);
      return total;
    },
    grad: (x) => products.transposeTimes(weighted(residual(x), psi.d1)),
    hess: (x) => products.gram(weighted(residual(x), psi.d2)),
    hvp(x, v) {
      const c = weighted(residual(x), psi.d2);
      const av = products.times(v, avWork);
      for (let i = 0; i < m; i++) c[i] *= av[i];
      return products.transposeTimes(c);
    },
    third(x, v) {
      const c = weighted(residual(x), psi.d3);
      const av = products.times(v, avWork);
      for (let i = 0; i < m; i++) c[i] *= av[i] * av[i];
      return products.transposeTimes(c);
    },
  };
}

/** Rows of A: independent N(0, 1/n) entries, or orthonormal rows (m ≤ n) scaled by factors in [½, 2]. */
export type RowKind = 'gaussian' | 'orthogonal';

export function randomRows(kind: RowKind, m: number, n: number, next: () => number): Matrix {
  const a = matrix(m, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] = gaussian(next) / Math.sqrt(n);
  if (kind === 'gaussian') return a;
  if (m > n) throw new RangeError(`orthogonal rows need m ≤ n, got m = ${m}, n = ${n}`);
  for (let i = 0; i < m; i++) {
    const row = a.data.subarray(i * n, (i + 1) * n);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const prev = a.data.subarray(j * n, (j + 1) * n);
        let c = 0;
        for (let k = 0; k < n; k++) c += row[k] * prev[k];
        for (let k = 0; k < n; k++) row[k] -= c * prev[k];
      }
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += row[k] * row[k];
    s = Math.sqrt(s);
    for (let k = 0; k < n; k++) row[k] /= s;
  }
  for (let i = 0; i < m; i++) {
    const c = 0.5 * 4 ** next();
    for (let k = 0; k < n; k++) a.data[i * n + k] *= c;
  }
  return a;
}

/** weights uniform in [½, 1] */
export function randomWeights(m: number, next: () => number): Float64Array {
  return Float64Array.from({ length: m }, () => 0.5 + 0.5 * next());
}

/** b = A·x (a consistent right-hand side), by the product the oracle of A takes: s = Ax − b = 0 at x */
export function consistentOffset(a: Matrix, x: Float64Array): Float64Array {
  return denseProducts(a).times(x);
}

/** Σᵢ cᵢ aᵢaᵢᵀ for the rows aᵢ of A */
export function weightedGram(a: Matrix, c?: Float64Array): Matrix {
  return symmetricRankK(a, c, 'js');
}

export function largestEigenvalue(s: Matrix): number {
  const v = symmetricEigenvalues(s);
  return v[v.length - 1];
}

export function smallestEigenvalue(s: Matrix): number {
  return symmetricEigenvalues(s)[0];
}

export function rowNorms(a: Matrix): Float64Array {
  const n = a.cols;
  return Float64Array.from({ length: a.rows }, (_, i) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += a.data[i * n + k] ** 2;
    return Math.sqrt(s);
  });
}

export function maxOf(v: Float64Array): number {
  let m = -Infinity;
  for (const x of v) m = Math.max(m, x);
  return m;
}

export function minOf(v: Float64Array): number {
  let m = Infinity;
  for (const x of v) m = Math.min(m, x);
  return m;
}

/** 'gram': B = AᵀA (A of full column rank); 'identity': B = I */
export type MetricChoice = 'gram' | 'identity';

export const ROW_KINDS = ['gaussian', 'orthogonal'] as const satisfies readonly RowKind[];
export const METRIC_CHOICES = ['gram', 'identity'] as const satisfies readonly MetricChoice[];

/** The parameters of a layout with m = n + extraRows rows. */
export const LAYOUT_PARAMS = {
  metric: { kind: 'choice', default: 'gram', choices: METRIC_CHOICES },
  rows: { kind: 'choice', default: 'gaussian', choices: ROW_KINDS },
  extraRows: { kind: 'number', default: 0, min: -1000, max: 4, integer: true },
} as const;

/** m = n + extraRows, when the layout can be built with that many rows. */
export function layoutRows(n: number, extraRows: number, metric: MetricChoice, rows: RowKind): number {
  const m = n + extraRows;
  if (m < 1) throw new InstanceError('extraRows', `leaves m = n + extraRows = ${m} < 1 rows`);
  if (metric === 'gram' && m < n) throw new InstanceError('extraRows', `B = AᵀA needs m ≥ n, got extraRows = ${extraRows} < 0`);
  if (rows === 'orthogonal' && m > n) throw new InstanceError('extraRows', `orthogonal rows need m ≤ n, got extraRows = ${extraRows} > 0`);
  return m;
}

/** An extraRows that `layoutRows` accepts for this layout, from a random extra ∈ {0, 1, 2}. */
export function buildableExtraRows(dim: number, metric: MetricChoice, rows: RowKind, extra: number): number {
  return rows === 'orthogonal' ? (metric === 'gram' ? 0 : -Math.min(extra, dim - 1)) : metric === 'gram' ? extra : Math.max(1 - dim, extra - 1);
}

export interface LinearFormSetup {
  readonly data: LinearFormData;
  /** AᵀA */
  readonly gram: Matrix;
  readonly metric: MetricSpec;
  readonly x0: Float64Array;
  /** the planted point with A·x̄ = b (b computed from it, so the oracle sees Ax̄ − b = 0 exactly) */
  readonly xBar: Float64Array;
}

/**
 * Random data for a sum of functions of linear forms, from a seed: rows of the given kind, weights
 * in [½, 1], b = A·x̄ with x̄ ~ N(0, I/n), and x0 = x̄ + N(0, I/n).
 */
export function linearFormSetup(rows: RowKind, m: number, n: number, metric: MetricChoice, seed: number): LinearFormSetup {
  const next = rng(seed);
  const a = randomRows(rows, m, n, next);
  const w = randomWeights(m, next);
  const xBar = gaussianVector(n, next, 1 / Math.sqrt(n));
  const b = consistentOffset(a, xBar);
  const x0 = xBar.map((v) => v + gaussian(next) / Math.sqrt(n));
  const gram = weightedGram(a);
  if (metric === 'gram' && !cholesky(gram).ok) throw new InstanceError('seed', 'AᵀA is numerically singular for this seed');
  return {
    data: { a, b, w },
    gram,
    metric: metric === 'gram' ? { kind: 'dense', B: gram } : { kind: 'identity' },
    x0,
    xBar,
  };
}

/**
 * An instance of a convex sum with ψ ≥ 0 = ψ(0); f* = 0 is stated for m ≤ n, where Ax = b has an
 * exact solution. For a square invertible A (AᵀA factors) and ψ strictly convex, x̄ is the unique
 * minimizer and is stated as x*.
 */
export function convexPowerSumInstance(name: InstanceName, setup: LinearFormSetup, oracle: Oracle, memberships: Membership[]): Instance {
  return {
    name,
    problem: counted(oracle),
    metric: setup.metric,
    x0: setup.x0,
    certificate: {
      convexity: 'convex',
      convexityHow: 'a nonnegative combination of convex functions (ψ convex) of affine maps',
      memberships,
      ...(setup.data.a.rows <= setup.data.a.cols ? { fStar: 0 } : {}),
      ...(uniquePlantedMinimizer(setup) ? { xStar: setup.xBar } : {}),
    },
  };
}

/** A square with AᵀA numerically positive definite: Ax = b has the single solution x̄. */
export function uniquePlantedMinimizer(setup: LinearFormSetup): boolean {
  return setup.data.a.rows === setup.data.a.cols && cholesky(setup.gram).ok;
}
