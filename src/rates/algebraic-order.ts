import { fitLine, type LineFit } from './least-squares.js';
import { tailWindow, type TailOptions, type TailWindow } from './tail-window.js';

/**
 * The algebraic order p of a sublinearly convergent sequence, e_k ≈ c·k^{−p}: minus the slope of
 * log e_k against log k, fitted by least squares over the automatically chosen tail window
 * (`tail-window.ts`; k ≥ 1 so that log k is defined, and up to the precision floor). For a
 * linearly convergent sequence the fitted order grows with the window (log e is linear in k, not in
 * log k) — read `linear-rate.ts` for those.
 *
 * `offset` shifts the index: e_k ≈ c·(k + offset)^{−p} (default 0, i.e. fit against log k).
 */
export interface AlgebraicOrder {
  /** p in e_k ≈ c·k^{−p} (minus the log–log slope) */
  readonly order: number;
  readonly fit: LineFit;
  readonly window: TailWindow;
}

export function algebraicOrder(e: readonly number[], o: TailOptions & { offset?: number }): AlgebraicOrder | null {
  const window = tailWindow(e, { ...o, minStart: Math.max(1, o.minStart ?? 1) });
  if (!window) return null;
  const x: number[] = [];
  const y: number[] = [];
  for (let k = window.start; k < window.end; k++) {
    x.push(Math.log(k + (o.offset ?? 0)));
    y.push(Math.log(e[k]));
  }
  const fit = fitLine(x, y);
  return { order: -fit.slope, fit, window };
}
