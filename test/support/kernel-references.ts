import { exactFma } from './exact-fma.js';

/**
 * Scalar JS references of the two builds of the linalg module (assembly/), in the order of operations
 * the kernels perform: every multiply–accumulate of the factorization and of the rank-k updates is
 * c − a·b rounded twice (build 'simd') or once (build 'fma', by exactFma).
 */
export interface KernelReferences {
  /** Cholesky–Crout in place on the lower triangle; -1 or the first pivot that is ≤ 0 or not finite. */
  cholesky(a: Float64Array, n: number): number;
  /** C = Aᵀ·diag(d)·A (d null: I), both triangles: c_ij ← c_ij − p_ki·a_kj, p_ki = a_ki·(−d_k) (−a_ki for d = I), k ascending from 0, i ≥ j, mirrored. */
  rankK(a: Float64Array, m: number, n: number, d: Float64Array | null): Float64Array;
  /**
   * About row `top`: mean_j ← mean_j + dᵢ·(a_ij − a_top,j), i ≠ top ascending; rows rᵢ = (aᵢ − a_top) − mean
   * (row top: 0 − mean); then rankK of the rows.
   */
  centredRankK(a: Float64Array, m: number, n: number, d: Float64Array, top: number): Float64Array;
}

export function kernelReferences(build: 'simd' | 'fma'): KernelReferences {
  const mulSub = build === 'fma' ? (c: number, a: number, b: number): number => exactFma(-a, b, c) : (c: number, a: number, b: number): number => c - a * b;
  const mulAdd = build === 'fma' ? (c: number, a: number, b: number): number => exactFma(a, b, c) : (c: number, a: number, b: number): number => c + a * b;
  const rankK = (a: Float64Array, m: number, n: number, d: Float64Array | null): Float64Array => {
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let t = 0;
        for (let k = 0; k < m; k++) t = mulSub(t, d === null ? -a[k * n + i] : a[k * n + i] * -d[k], a[k * n + j]);
        c[i * n + j] = t;
        c[j * n + i] = t;
      }
    }
    return c;
  };
  return {
    cholesky(a, n) {
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        for (let j = 0; j < i; j++) {
          const rj = j * n;
          let s = a[ri + j];
          for (let k = 0; k < j; k++) s = mulSub(s, a[ri + k], a[rj + k]);
          a[ri + j] = s / a[rj + j];
        }
        let d = a[ri + i];
        for (let k = 0; k < i; k++) d = mulSub(d, a[ri + k], a[ri + k]);
        if (!(d > 0) || !Number.isFinite(d)) return i;
        a[ri + i] = Math.sqrt(d);
      }
      return -1;
    },
    rankK,
    centredRankK(a, m, n, d, top) {
      const mean = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        if (i === top) continue;
        for (let j = 0; j < n; j++) mean[j] = mulAdd(mean[j], d[i], a[i * n + j] - a[top * n + j]);
      }
      const rows = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) rows[i * n + j] = i === top ? 0 - mean[j] : a[i * n + j] - a[top * n + j] - mean[j];
      }
      return rankK(rows, m, n, d);
    },
  };
}
