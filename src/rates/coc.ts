import { median } from './bootstrap.js';
import { usablePrefix, type FloorOptions } from './floor.js';

/**
 * Computational order of convergence (COC): q_k = log(e_{k+1}/e_k) / log(e_k/e_{k−1}), which tends
 * to the Q-order (1 for linear, 2 for quadratic) of a convergent sequence. Computed on the usable
 * prefix (`floor.ts`) only, skipping indices where e_k/e_{k−1} is within 1e-12 of 1 (no information).
 * `last` is the last reliable value (the floor usually corrupts the final one or two), `median` the
 * median over the tail half.
 */
export interface Coc {
  readonly values: readonly number[];
  readonly last: number;
  readonly median: number;
}

export function computationalOrder(e: readonly number[], o: FloorOptions): Coc | null {
  const { end } = usablePrefix(e, o);
  const values: number[] = [];
  for (let k = 1; k + 1 < end; k++) {
    const den = Math.log(e[k] / e[k - 1]);
    if (Math.abs(den) < 1e-12) continue;
    values.push(Math.log(e[k + 1] / e[k]) / den);
  }
  if (values.length === 0) return null;
  return { values, last: values[values.length - 1], median: median(values.slice(Math.floor(values.length / 2))) };
}
