import { axpy } from '../linalg/vector.js';
import { MAX_REACH, SCALES, type ProbeSpace } from './probe-space.js';

/**
 * A pair (x, y = x + t·d) with ‖d‖_B = 1, for the classes whose inequality compares two points
 * (Hölder Hessian, Lipschitz gradient, Hölder third derivative). `h` is a class-specific extra
 * direction carried along (the test direction of a trilinear form).
 */
export interface PairProbe {
  readonly x: Float64Array;
  readonly d: Float64Array;
  readonly t: number;
  readonly h?: Float64Array;
}

/** the smallest step a pair probe may take, in units of R (keeps |x − y| far above rounding) */
export const MIN_STEP = 1e-3;

export function pairY(p: PairProbe): Float64Array {
  return axpy(p.t, p.d, p.x.slice());
}

/** where a pair class saw its worst ratio: x, y and the direction d */
export function pairWitness(p: PairProbe): { x: Float64Array; y: Float64Array; direction: Float64Array } {
  return { x: p.x, y: pairY(p), direction: p.d };
}

/**
 * The k-th sampled pair: x = x0 or a random point at scale SCALES[k mod 4]·R, a step t at another
 * sampling scale, and d random or (every other sample) one of the class's structured directions at x.
 */
export function samplePair(space: ProbeSpace, k: number, structured: (x: Float64Array) => Float64Array | null): PairProbe {
  const x = k % 3 === 0 ? space.x0.slice() : space.randomPoint(SCALES[k % SCALES.length]);
  const t = SCALES[(k + (k >> 2)) % SCALES.length] * space.radius * (0.5 + space.next());
  const d = (k % 2 === 1 ? structured(x) : null) ?? space.randomDirection();
  return { x, d, t: clampStep(space, t) };
}

function clampStep(space: ProbeSpace, t: number): number {
  return Math.min(MAX_REACH * space.radius, Math.max(MIN_STEP * space.radius, t));
}

/** B-inner-product sign of a against b (+1 when they point the same way) */
function agreeing(space: ProbeSpace, a: Float64Array, b: Float64Array): Float64Array {
  const ba = space.metric.apply(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ba[i] * b[i];
  if (s >= 0) return b;
  return b.map((v) => -v);
}

/** Moves shared by pair classes: stretch or shrink t, flip d, slide the pair along d, perturb x and d, a far random step. */
export function pairMoves(space: ProbeSpace): ((p: PairProbe, step: number) => PairProbe | null)[] {
  return [
    (p) => ({ ...p, d: space.randomDirection(), t: clampStep(space, MAX_REACH * space.radius * (0.5 + 0.5 * space.next())) }),
    (p) => ({ ...p, t: clampStep(space, p.t * (space.next() < 0.5 ? 2 : 0.5)) }),
    (p) => ({ ...p, d: p.d.map((v) => -v) }),
    (p, step) => ({ ...p, x: space.clip(axpy((space.next() - 0.5) * step * p.t, p.d, p.x.slice())) }),
    (p, step) => ({ ...p, x: space.clip(axpy(step * Math.min(p.t, space.radius) * space.next(), space.randomDirection(), p.x.slice())) }),
    (p, step) => {
      const d = space.normalize(axpy(0.5 * step, space.randomDirection(), p.d.slice()));
      return d ? { ...p, d } : null;
    },
  ];
}

/** replace d by a structured direction, oriented like the current d */
export function redirect(space: ProbeSpace, p: PairProbe, d: Float64Array | null): PairProbe | null {
  if (!d) return null;
  return { ...p, d: agreeing(space, p.d, d) };
}
