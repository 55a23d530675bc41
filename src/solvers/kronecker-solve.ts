import { symmetricEigen } from '../linalg/eigen.js';
import { type Matrix, matMul, matrix, transpose } from '../linalg/matrix.js';

/**
 * A Kronecker-factored block L ⊗ R acting on a layer's weights G (rows × cols, row-major) as
 * (L ⊗ R)vec(G) = vec(L·G·R), held in its factors' eigenbases L = P·diag(l)·Pᵀ, R = Q·diag(r)·Qᵀ so that
 * every damping μ is solved without refactoring (K-FAC, Martens & Grosse 2015; docs/theory.md#natural-gradient-methods).
 */
export interface KroneckerEigenbasis {
  readonly rows: number;
  readonly cols: number;
  readonly leftVectors: Matrix;
  readonly leftValues: Float64Array;
  readonly rightVectors: Matrix;
  readonly rightValues: Float64Array;
  /** π = √((tr R/dim R)/(tr L/dim L)), the standard damping split (Martens & Grosse 2015, §6.3); 1 where a trace is not positive */
  readonly split: number;
}

function trace(a: Matrix): number {
  let t = 0;
  for (let i = 0; i < a.rows; i++) t += a.data[i * a.cols + i];
  return t;
}

/** The eigenbasis of L ⊗ R for the layer layout vec(L·G·R), G being left.rows × right.rows. */
export function kroneckerEigenbasis(left: Matrix, right: Matrix): KroneckerEigenbasis {
  const l = symmetricEigen(left, { vectors: true });
  const r = symmetricEigen(right, { vectors: true });
  const ratio = trace(right) / right.rows / (trace(left) / left.rows);
  return {
    rows: left.rows,
    cols: right.rows,
    leftVectors: l.vectors as Matrix,
    leftValues: l.values,
    rightVectors: r.vectors as Matrix,
    rightValues: r.values,
    split: ratio > 0 && Number.isFinite(ratio) ? Math.sqrt(ratio) : 1,
  };
}

/** D = P·(Pᵀ·G·Q ⊘ W)·Qᵀ with the weights W_ij of the eigenpair (i, j); null where a weight is not positive (the system is singular or indefinite) */
function solveWithWeights(basis: KroneckerEigenbasis, g: Float64Array, weight: (li: number, rj: number) => number): Float64Array | null {
  const { rows, cols, leftVectors: p, rightVectors: q } = basis;
  const inBasis = matMul(matMul(transpose(p), matrix(rows, cols, g)), q);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const w = weight(basis.leftValues[i], basis.rightValues[j]);
      if (!(w > 0)) return null;
      inBasis.data[i * cols + j] /= w;
    }
  }
  return matMul(matMul(p, inBasis), transpose(q)).data;
}

/** (L ⊗ R + μI)⁻¹vec(G): the eigenvalues of L ⊗ R + μI are l_i·r_j + μ (Van Loan 2000, Kronecker products); null where one is not positive. */
export function kroneckerSolve(basis: KroneckerEigenbasis, g: Float64Array, mu: number): Float64Array | null {
  return solveWithWeights(basis, g, (li, rj) => li * rj + mu);
}

/** K-FAC's factored damping (L + (√μ/π)I)⁻¹·G·(R + π√μ·I)⁻¹ (Martens & Grosse 2015, §6.3), an approximation of (L ⊗ R + μI)⁻¹vec(G); null where a weight is not positive. */
export function splitDampedSolve(basis: KroneckerEigenbasis, g: Float64Array, mu: number): Float64Array | null {
  const root = Math.sqrt(mu);
  const pi = basis.split;
  return solveWithWeights(basis, g, (li, rj) => (li + root / pi) * (rj + pi * root));
}
