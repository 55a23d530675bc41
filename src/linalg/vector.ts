/** Dense float64 vector kernels. Every function reads `n = x.length` unless told otherwise. */

export function dot(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
  }
  if (i < n) s0 += x[i] * y[i];
  return s0 + s1;
}

/** y ← a·x + y */
export function axpy(a: number, x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] += a * x[i];
  return y;
}

/** x ← a·x */
export function scale(a: number, x: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) x[i] *= a;
  return x;
}

/** a·x + b·y into a new vector. */
export function linearCombination(a: number, x: Float64Array, b: number, y: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a * x[i] + b * y[i];
  return out;
}

/** Euclidean norm, scaled so that it neither overflows nor underflows (LAPACK dnrm2 idea). */
export function norm2(x: Float64Array): number {
  const big = normInf(x);
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] / big;
    s += t * t;
  }
  return big * Math.sqrt(s);
}

/** max |xᵢ|; NaN if any entry is NaN. */
export function normInf(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || Number.isNaN(a)) m = a;
    if (Number.isNaN(m)) return NaN;
  }
  return m;
}

export function norm1(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}

export function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
