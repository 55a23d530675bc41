import { type Matrix, matrix } from '../../linalg/matrix.js';
import { InstanceError } from '../family.js';

/**
 * Checks that problem constructors run on their data before building an oracle. Each failure is an
 * `InstanceError` naming the parameter or data field.
 */

export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InstanceError(field, `must be a finite number, got ${String(value)}`);
  return value;
}

export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (!(value > 0)) throw new InstanceError(field, `must be > 0, got ${value}`);
  return value;
}

/** The power p of ‖u‖^p, (·)₊^p or |·|^(p+1): finite and ≥ 2. */
export function requirePower(field: string, p: number): number {
  requireFinite(field, p);
  if (!(p >= 2)) throw new InstanceError(field, `must be ≥ 2, got ${p}`);
  return p;
}

export function requireInteger(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InstanceError(field, `must be an integer ≥ ${min}, got ${String(value)}`);
  return value;
}

export function requireFiniteVector(field: string, v: Float64Array, length?: number): Float64Array {
  if (length !== undefined && v.length !== length) throw new InstanceError(field, `has ${v.length} entries, expected ${length}`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new InstanceError(field, `entry ${i} is not finite (${v[i]})`);
  }
  return v;
}

export function requireFiniteMatrix(field: string, a: Matrix, rows?: number, cols?: number): Matrix {
  if ((rows !== undefined && a.rows !== rows) || (cols !== undefined && a.cols !== cols)) {
    throw new InstanceError(field, `is ${a.rows}×${a.cols}, expected ${rows ?? a.rows}×${cols ?? a.cols}`);
  }
  if (a.data.length !== a.rows * a.cols) throw new InstanceError(field, `${a.rows}×${a.cols} matrix has ${a.data.length} entries`);
  for (let k = 0; k < a.data.length; k++) {
    if (!Number.isFinite(a.data[k])) {
      throw new InstanceError(field, `entry (${Math.floor(k / a.cols)}, ${k % a.cols}) is not finite (${a.data[k]})`);
    }
  }
  return a;
}

/** Copies of the data A, b of Ax − b: A non-empty and finite, b finite with one entry per row of A. */
export function requireLinearData(a: Matrix, b: Float64Array): { A: Matrix; b: Float64Array } {
  if (a.rows < 1 || a.cols < 1) throw new InstanceError('A', `must have at least one row and one column, got ${a.rows}×${a.cols}`);
  requireFiniteMatrix('A', a);
  requireFiniteVector('b', b, a.rows);
  return { A: matrix(a.rows, a.cols, a.data.slice()), b: b.slice() };
}

/** The dimension in an instance name must be the family's. */
export function requireDimension(dim: number, expected: number): number {
  if (dim !== expected) throw new InstanceError('dim', `must be ${expected} for this family, got ${dim}`);
  return dim;
}
