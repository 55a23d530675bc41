/**
 * Where a convergent sequence stops carrying information: the precision floor of docs/theory.md#rounding-allowances-and-the-precision-floor.
 *
 * e_k (an optimality gap δ_k = f(x_k) − f*, a gradient norm, a distance) is usable up to the first
 * index at which it falls to the rounding level `floor` (for δ_k: 1e3·u·max(1, |f*|), since f(x_k) is
 * resolved only to about u·|f*|), is not finite or not positive, or stagnates: it fails to shrink by
 * the factor `stagnationFactor` over `stagnationWindow` consecutive steps. Everything from that index
 * on is rounding noise as far as a rate fit is concerned.
 */
export interface FloorOptions {
  /** absolute level at or below which e_k is rounding noise */
  readonly floor: number;
  /** min(e_{k−w+1..k}) ≥ stagnationFactor·min(e_0..e_{k−w}) counts as stagnation (default 0.999) */
  readonly stagnationFactor?: number;
  /** w, default 8 */
  readonly stagnationWindow?: number;
}

export interface FloorCut {
  /** e_0 … e_{end−1} are usable (end ≤ length) */
  readonly end: number;
  readonly reason: 'floor' | 'stagnation' | 'non-positive' | 'end-of-run';
}

/** The floor of δ_k = f(x_k) − f* for a run in arithmetic with unit roundoff u: 1e3·u·max(1, |f*|). */
export function gapFloor(unitRoundoff: number, fStar: number): number {
  return 1e3 * unitRoundoff * Math.max(1, Math.abs(fStar));
}

/** The usable prefix of e (see the module comment). */
export function usablePrefix(e: readonly number[], o: FloorOptions): FloorCut {
  const factor = o.stagnationFactor ?? 0.999;
  const w = o.stagnationWindow ?? 8;
  const runningMin: number[] = [];
  for (let k = 0; k < e.length; k++) {
    const v = e[k];
    if (!(v > 0) || !Number.isFinite(v)) return { end: k, reason: 'non-positive' };
    if (v <= o.floor) return { end: k, reason: 'floor' };
    runningMin.push(Math.min(v, k > 0 ? runningMin[k - 1] : Infinity));
    if (k >= w && runningMin[k] >= factor * runningMin[k - w]) {
      // stagnation: the last w steps set no new minimum; the usable part ends where the plateau began
      let start = k - w;
      while (start > 0 && runningMin[start - 1] === runningMin[k - w]) start--;
      return { end: start + 1, reason: 'stagnation' };
    }
  }
  return { end: e.length, reason: 'end-of-run' };
}
