import type { Decimal } from 'decimal.js';

/** Dense linear algebra in decimal.js arithmetic: the slow, high-precision reference for small n. */

export interface DecimalMatrix {
  readonly rows: number;
  readonly cols: number;
  /** row-major */
  readonly data: Decimal[];
}

export type DecimalCholesky = { readonly ok: true; readonly l: Decimal[]; readonly n: number } | { readonly ok: false; readonly pivot: number };

/** Cholesky–Crout on the lower triangle; a pivot ≤ 0 (at the working precision) fails. */
export function decimalCholesky(a: DecimalMatrix): DecimalCholesky {
  const n = a.rows;
  const l: Decimal[] = a.data.slice();
  const zero = a.data.length > 0 ? a.data[0].times(0) : undefined;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let s = l[i * n + j];
      for (let k = 0; k < j; k++) s = s.minus(l[i * n + k].times(l[j * n + k]));
      l[i * n + j] = s.div(l[j * n + j]);
    }
    let d = l[i * n + i];
    for (let k = 0; k < i; k++) d = d.minus(l[i * n + k].times(l[i * n + k]));
    if (!d.isFinite() || d.lte(0)) return { ok: false, pivot: i };
    l[i * n + i] = d.sqrt();
    for (let j = i + 1; j < n; j++) l[i * n + j] = zero as Decimal;
  }
  return { ok: true, l, n };
}

export function decimalSolveLower(l: readonly Decimal[], n: number, b: readonly Decimal[]): Decimal[] {
  const x = b.slice();
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s = s.minus(l[i * n + k].times(x[k]));
    x[i] = s.div(l[i * n + i]);
  }
  return x;
}

export function decimalSolveLowerTranspose(l: readonly Decimal[], n: number, b: readonly Decimal[]): Decimal[] {
  const x = b.slice();
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s = s.minus(l[k * n + i].times(x[k]));
    x[i] = s.div(l[i * n + i]);
  }
  return x;
}

/** L⁻¹·A·L⁻ᵀ for symmetric A. */
export function decimalWhiten(l: readonly Decimal[], n: number, a: DecimalMatrix): DecimalMatrix {
  const cols: Decimal[][] = [];
  for (let j = 0; j < n; j++) {
    const col: Decimal[] = [];
    for (let i = 0; i < n; i++) col.push(a.data[i * n + j]);
    cols.push(decimalSolveLower(l, n, col));
  }
  // cols[j] is column j of X = L⁻¹A; row j of Xᵀ = A·L⁻ᵀ is cols[j]; solve again column by column
  const out: Decimal[] = new Array(n * n);
  for (let j = 0; j < n; j++) {
    const col: Decimal[] = [];
    for (let i = 0; i < n; i++) col.push(cols[i][j]);
    const y = decimalSolveLower(l, n, col);
    for (let i = 0; i < n; i++) out[i * n + j] = y[i];
  }
  return { rows: n, cols: n, data: out };
}

/**
 * Eigenvalues of a symmetric matrix (lower triangle mirrored) by cyclic Jacobi rotations, ascending.
 * Rotation (Golub & Van Loan §8.5): θ = (a_qq − a_pp)/(2a_pq), t = sign(θ)/(|θ| + √(θ²+1)),
 * c = 1/√(t²+1), s = t·c zeroes a_pq. Stops when the off-diagonal mass is below 10^(−digits)·‖A‖_F.
 */
export function decimalJacobiEigenvalues(a: DecimalMatrix, digits: number): Decimal[] {
  const n = a.rows;
  if (n === 0) return [];
  const m: Decimal[][] = [];
  for (let i = 0; i < n; i++) {
    const row: Decimal[] = [];
    for (let j = 0; j < n; j++) row.push(i >= j ? a.data[i * n + j] : a.data[j * n + i]);
    m.push(row);
  }
  let frob = m[0][0].times(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) frob = frob.plus(m[i][j].times(m[i][j]));
  const tol = frob.times(`1e-${2 * digits}`);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = frob.times(0);
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = off.plus(m[p][q].times(m[p][q]));
    if (off.lte(tol)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p][q];
        if (apq.isZero()) continue;
        const theta = m[q][q].minus(m[p][p]).div(apq.times(2));
        const t = theta.isNeg()
          ? theta.abs().plus(theta.times(theta).plus(1).sqrt()).pow(-1).neg()
          : theta.abs().plus(theta.times(theta).plus(1).sqrt()).pow(-1);
        const c = t.times(t).plus(1).sqrt().pow(-1);
        const s = t.times(c);
        for (let r = 0; r < n; r++) {
          const arp = m[r][p];
          const arq = m[r][q];
          m[r][p] = c.times(arp).minus(s.times(arq));
          m[r][q] = s.times(arp).plus(c.times(arq));
        }
        for (let r = 0; r < n; r++) {
          const apr = m[p][r];
          const aqr = m[q][r];
          m[p][r] = c.times(apr).minus(s.times(aqr));
          m[q][r] = s.times(apr).plus(c.times(aqr));
        }
      }
    }
  }
  const values: Decimal[] = [];
  for (let i = 0; i < n; i++) values.push(m[i][i]);
  return values.sort((x, y) => x.comparedTo(y));
}
