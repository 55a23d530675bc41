import { type Matrix, matrix } from '../../linalg/matrix.js';
import { gaussian } from '../../random/prng.js';

/** Seeded random data for instance generators: entries drawn in row-major order from `next`. */

export function uniformVector(n: number, lo: number, hi: number, next: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * next());
}

/** entries scale·N(0, 1) */
export function gaussianVector(n: number, next: () => number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => scale * gaussian(next));
}

export function uniformMatrix(rows: number, cols: number, lo: number, hi: number, next: () => number): Matrix {
  return matrix(rows, cols, uniformVector(rows * cols, lo, hi, next));
}

export function gaussianMatrix(rows: number, cols: number, next: () => number, scale = 1): Matrix {
  return matrix(rows, cols, gaussianVector(rows * cols, next, scale));
}
