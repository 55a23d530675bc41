/** max |xᵢ − yᵢ| / max |yᵢ| (absolute when y = 0): normwise relative difference against a reference y. */
export function relativeDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    d = Math.max(d, Math.abs(x[i] - y[i]));
    m = Math.max(m, Math.abs(y[i]));
  }
  return m === 0 ? d : d / m;
}
