import fc from 'fast-check';
import { type Matrix, matrix, symmetrizeInPlace } from '../../src/linalg/matrix.js';
import { gaussian, rng } from '../../src/random/prng.js';

export { gaussian, rng };

export function randomVector(n: number, next: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => gaussian(next));
}

export function randomMatrix(rows: number, cols: number, next: () => number): Matrix {
  return matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => gaussian(next)));
}

/** A random orthogonal matrix: a product of n Householder reflections of Gaussian vectors. */
export function randomOrthogonal(n: number, next: () => number): Matrix {
  const q = matrix(n, n);
  for (let i = 0; i < n; i++) q.data[i * n + i] = 1;
  for (let r = 0; r < n; r++) {
    const v = randomVector(n, next);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    // Q ← Q·(I − 2vvᵀ/vᵀv)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q.data[i * n + k] * v[k];
      const f = (2 * s) / vv;
      for (let k = 0; k < n; k++) q.data[i * n + k] -= f * v[k];
    }
  }
  return q;
}

/** Q·diag(d)·Qᵀ, symmetrized. */
export function withEigenvalues(d: ArrayLike<number>, q: Matrix): Matrix {
  const n = d.length;
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q.data[i * n + k] * d[k] * q.data[j * n + k];
      a.data[i * n + j] = s;
      a.data[j * n + i] = s;
    }
  }
  return symmetrizeInPlace(a);
}

/** Eigenvalues spread log-uniformly over [1/κ, 1] with both ends attained (n ≥ 2), times `scale`. */
export function spectrumWithCondition(n: number, logCond: number, scale: number, next: () => number): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i === 0 ? 0 : i === n - 1 ? 1 : next();
    d[i] = scale * 10 ** (-logCond * t);
  }
  return d;
}

/** L·diag(d)·Lᵀ with L unit lower triangular: leading minors have the signs of the prefix products of d. */
export function withPivots(d: ArrayLike<number>, next: () => number): Matrix {
  const n = d.length;
  const l = matrix(n, n);
  for (let i = 0; i < n; i++) {
    l.data[i * n + i] = 1;
    for (let j = 0; j < i; j++) l.data[i * n + j] = gaussian(next) / Math.sqrt(n);
  }
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += l.data[i * n + k] * d[k] * l.data[j * n + k];
      a.data[i * n + j] = s;
      a.data[j * n + i] = s;
    }
  }
  return a;
}

export interface SpdCase {
  readonly n: number;
  readonly logCond: number;
  readonly scale: number;
  readonly seed: number;
}

/** Arbitrary of SPD test cases: dimension, log10 of the condition number, overall scale, seed. */
export function spdCase(maxN = 64, maxLogCond = 10): fc.Arbitrary<SpdCase> {
  return fc.record({
    n: fc.integer({ min: 1, max: maxN }),
    logCond: fc.double({ min: 0, max: maxLogCond, noNaN: true }),
    scale: fc.constantFrom(1, 1e-8, 1e8, 3.7),
    seed: fc.integer(),
  });
}

export function buildSpd(c: SpdCase): Matrix {
  const next = rng(c.seed);
  return withEigenvalues(spectrumWithCondition(c.n, c.logCond, c.scale, next), randomOrthogonal(c.n, next));
}

/** Symmetric with entries uniform in [−½, ½) and n/2 + 1 added to the diagonal: diagonally dominant, so SPD; O(n²). */
export function diagonallyDominantSpd(n: number, next: () => number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = next() - 0.5 + (i === j ? 0.5 * n + 1 : 0);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}
