import { type KernelChoice, pickWasm } from './kernel-choice.js';
import { type Matrix, matrix, mirrorLowerInPlace } from './matrix.js';
import { loadWasmCentredRankKUpdate, loadWasmRankKUpdate } from './wasm/cholesky-wasm.js';

const ROW_BLOCK = 128;

/**
 * C = Aᵀ·diag(d)·A for A m×n (the Hessian of LogSumExp / logistic losses has this form), on the wasm
 * SIMD kernel by default. `d` may be omitted (d ≡ 1) and may contain negative weights. The result is
 * exactly symmetric.
 */
export function symmetricRankK(a: Matrix, d?: Float64Array, choice: KernelChoice = 'auto'): Matrix {
  if (d && d.length !== a.rows) throw new RangeError(`symmetricRankK: A has ${a.rows} rows, d has ${d.length}`);
  const wasm = pickWasm(choice, loadWasmRankKUpdate, 'rank-k update');
  if (!wasm) return symmetricRankKJs(a, d);
  const c = matrix(a.cols, a.cols);
  wasm(a.data, a.rows, a.cols, d ?? null, c.data);
  return c;
}

/**
 * C = Σᵢ dᵢ·rᵢ·rᵢᵀ with the rows of A centred about row `top`: rᵢ = (aᵢ − a_top) − mean,
 * mean = Σ_{j≠top} dⱼ(aⱼ − a_top). For weights d ≥ 0 summing to 1 this is the d-weighted covariance
 * Σᵢ dᵢ(aᵢ − ā)(aᵢ − ā)ᵀ, ā = Σdᵢaᵢ, formed so that it keeps its relative accuracy when d is
 * concentrated at `top` (the Hessian of LogSumExp). On the wasm kernel the centring is done while A
 * is packed, with no centred copy of A; either kernel gives the bits of `symmetricRankK` (same kernel)
 * applied to the centred rows.
 */
export function centredRankK(a: Matrix, d: Float64Array, top: number, choice: KernelChoice = 'auto'): Matrix {
  const { rows: m, cols: n } = a;
  if (d.length !== m) throw new RangeError(`centredRankK: A has ${m} rows, d has ${d.length}`);
  if (!Number.isInteger(top) || top < 0 || top >= m) throw new RangeError(`centredRankK: row ${top} of ${m}`);
  const wasm = pickWasm(choice, loadWasmCentredRankKUpdate, 'rank-k update');
  if (wasm) {
    const c = matrix(n, n);
    wasm(a.data, m, n, d, top, c.data);
    return c;
  }
  const A = a.data;
  const rows = matrix(m, n, A.slice());
  const t = top * n;
  const mean = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    if (i === top) continue;
    for (let j = 0; j < n; j++) {
      rows.data[i * n + j] -= A[t + j];
      mean[j] += d[i] * rows.data[i * n + j];
    }
  }
  rows.data.fill(0, t, t + n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) rows.data[i * n + j] -= mean[j];
  return symmetricRankKJs(rows, d);
}

/**
 * The JS reference of `symmetricRankK`.
 * Only the lower triangle is computed, in 2×2 register blocks over row blocks of A held transposed so
 * that every inner loop is contiguous; the upper triangle is then mirrored.
 */
export function symmetricRankKJs(a: Matrix, d?: Float64Array): Matrix {
  const { rows: m, cols: n } = a;
  if (d && d.length !== m) throw new RangeError(`symmetricRankK: A has ${m} rows, d has ${d.length}`);
  const c = matrix(n, n);
  const C = c.data;
  const A = a.data;
  const at = new Float64Array(n * ROW_BLOCK);
  const dat = new Float64Array(n * ROW_BLOCK);
  for (let i0 = 0; i0 < m; i0 += ROW_BLOCK) {
    const kb = Math.min(ROW_BLOCK, m - i0);
    for (let r = 0; r < kb; r++) {
      const row = (i0 + r) * n;
      const w = d ? d[i0 + r] : 1;
      for (let j = 0; j < n; j++) {
        const v = A[row + j];
        at[j * kb + r] = v;
        dat[j * kb + r] = w * v;
      }
    }
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const sj0 = j * kb;
      const sj1 = sj0 + kb;
      let k = 0;
      for (; k + 1 <= j; k += 2) {
        const tk0 = k * kb;
        const tk1 = tk0 + kb;
        let c00 = 0;
        let c01 = 0;
        let c10 = 0;
        let c11 = 0;
        for (let r = 0; r < kb; r++) {
          const x0 = dat[sj0 + r];
          const x1 = dat[sj1 + r];
          const y0 = at[tk0 + r];
          const y1 = at[tk1 + r];
          c00 += x0 * y0;
          c01 += x0 * y1;
          c10 += x1 * y0;
          c11 += x1 * y1;
        }
        C[j * n + k] += c00;
        C[j * n + k + 1] += c01;
        C[(j + 1) * n + k] += c10;
        C[(j + 1) * n + k + 1] += c11;
      }
      // k === j here when j is even: the 2×2 diagonal block, lower part only.
      if (k === j) {
        let c00 = 0;
        let c10 = 0;
        let c11 = 0;
        const tk0 = j * kb;
        const tk1 = tk0 + kb;
        for (let r = 0; r < kb; r++) {
          const x0 = dat[sj0 + r];
          const x1 = dat[sj1 + r];
          c00 += x0 * at[tk0 + r];
          c10 += x1 * at[tk0 + r];
          c11 += x1 * at[tk1 + r];
        }
        C[j * n + j] += c00;
        C[(j + 1) * n + j] += c10;
        C[(j + 1) * n + j + 1] += c11;
      }
    }
    if (j < n) {
      const sj = j * kb;
      for (let k = 0; k <= j; k++) {
        const tk = k * kb;
        let s = 0;
        for (let r = 0; r < kb; r++) s += dat[sj + r] * at[tk + r];
        C[j * n + k] += s;
      }
    }
  }
  return mirrorLowerInPlace(c);
}
