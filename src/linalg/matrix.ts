/**
 * Dense float64 matrices, row-major: entry (i, j) of an m×n matrix is `data[i * n + j]`.
 * Square symmetric matrices are stored in full; kernels that exploit symmetry say which triangle
 * they read and write.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix: bad shape ${rows}×${cols}`);
  }
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) {
    throw new RangeError(`matrix: ${rows}×${cols} needs ${rows * cols} entries, got ${d.length}`);
  }
  return { rows, cols, data: d };
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  const out = matrix(m, n);
  for (let i = 0; i < m; i++) {
    if (rows[i].length !== n) throw new RangeError(`fromRows: row ${i} has ${rows[i].length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) out.data[i * n + j] = rows[i][j];
  }
  return out;
}

export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

export function copyMatrix(a: Matrix): Matrix {
  return matrix(a.rows, a.cols, a.data.slice());
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  const { rows: m, cols: n } = a;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.data[j * m + i] = a.data[i * n + j];
  return out;
}

/** y = A·x */
export function matVec(a: Matrix, x: Float64Array, y: Float64Array = new Float64Array(a.rows)): Float64Array {
  const { rows: m, cols: n, data } = a;
  if (x.length !== n) throw new RangeError(`matVec: A is ${m}×${n}, x has ${x.length}`);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      s0 += data[row + j] * x[j];
      s1 += data[row + j + 1] * x[j + 1];
    }
    if (j < n) s0 += data[row + j] * x[j];
    y[i] = s0 + s1;
  }
  return y;
}

/** y = Aᵀ·x */
export function matTVec(a: Matrix, x: Float64Array, y: Float64Array = new Float64Array(a.cols)): Float64Array {
  const { rows: m, cols: n, data } = a;
  if (x.length !== m) throw new RangeError(`matTVec: A is ${m}×${n}, x has ${x.length}`);
  y.fill(0);
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) y[j] += xi * data[row + j];
  }
  return y;
}

/** C = A·B (i-k-j loop order: unit stride on B and C). */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matMul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  const { rows: m, cols: p } = a;
  const n = b.cols;
  const c = matrix(m, n);
  const A = a.data;
  const B = b.data;
  const C = c.data;
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let k = 0; k < p; k++) {
      const aik = A[i * p + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j] += aik * B[bk + j];
    }
  }
  return c;
}

/** A ← (A + Aᵀ)/2 in place; returns A. */
export function symmetrizeInPlace(a: Matrix): Matrix {
  const { rows: n, cols, data } = a;
  if (n !== cols) throw new RangeError(`symmetrize: matrix is ${n}×${cols}, not square`);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (data[i * n + j] + data[j * n + i]);
      data[i * n + j] = v;
      data[j * n + i] = v;
    }
  }
  return a;
}

/** Copy the lower triangle onto the upper one. */
export function mirrorLowerInPlace(a: Matrix): Matrix {
  const n = a.rows;
  const d = a.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) d[j * n + i] = d[i * n + j];
  return a;
}

/** max |aᵢⱼ − aⱼᵢ| / max |aᵢⱼ| (0 for the zero matrix). */
export function asymmetry(a: Matrix): number {
  const n = a.rows;
  const d = a.data;
  let worst = 0;
  let big = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      big = Math.max(big, Math.abs(d[i * n + j]));
      if (j > i) worst = Math.max(worst, Math.abs(d[i * n + j] - d[j * n + i]));
    }
  }
  return big === 0 ? 0 : worst / big;
}

/** A + s·B for square matrices of one size, into a new matrix. */
export function addScaled(a: Matrix, s: number, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError('addScaled: shapes differ');
  const out = matrix(a.rows, a.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i] + s * b.data[i];
  return out;
}

/** Frobenius norm. */
export function frobeniusNorm(a: Matrix): number {
  let big = 0;
  for (let i = 0; i < a.data.length; i++) big = Math.max(big, Math.abs(a.data[i]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const t = a.data[i] / big;
    s += t * t;
  }
  return big * Math.sqrt(s);
}

/** Induced ∞-norm: max row sum of |aᵢⱼ|. */
export function normInfMatrix(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += Math.abs(a.data[i * a.cols + j]);
    m = Math.max(m, s);
  }
  return m;
}
