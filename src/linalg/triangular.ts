/**
 * Triangular solves with a lower-triangular factor L stored row-major in an n×n array (entries above
 * the diagonal are ignored). All solves are in place on the right-hand side.
 */

/** b ← L⁻¹·b (forward substitution; row i of L is contiguous; four partial sums hide FP latency). */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s0 = b[i];
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      s0 -= l[ri + k] * b[k];
      s1 -= l[ri + k + 1] * b[k + 1];
      s2 -= l[ri + k + 2] * b[k + 2];
      s3 -= l[ri + k + 3] * b[k + 3];
    }
    for (; k < i; k++) s0 -= l[ri + k] * b[k];
    b[i] = (s0 + s1 + (s2 + s3)) / l[ri + i];
  }
  return b;
}

/** b ← L⁻ᵀ·b (back substitution, column-oriented so that row i of L is read contiguously). */
export function solveLowerTransposeInPlace(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const x = b[i] / l[ri + i];
    b[i] = x;
    if (x === 0) continue;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      b[k] -= l[ri + k] * x;
      b[k + 1] -= l[ri + k + 1] * x;
      b[k + 2] -= l[ri + k + 2] * x;
      b[k + 3] -= l[ri + k + 3] * x;
    }
    for (; k < i; k++) b[k] -= l[ri + k] * x;
  }
  return b;
}

/** y = L·x for the lower triangle of l. */
export function multiplyLower(l: Float64Array, n: number, x: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[ri + k] * x[k];
    y[i] = s;
  }
  return y;
}

/** X ← L⁻¹·X for a row-major n×m right-hand side X (all columns at once, row-contiguous updates). */
export function solveLowerMatrixInPlace(l: Float64Array, n: number, x: Float64Array, m: number): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const xi = i * m;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const xk = k * m;
      for (let j = 0; j < m; j++) x[xi + j] -= lik * x[xk + j];
    }
    const d = l[ri + i];
    for (let j = 0; j < m; j++) x[xi + j] /= d;
  }
  return x;
}

/**
 * L⁻¹ of a lower-triangular L (row-major; the result is lower triangular too), column by column:
 * for column j, x_j = 1/L_jj and x_i = −(Σ_{k=j}^{i−1} L_ik x_k)/L_ii for i > j (n³/6 multiply-adds).
 * For backends without triangular solves, which apply the factor's inverse as a matrix.
 */
export function lowerInverse(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    x[j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = 0;
      for (let k = j; k < i; k++) s += l[ri + k] * x[k];
      x[i] = -s / l[ri + i];
    }
    for (let i = j; i < n; i++) out[i * n + j] = x[i];
  }
  return out;
}
