import { axpy } from '../linalg/vector.js';
import { SCALES, type ProbeSpace } from './probe-space.js';

/** The k-th sampled point: x0 itself, or a random point at scale SCALES[k mod 4]·R around x0. */
export function samplePoint(space: ProbeSpace, k: number): Float64Array {
  return k % 5 === 0 ? space.x0.slice() : space.randomPoint(SCALES[k % SCALES.length]);
}

/**
 * Moves of a point shared by pointwise classes: a random perturbation of size step·R, a move
 * outward or inward from x0 (larger or smaller gradients), and a move along a given direction.
 */
export function pointMoves(space: ProbeSpace) {
  return {
    jitter: (x: Float64Array, step: number) => space.clip(axpy(step * space.radius * space.next(), space.randomDirection(), x.slice())),
    rescale: (x: Float64Array) => {
      const f = space.next() < 0.5 ? 2 : 0.5;
      return space.clip(x.map((v, i) => space.x0[i] + f * (v - space.x0[i])));
    },
    along: (x: Float64Array, d: Float64Array, step: number) =>
      space.clip(axpy((2 * space.next() - 1) * step * space.radius, d, x.slice())),
  };
}

/** a random index in [0, n), biased toward 0 (the smallest eigenvalues come first) */
export function lowIndex(space: ProbeSpace): number {
  const u = space.next();
  return Math.min(space.n - 1, Math.floor(u * u * space.n));
}
