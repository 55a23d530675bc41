import { usablePrefix } from './floor.js';
import { fitLine } from './least-squares.js';
import { tailWindow, type TailOptions } from './tail-window.js';

/**
 * Which rate model describes the tail of a convergent sequence e_k, and so which fitted rate means
 * something (`linear-rate.ts`, `algebraic-order.ts`). Over the tail window (`tail-window.ts`, k ≥ 1):
 *   • superlinear: the one-step decrease d_k = log(e_k/e_{k+1}) still grows at the window's end: the
 *     mean of its last two values is at least `accelerating` (default 2) times the mean of the two
 *     before (quadratic convergence doubles d_k every step, so 4; a linear rate keeps it, 1; an
 *     algebraic one shrinks it; a slow phase followed by a faster linear one gives 1 at the end);
 *   • linear: log e_k is fitted at least as well by a line in k (e_k ≈ c·q^k) as by a line in log k;
 *     an algebraic order fitted to it grows with the window and is not a property of the run;
 *   • sublinear: log e_k is fitted better by a line in log k (e_k ≈ c·k^{−p});
 *   • undetermined: too few points above the floor for a window (floorAt says where a run reached
 *     it: a quadratic and a fast linear rate alike get there in a few steps), or no decrease over the window.
 */
export type RegimeKind = 'superlinear' | 'linear' | 'sublinear' | 'undetermined';

export interface ConvergenceRegime {
  readonly kind: RegimeKind;
  /** the first index at or below the precision floor (a rounded-off f − f* ≤ 0 counts); null: never reached */
  readonly floorAt: number | null;
  /** r² of log e_k against k and against log k over the window (null: no window) */
  readonly r2Linear: number | null;
  readonly r2Algebraic: number | null;
  /** mean of the last two one-step decreases of log e_k over the mean of the two before (of the one before, in a window of four points) */
  readonly acceleration: number | null;
}

export function convergenceRegime(e: readonly number[], o: TailOptions & { accelerating?: number }): ConvergenceRegime {
  const cut = usablePrefix(e, o);
  const reachedFloor = cut.reason === 'floor' || (cut.reason === 'non-positive' && e[cut.end] <= 0);
  const floorAt = reachedFloor ? cut.end : null;
  const window = tailWindow(e, { ...o, minStart: Math.max(1, o.minStart ?? 1) });
  const none = { floorAt, r2Linear: null, r2Algebraic: null, acceleration: null };
  if (!window) return { kind: 'undetermined', ...none };
  const ks: number[] = [];
  const logs: number[] = [];
  for (let k = window.start; k < window.end; k++) {
    ks.push(k);
    logs.push(Math.log(e[k]));
  }
  const decrements = logs.slice(1).map((v, i) => logs[i] - v);
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const last = mean(decrements.slice(-2));
  const before = mean(decrements.slice(-4, -2));
  const r2Linear = fitLine(ks, logs).r2;
  const r2Algebraic = fitLine(ks.map(Math.log), logs).r2;
  const acceleration = before > 0 ? last / before : null;
  const fits = { floorAt, r2Linear, r2Algebraic, acceleration };
  if (!(mean(decrements) > 0)) return { kind: 'undetermined', ...fits };
  if (acceleration !== null && acceleration >= (o.accelerating ?? 2)) return { kind: 'superlinear', ...fits };
  return { kind: r2Linear >= r2Algebraic ? 'linear' : 'sublinear', ...fits };
}
