/**
 * Numbers, vectors and matrices on the wire of ratecheck-solver/1 (docs/solver-protocol.md §1): JSON
 * numbers in their shortest round-trip form; a value that is not finite is the string "NaN",
 * "Infinity" or "-Infinity".
 */
import type { Matrix } from '../linalg/matrix.js';

export const PROTOCOL = 'ratecheck-solver/1';

/** the longest line either side may write for dimension n, in bytes (§1) */
export function maxLineBytes(n: number): number {
  return 8 * 1024 * 1024 + 4096 * n;
}

export type WireNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function toWire(v: number): WireNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

export function vectorToWire(v: ArrayLike<number>): WireNumber[] {
  return Array.from(v, toWire);
}

export function matrixToWire(m: Matrix): WireNumber[][] {
  const rows: WireNumber[][] = [];
  for (let i = 0; i < m.rows; i++) rows.push(vectorToWire(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return rows;
}

/** float64 values as base64 of their little-endian bytes (a reply asked for with "binary": true, §2) */
export function toBase64(v: Float64Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

/** n doubles from base64 of their little-endian bytes, or null when it does not hold 8n bytes */
export function fromBase64(text: string, n: number): Float64Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 8 * n) return null;
  const out = new Float64Array(n);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** a wire number as a double, or null when it is neither a number nor one of the three strings */
export function fromWire(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return null;
}
