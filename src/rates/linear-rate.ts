import { tailWindow, type TailOptions, type TailWindow } from './tail-window.js';

/**
 * Q-linear rate of a sequence: the contraction q with e_{k+1} ≤ q·e_k. Reported two ways over the
 * automatically chosen tail window (`tail-window.ts`):
 *   • `tail`: the geometric mean (e_end/e_start)^{1/(end − start)} of the one-step ratios;
 *   • `worstWindow`: the largest geometric-mean contraction over every sub-window of `windowLength`
 *     consecutive steps inside the usable prefix (from index 0), so a plateau anywhere shows up.
 * A rate bounded away from 1 (both < 1) is the signature of linear convergence.
 */
export interface LinearRate {
  readonly tail: number;
  readonly worstWindow: number;
  /** the window of steps [start, start + windowLength) where the worst contraction was seen */
  readonly worstAt: number;
  readonly windowLength: number;
  readonly window: TailWindow;
}

export function geometricContraction(e: readonly number[], start: number, end: number): number {
  return (e[end] / e[start]) ** (1 / (end - start));
}

export function linearRate(e: readonly number[], o: TailOptions & { windowLength?: number }): LinearRate | null {
  const window = tailWindow(e, { ...o, minLength: Math.max(2, o.minLength ?? 4) });
  if (!window) return null;
  const last = window.end - 1;
  const tail = geometricContraction(e, window.start, last);
  const len = Math.max(1, Math.min(o.windowLength ?? 5, last));
  let worst = -Infinity;
  let worstAt = 0;
  for (let s = 0; s + len <= last; s++) {
    const q = geometricContraction(e, s, s + len);
    if (q > worst) {
      worst = q;
      worstAt = s;
    }
  }
  return { tail, worstWindow: worst, worstAt, windowLength: len, window };
}
