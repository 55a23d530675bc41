/**
 * The contract every Cholesky kernel (plain JS here, WebAssembly SIMD in `wasm/`) fulfils.
 *
 * `factor(a, n)` reads the lower triangle of the row-major n×n matrix `a` and overwrites it with the
 * lower-triangular factor L (A = L·Lᵀ), diagonal included. Entries above the diagonal are left as
 * they were. It returns -1 on success, or the index k of the first pivot that is ≤ 0 or not finite;
 * then `a` holds garbage below the diagonal. No exception is thrown for a matrix that is not positive
 * definite.
 */
export interface CholeskyKernel {
  readonly name: 'js' | 'wasm';
  factor(a: Float64Array, n: number): number;
}

/**
 * Reference kernel: row-oriented Cholesky–Crout. Row i of L is formed from dot products of row i
 * with the rows j < i already done, so every inner loop runs over contiguous memory.
 *   L[i][j] = (A[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j],   L[i][i] = √(A[i][i] − Σ_{k<i} L[i][k]²)
 */
export const jsCholeskyKernel: CholeskyKernel = {
  name: 'js',
  factor(a: Float64Array, n: number): number {
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j < i; j++) {
        const rj = j * n;
        let s = a[ri + j];
        for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
        a[ri + j] = s / a[rj + j];
      }
      let d = a[ri + i];
      for (let k = 0; k < i; k++) d -= a[ri + k] * a[ri + k];
      if (!(d > 0) || !Number.isFinite(d)) return i;
      a[ri + i] = Math.sqrt(d);
    }
    return -1;
  },
};
