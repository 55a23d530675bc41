/** How values map onto a chart axis: linear, or logarithmic in a base (10, or 2 for performance ratios). */
export type AxisType = { readonly kind: 'linear' } | { readonly kind: 'log'; readonly base: number };

export const LINEAR: AxisType = { kind: 'linear' };
export const LOG10: AxisType = { kind: 'log', base: 10 };
export const LOG2: AxisType = { kind: 'log', base: 2 };

export interface Tick {
  readonly value: number;
  readonly label: string;
}

export interface Scale {
  readonly domain: readonly [number, number];
  /** whether v can be drawn on this axis (finite, and positive on a log axis) */
  accepts(v: number): boolean;
  /** v's position in the domain, 0 at domain[0] and 1 at domain[1] */
  fraction(v: number): number;
  readonly ticks: readonly Tick[];
}

const MAX_TICKS = 8;

/** A scale whose domain covers every drawable value (values it cannot draw are ignored). */
export function scaleFor(axis: AxisType, values: Iterable<number>): Scale {
  return axis.kind === 'log' ? logScale(axis.base, values) : linearScale(values);
}

function range(values: Iterable<number>, accepts: (v: number) => boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!accepts(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

const roundOff = (v: number): number => Number(v.toPrecision(12));

function niceTicks(lo: number, hi: number): { step: number; values: number[] } {
  const raw = (hi - lo) / (MAX_TICKS - 3);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((st) => st >= raw) ?? 10 * magnitude;
  const values: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= Math.ceil(hi / step) * step + step / 2; v += step) values.push(roundOff(v));
  return { step, values };
}

/** beyond this magnitude a linear axis's arithmetic (hi − lo) would overflow */
const LINEAR_LIMIT = 1e300;

function linearScale(values: Iterable<number>): Scale {
  const accepts = (v: number) => Number.isFinite(v) && Math.abs(v) <= LINEAR_LIMIT;
  const r = range(values, accepts) ?? [0, 1];
  const [lo, hi] = r[0] === r[1] ? [r[0] - (Math.abs(r[0]) || 1) / 2, r[1] + (Math.abs(r[1]) || 1) / 2] : r;
  const ticks = niceTicks(lo, hi).values;
  const start = ticks[0];
  const end = ticks[ticks.length - 1];
  return { domain: [start, end], accepts, fraction: (v) => (v - start) / (end - start), ticks: ticks.map((value) => ({ value, label: String(value) })) };
}

function logLabel(value: number): string {
  return value >= 1e-3 && value < 1e5 ? String(roundOff(value)) : Number(value.toPrecision(3)).toExponential().replace('e+', 'e');
}

/**
 * Log axis: the data's range padded by 4% of its width; ticks at the powers of the base inside
 * (with 2× and 5× in base 10 over at most three decades), or plain nice ticks where fewer than
 * two powers fall inside.
 */
function logScale(base: number, values: Iterable<number>): Scale {
  const accepts = (v: number) => Number.isFinite(v) && v > 0;
  const log = (v: number) => Math.log(v) / Math.log(base);
  const r = range(values, accepts);
  let [a, b] = r ? [log(r[0]), log(r[1])] : [0, 1];
  if (b - a < 1e-9) [a, b] = [a - 0.5, b + 0.5];
  const pad = 0.04 * (b - a);
  [a, b] = [a - pad, b + pad];
  const first = Math.ceil(a);
  const last = Math.floor(b);
  const every = Math.max(1, Math.ceil((last - first + 1) / MAX_TICKS));
  const multiples = base === 10 && last - first <= 3 ? [1, 2, 5] : [1];
  let ticks: number[] = [];
  for (let e = first - 1; e <= last; e++) {
    if (e < first || (e - first) % every === 0) for (const m of multiples) ticks.push(m * base ** e);
  }
  ticks = ticks.filter((v) => log(v) >= a && log(v) <= b);
  if (ticks.length < 2) ticks = niceTicks(base ** a, base ** b).values.filter((v) => v > 0 && log(v) >= a && log(v) <= b);
  return { domain: [base ** a, base ** b], accepts, fraction: (v) => (log(v) - a) / (b - a), ticks: ticks.map((value) => ({ value, label: logLabel(value) })) };
}
