/**
 * Dense symmetric eigensolver: Householder reduction to tridiagonal form followed by the implicit
 * QL algorithm with Wilkinson-type shifts (the EISPACK tred2/tql2 scheme: Bowdler, Martin, Reinsch
 * and Wilkinson, Numer. Math. 11 (1968) 181–195 and 293–306; Wilkinson & Reinsch, Handbook for
 * Automatic Computation II, contributions II/2 and II/3), O(n³).
 *
 * Only the lower triangle (diagonal included) of the input is read; the strictly upper triangle is
 * ignored, whatever it holds. The input is never modified.
 *
 * The result is normwise backward stable: the computed eigenvalues are the exact eigenvalues of
 * A + E with ‖E‖ = O(n·u·‖A‖), so each eigenvalue is accurate to O(n·u·‖A‖) absolutely (not
 * relatively: tiny eigenvalues of a graded matrix carry the same absolute error as large ones).
 *
 * A matrix with a NaN or ±Infinity in its lower triangle gives NaN eigenvalues (and NaN
 * eigenvectors). If the QL iteration does not converge within 30·n QL steps in total, the same
 * all-NaN result is returned. A finite matrix whose eigenvalues exceed the float64 range gives
 * ±Infinity for those eigenvalues.
 */
import { matrix, type Matrix } from './matrix.js';

export interface SymmetricEigenResult {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** When requested: n×n row-major matrix whose column j is a unit eigenvector for `values[j]`. */
  readonly vectors?: Matrix;
}

const EPS = Number.EPSILON;

/**
 * Eigen-decomposition A = V·diag(λ)·Vᵀ of the symmetric matrix whose lower triangle is stored in
 * `a`. Eigenvalues ascending; with `vectors: true`, V (orthogonal, eigenvectors in its columns).
 * Throws RangeError if `a` is not square.
 */
export function symmetricEigen(a: Matrix, options?: { vectors?: boolean }): SymmetricEigenResult {
  const wantVectors = options?.vectors === true;
  const n = checkSquare(a, 'symmetricEigen');
  const d = new Float64Array(n);
  if (n === 0) return wantVectors ? { values: d, vectors: matrix(0, 0) } : { values: d };

  const prep = prepare(a);
  if (prep === null) return failure(n, wantVectors);
  const { w, exponent } = prep;
  const e = new Float64Array(n);
  tridiagonalize(w, n, d, e, wantVectors);
  if (!tql(d, e, n, wantVectors ? w : null)) return failure(n, wantVectors);
  for (let i = 0; i < n; i++) if (Number.isNaN(d[i])) return failure(n, wantVectors);

  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = unscale(d[order[j]], exponent);
  if (!wantVectors) return { values };
  const v = matrix(n, n);
  const vd = v.data;
  for (let j = 0; j < n; j++) {
    const src = order[j] * n;
    for (let r = 0; r < n; r++) vd[r * n + j] = w[src + r];
  }
  return { values, vectors: v };
}

/** Eigenvalues only (ascending), without accumulating the transformations. */
export function symmetricEigenvalues(a: Matrix): Float64Array {
  return symmetricEigen(a).values;
}

/** Smallest eigenvalue; +Infinity for the 0×0 matrix, NaN when the eigenvalues are NaN. */
export function minEigenvalue(a: Matrix): number {
  const values = symmetricEigenvalues(a);
  return values.length === 0 ? Infinity : values[0];
}

/** max |λ| = ‖A‖₂ for symmetric A; 0 for the 0×0 matrix, NaN when the eigenvalues are NaN. */
export function maxAbsEigenvalue(a: Matrix): number {
  const values = symmetricEigenvalues(a);
  const n = values.length;
  if (n === 0) return 0;
  const lo = Math.abs(values[0]);
  const hi = Math.abs(values[n - 1]);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return NaN;
  return Math.max(lo, hi);
}

/**
 * λ_min ≥ −relTol·max|λ|. False when the eigenvalues are NaN (non-finite input); true for 0×0.
 * Throws RangeError if relTol is negative or not finite.
 */
export function isPositiveSemidefinite(a: Matrix, relTol = 0): boolean {
  if (!(relTol >= 0) || !Number.isFinite(relTol)) {
    throw new RangeError(`isPositiveSemidefinite: relTol must be finite and ≥ 0, got ${relTol}`);
  }
  const values = symmetricEigenvalues(a);
  const n = values.length;
  if (n === 0) return true;
  const lo = values[0];
  const big = Math.max(Math.abs(lo), Math.abs(values[n - 1]));
  return lo >= -relTol * big;
}

function checkSquare(a: Matrix, who: string): number {
  if (a.rows !== a.cols) throw new RangeError(`${who}: matrix is ${a.rows}×${a.cols}, not square`);
  if (a.data.length !== a.rows * a.cols) {
    throw new RangeError(`${who}: ${a.rows}×${a.cols} matrix has ${a.data.length} entries`);
  }
  return a.rows;
}

function failure(n: number, wantVectors: boolean): SymmetricEigenResult {
  const values = new Float64Array(n).fill(NaN);
  if (!wantVectors) return { values };
  return { values, vectors: matrix(n, n, new Float64Array(n * n).fill(NaN)) };
}

/**
 * Working array w with w[c·n + r] = V(r, c) (V column-major), lower triangle V(r, c), r ≥ c, set
 * to 2^exponent·A(r, c), where the power of two brings max |A(r, c)| into [1, 2). Null if the lower
 * triangle holds a non-finite entry.
 */
function prepare(a: Matrix): { w: Float64Array; exponent: number } | null {
  const n = a.rows;
  const src = a.data;
  let big = 0;
  for (let r = 0; r < n; r++) {
    const row = r * n;
    for (let c = 0; c <= r; c++) {
      const x = Math.abs(src[row + c]);
      if (!(x <= Number.MAX_VALUE)) return null;
      if (x > big) big = x;
    }
  }
  const exponent = big === 0 ? 0 : -Math.floor(Math.log2(big));
  const s1 = 2 ** Math.trunc(exponent / 2);
  const s2 = 2 ** (exponent - Math.trunc(exponent / 2));
  const w = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const row = r * n;
    for (let c = 0; c <= r; c++) w[c * n + r] = src[row + c] * s1 * s2;
  }
  return { w, exponent };
}

function unscale(x: number, exponent: number): number {
  const half = Math.trunc(-exponent / 2);
  return x * 2 ** half * 2 ** (-exponent - half);
}

/**
 * tred2. On entry the lower triangle of V (w[c·n + r] = V(r, c), r ≥ c) holds the symmetric
 * matrix. On exit d is the diagonal and e[1..n−1] the subdiagonal (e[i] couples i−1 and i, e[0] = 0)
 * of T = Qᵀ·A·Q; with `accumulate`, V = Q. The Householder vector of step i is kept in V(0..i−1, i)
 * and its h in d[i] until the accumulation.
 */
function tridiagonalize(w: Float64Array, n: number, d: Float64Array, e: Float64Array, accumulate: boolean): void {
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];

  for (let i = n - 1; i > 0; i--) {
    const ci = i * n;
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        const cj = j * n;
        d[j] = w[cj + i - 1];
        w[cj + i] = 0;
        w[ci + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;

      // e[0..i−1] ← A₍ᵢ₎·u over the leading i×i block (lower triangle of V), u = d[0..i−1].
      for (let j = 0; j < i; j++) {
        const cj = j * n;
        f = d[j];
        w[ci + j] = f;
        g = e[j] + w[cj + j] * f;
        for (let k = j + 1; k < i; k++) {
          const vkj = w[cj + k];
          g += vkj * d[k];
          e[k] += vkj * f;
        }
        e[j] = g;
      }
      // p = A·u/h, K = uᵀp/(2h), q = p − K·u, A ← A − u·qᵀ − q·uᵀ.
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        const cj = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k < i; k++) w[cj + k] -= f * e[k] + g * d[k];
        d[j] = w[cj + i - 1];
        w[cj + i] = 0;
      }
    }
    d[i] = h;
  }

  if (!accumulate) {
    for (let j = 0; j < n; j++) d[j] = w[j * n + j];
    e[0] = 0;
    return;
  }

  // Q = H_{n−1}···H_1 applied from the smallest block outwards; V(n−1, i) parks the diagonal of T.
  for (let i = 0; i < n - 1; i++) {
    const ci = i * n;
    const ci1 = (i + 1) * n;
    w[ci + n - 1] = w[ci + i];
    w[ci + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[ci1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[ci1 + k] * w[cj + k];
        for (let k = 0; k <= i; k++) w[cj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[ci1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * tql2: implicit QL with shifts on the tridiagonal (d, e from `tridiagonalize`); on exit d holds the
 * eigenvalues (unsorted) and, when w is given, column j of V (row j of w) the eigenvector of d[j].
 * Deflation when |e[m]| ≤ ε·max_i(|d_i| + |e_i|) of the initial T (ε = 2^−52). False if the
 * iteration cap hits.
 * Invariant making the unscaled √(p² + q²) safe: max |A(r, c)| ∈ [1, 2) (see `prepare`), so
 * ‖T‖₂ < 2n, max_i(|d_i| + |e_i|) ≥ ‖T‖₂/2 ≥ 1/2, every active |e[i]| > ε/2, the shift quotient
 * |p| < 4n/ε and every other p is O(n): no square overflows, and none that matters underflows.
 */
function tql(d: Float64Array, e: Float64Array, n: number, w: Float64Array | null): boolean {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;

  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]) + Math.abs(e[i]));
  const tol = EPS * tnorm;
  const maxIterations = 30 * n;
  let iterations = 0;
  let f = 0;

  for (let l = 0; l < n; l++) {
    let m = l;
    while (m < n - 1 && !(Math.abs(e[m]) <= tol)) m++;

    if (m > l) {
      do {
        if (++iterations > maxIterations) return false;
        // Shift: eigenvalue of the leading 2×2 block of T[l..m] nearer d[l].
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        p = d[m];
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (w !== null) {
            const a = (i + 1) * n;
            const b = i * n;
            for (let k = 0; k < n; k++) {
              const t = w[a + k];
              w[a + k] = s * w[b + k] + c * t;
              w[b + k] = c * w[b + k] - s * t;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > tol);
    }
    d[l] += f;
    e[l] = 0;
  }
  return true;
}

function ascendingOrder(d: Float64Array): Int32Array {
  const n = d.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => d[x] - d[y] || x - y);
  return order;
}
