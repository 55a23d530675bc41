import { type Matrix, matrix } from '../../linalg/matrix.js';
import { ProblemFileError } from './problem-file-error.js';

/**
 * Typed reads of the fields of a parsed JSON document. Every failure is a `ProblemFileError` naming
 * the file and the field path (`problem.data.A[2][3]`).
 */
export class JsonFields {
  constructor(readonly file: string) {}

  fail(field: string | null, reason: string): never {
    throw new ProblemFileError(this.file, field, reason);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, `must be an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  /** A key that must be present. */
  required(obj: Record<string, unknown>, key: string, field: string): unknown {
    if (!(key in obj) || obj[key] === undefined) this.fail(field, 'is missing');
    return obj[key];
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${describe(value)}`);
    return value;
  }

  number(value: unknown, field: string): number {
    if (typeof value !== 'number') this.fail(field, `must be a number, got ${describe(value)}`);
    if (!Number.isFinite(value)) this.fail(field, `must be finite, got ${value}`);
    return value;
  }

  integer(value: unknown, field: string, min: number): number {
    const v = this.number(value, field);
    if (!Number.isInteger(v) || v < min) this.fail(field, `must be an integer ≥ ${min}, got ${v}`);
    return v;
  }

  vector(value: unknown, field: string, length?: number): Float64Array {
    if (!Array.isArray(value)) this.fail(field, `must be an array of numbers, got ${describe(value)}`);
    if (length !== undefined && value.length !== length) this.fail(field, `has ${value.length} entries, expected ${length}`);
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = this.number(value[i], `${field}[${i}]`);
    return out;
  }

  /** An array of rows, all of one length. */
  matrix(value: unknown, field: string, rows?: number, cols?: number): Matrix {
    if (!Array.isArray(value)) this.fail(field, `must be an array of rows, got ${describe(value)}`);
    if (value.length === 0) this.fail(field, 'has no rows');
    if (rows !== undefined && value.length !== rows) this.fail(field, `has ${value.length} rows, expected ${rows}`);
    const first = value[0];
    if (!Array.isArray(first)) this.fail(`${field}[0]`, `must be an array of numbers, got ${describe(first)}`);
    const n = cols ?? first.length;
    if (n === 0) this.fail(`${field}[0]`, 'is empty');
    const out = matrix(value.length, n);
    for (let i = 0; i < value.length; i++) out.data.set(this.vector(value[i], `${field}[${i}]`, n), i * n);
    return out;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}
