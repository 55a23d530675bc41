import { usablePrefix, type FloorOptions } from './floor.js';

/**
 * The tail window of a sequence on which its asymptotic rate is fitted, chosen automatically: the
 * usable prefix (up to the precision floor, `floor.ts`), minus a burn-in — the first `burnIn`
 * fraction of it (default ¼), so that the transient from x0 does not bias the fit — keeping at least
 * `minLength` points (default 4). null when the usable prefix is shorter than that.
 */
export interface TailWindow {
  /** first index of the window */
  readonly start: number;
  /** one past its last index */
  readonly end: number;
  readonly cut: ReturnType<typeof usablePrefix>['reason'];
}

export interface TailOptions extends FloorOptions {
  readonly burnIn?: number;
  readonly minLength?: number;
  /** the window never starts before this index (e.g. 1 for log k fits) */
  readonly minStart?: number;
}

export function tailWindow(e: readonly number[], o: TailOptions): TailWindow | null {
  const cut = usablePrefix(e, o);
  const minLength = o.minLength ?? 4;
  const minStart = o.minStart ?? 0;
  const usable = cut.end - minStart;
  if (usable < minLength) return null;
  const start = minStart + Math.min(Math.floor((o.burnIn ?? 0.25) * usable), usable - minLength);
  return { start, end: cut.end, cut: cut.reason };
}
