import type { Matrix } from '../../linalg/matrix.js';

/**
 * JSON text for problem files. Numbers are written as `String(x)` (the shortest decimal that reads
 * back to the same float64) and −0 as `-0`, so that parsing gives every float64 back bit for bit;
 * matrices are written one row per line.
 */
export type JsonValue = number | string | boolean | null | Float64Array | Matrix | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`JSON cannot hold the non-finite number ${x}`);
  return Object.is(x, -0) ? '-0' : String(x);
}

function isMatrix(v: object): v is Matrix {
  return 'rows' in v && 'cols' in v && 'data' in v && (v as Matrix).data instanceof Float64Array;
}

function vectorText(v: ArrayLike<number>): string {
  return `[${Array.from(v, numberText).join(', ')}]`;
}

export function jsonText(value: JsonValue, indent = ''): string {
  const inner = `${indent}  `;
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Float64Array) return vectorText(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number')) return vectorText(value as number[]);
    return `[\n${value.map((v) => inner + jsonText(v as JsonValue, inner)).join(',\n')}\n${indent}]`;
  }
  if (isMatrix(value as object)) {
    const m = value as Matrix;
    const rows = Array.from({ length: m.rows }, (_, i) => inner + vectorText(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
    return `[\n${rows.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, JsonValue | undefined>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v as JsonValue, inner)}`).join(',\n')}\n${indent}}`;
}
