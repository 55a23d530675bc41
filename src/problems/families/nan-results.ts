import { type Matrix, matrix } from '../../linalg/matrix.js';

/** What an oracle returns at a point where its value is undefined (a non-finite x): NaN throughout. */
export function nanVector(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

export function nanMatrix(n: number): Matrix {
  return matrix(n, n, new Float64Array(n * n).fill(NaN));
}
