import { Decimal } from 'decimal.js';

/**
 * Exact conversion of float64 values to decimal.js numbers. `new Decimal(x)` would take the shortest
 * decimal that rounds to x (0.1 → "0.1"), which is not the value the float64 arithmetic sees
 * (0.1000000000000000055511151231257827…). Every finite double is m·2^e with integer m < 2^53 and
 * −1074 ≤ e ≤ 971; for e < 0, m·2^e = m·5^(−e)·10^e, an integer times a power of ten. The decimal.js
 * constructor keeps every digit it is given (only arithmetic rounds), so the result is exact.
 */
const view = new DataView(new ArrayBuffer(8));

export function exactDecimalString(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return sign + (mantissa << BigInt(exponent)).toString();
  return `${sign}${(mantissa * 5n ** BigInt(-exponent)).toString()}e${exponent}`;
}

/** The exact value of x as an instance of the decimal.js constructor `D` (unrounded). */
export function exactDecimal(x: number, D: typeof Decimal = Decimal): Decimal {
  return new D(exactDecimalString(x));
}

/** A decimal.js constructor that rounds arithmetic to `digits` significant digits (half-even). */
export function decimalContext(digits: number): typeof Decimal {
  if (!Number.isInteger(digits) || digits < 17 || digits > 1000) {
    throw new RangeError(`decimal backend: digits must be an integer in [17, 1000], got ${digits}`);
  }
  return Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
}
