/**
 * K(ε): the first index k with e_k ≤ ε, for each ε of a geometric grid between e_0 (exclusive) and
 * the smallest usable value; the growth of K against 1/ε is the shape of the complexity bound
 * (log(1/ε) for a linear rate, ε^{−p} for a sublinear one).
 */
export interface IterationsTo {
  readonly eps: readonly number[];
  readonly k: readonly number[];
}

export function iterationsTo(e: readonly number[], end: number, points = 12): IterationsTo {
  const eps: number[] = [];
  const ks: number[] = [];
  if (end < 2) return { eps, k: ks };
  let lowest = Infinity;
  for (let k = 0; k < end; k++) lowest = Math.min(lowest, e[k]);
  const top = e[0];
  if (!(lowest < top)) return { eps, k: ks };
  for (let i = 1; i <= points; i++) {
    const target = top * (lowest / top) ** (i / points);
    let hit = -1;
    for (let k = 0; k < end; k++) {
      if (e[k] <= target) {
        hit = k;
        break;
      }
    }
    if (hit >= 0) {
      eps.push(target);
      ks.push(hit);
    }
  }
  return { eps, k: ks };
}
