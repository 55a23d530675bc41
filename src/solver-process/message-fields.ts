import type { SolverMessage, SolverSession } from './solver-session.js';
import { fromBase64, fromWire } from './wire.js';

/** Reads the fields of a solver's message; anything missing or malformed is a fault naming the field. */
export class MessageFields {
  constructor(
    private readonly session: SolverSession,
    private readonly message: SolverMessage,
    private readonly n: number,
  ) {}

  fail(field: string, what: string): never {
    return this.session.fault(`"${this.message.type}" message: ${field} ${what}`);
  }

  has(field: string): boolean {
    return this.message[field] !== undefined;
  }

  /** a point or direction: n finite numbers */
  point(field: string, value: unknown = this.message[field]): Float64Array {
    if (typeof value === 'string') {
      const decoded = fromBase64(value, this.n);
      if (!decoded) return this.fail(field, `is a string but not base64 of ${this.n} float64 values`);
      const i = decoded.findIndex((v) => !Number.isFinite(v));
      if (i >= 0) return this.fail(`${field}[${i}]`, `is ${decoded[i]}, not a finite number`);
      return decoded;
    }
    if (!Array.isArray(value)) return this.fail(field, value === undefined ? 'is missing' : 'must be an array of numbers');
    if (value.length !== this.n) return this.fail(field, `has ${value.length} entries, the problem has dimension ${this.n}`);
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const v = fromWire(value[i]);
      if (v === null || !Number.isFinite(v)) return this.fail(`${field}[${i}]`, `is ${JSON.stringify(value[i])}, not a finite number`);
      out[i] = v;
    }
    return out;
  }

  /** a point, or null where the message gives null */
  pointOrNull(field: string): Float64Array | null {
    return this.message[field] === null ? null : this.point(field);
  }

  /** n numbers, finite or not (values the solver reports) */
  vector(field: string): Float64Array {
    const value = this.message[field];
    if (typeof value === 'string') return fromBase64(value, this.n) ?? this.fail(field, `is a string but not base64 of ${this.n} float64 values`);
    if (!Array.isArray(value) || value.length !== this.n) return this.fail(field, `must be an array of ${this.n} numbers`);
    return Float64Array.from(value, (v, i) => fromWire(v) ?? this.fail(`${field}[${i}]`, 'is not a number'));
  }

  number(field: string, value: unknown = this.message[field]): number {
    const v = fromWire(value);
    if (v === null) return this.fail(field, value === undefined ? 'is missing' : 'must be a number');
    return v;
  }

  integer(field: string): number {
    const v = this.message[field];
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(field, 'must be an integer');
    return v;
  }

  string(field: string): string {
    const v = this.message[field];
    if (typeof v !== 'string') return this.fail(field, 'must be a string');
    return v;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.message[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') return this.fail(field, 'must be true or false');
    return v;
  }

  array(field: string): readonly unknown[] {
    const v = this.message[field];
    if (!Array.isArray(v)) return this.fail(field, v === undefined ? 'is missing' : 'must be an array');
    return v;
  }

  object(field: string, value: unknown): Readonly<Record<string, unknown>> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(field, 'must be an object');
    return value as Record<string, unknown>;
  }
}
