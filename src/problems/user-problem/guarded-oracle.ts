import type { Matrix } from '../../linalg/matrix.js';
import type { Oracle } from '../oracle.js';
import { formatVector } from './claim-text.js';

/** A user's function threw, or returned a non-finite value or a value of the wrong shape; the message says which and where. */
export class OracleFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OracleFault';
  }
}

/** A value of f the checks evaluated, at a copy of its point. */
export type ValueObserver = (x: Float64Array, fx: number) => void;

export interface GuardedOracle extends Oracle {
  /** called with every value of f evaluated through this oracle */
  observe(observer: ValueObserver): void;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return String(value);
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}

function checkedVector(what: string, value: unknown, n: number, at: string): Float64Array {
  if (!(value instanceof Float64Array)) throw new OracleFault(`${what} returned ${describe(value)}, not a Float64Array, ${at}`);
  if (value.length !== n) throw new OracleFault(`${what} returned ${value.length} entries, expected ${n}, ${at}`);
  const bad = value.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new OracleFault(`${what} returned entry ${bad} = ${value[bad]} ${at}`);
  return value;
}

function checkedMatrix(what: string, value: unknown, n: number, at: string): Matrix {
  const m = value as Matrix;
  if (!m || typeof m !== 'object' || !(m.data instanceof Float64Array)) throw new OracleFault(`${what} returned ${describe(value)}, not a Matrix, ${at}`);
  if (m.rows !== n || m.cols !== n || m.data.length !== n * n) throw new OracleFault(`${what} returned a ${m.rows}×${m.cols} matrix, expected ${n}×${n}, ${at}`);
  const bad = m.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new OracleFault(`${what} returned entry (${Math.floor(bad / n)}, ${bad % n}) = ${m.data[bad]} ${at}`);
  return m;
}

function call<T>(what: string, at: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new OracleFault(`${what} threw '${e instanceof Error ? e.message : String(e)}' ${at}`);
  }
}

/**
 * The user's oracle as the checks call it: every call gets a copy of its arguments, and a throw, a
 * non-finite value or a value of the wrong shape is an OracleFault naming the function and the point,
 * instead of a NaN that a check would skip or an exception from deep inside a check.
 */
export function guardedOracle(o: Oracle): GuardedOracle {
  const n = o.dim;
  const observers: ValueObserver[] = [];
  const at = (x: Float64Array) => `at x = ${formatVector(x)}`;
  const third = o.third;
  return {
    dim: n,
    observe(observer) {
      observers.push(observer);
    },
    f(x) {
      const value = call('f', at(x), () => o.f(x.slice()));
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new OracleFault(`f returned ${describe(value)} ${at(x)}`);
      for (const observe of observers) observe(x.slice(), value);
      return value;
    },
    grad: (x) => checkedVector('grad', call('grad', at(x), () => o.grad(x.slice())), n, at(x)).slice(),
    hess(x) {
      const h = checkedMatrix('hess', call('hess', at(x), () => o.hess(x.slice())), n, at(x));
      return { rows: n, cols: n, data: h.data.slice() };
    },
    hvp: (x, v) => checkedVector('hvp', call('hvp', at(x), () => o.hvp(x.slice(), v.slice())), n, at(x)).slice(),
    ...(third
      ? { third: (x: Float64Array, v: Float64Array) => checkedVector('third', call('third', at(x), () => third.call(o, x.slice(), v.slice())), n, at(x)).slice() }
      : {}),
  };
}
