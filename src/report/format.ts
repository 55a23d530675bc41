/**
 * How the report prints a number for people: four significant digits, exponents outside
 * [1e-3, 1e5). A null is a non-finite number read back from results.json (JSON has no NaN or ∞).
 */
export function formatNumber(x: number | null): string {
  if (x === null) return 'non-finite';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}
