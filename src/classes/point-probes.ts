import { axpy } from '../linalg/vector.js';
import type { Oracle } from '../problems/oracle.js';
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

/** D³f(x)[v, v] of the oracle, which the spot checks of third-derivative classes need */
export function requireThird(o: Oracle, who: string, family: string): (x: Float64Array, v: Float64Array) => Float64Array {
  if (!o.third) throw new Error(`${who} spot check: the oracle of ${family} has no third derivative`);
  return o.third.bind(o);
}

/** the whitened scale of ∇²f(x) (ProbeSpace.whitenedScale), computed once per point */
export function hessianScaleAt(space: ProbeSpace, o: Oracle): (x: Float64Array) => number {
  const cache = new WeakMap<Float64Array, number>();
  return (x) => {
    let s = cache.get(x);
    if (s === undefined) {
      s = space.whitenedScale(o.hess(x));
      cache.set(x, s);
    }
    return s;
  };
}

/** a generalized eigenvector of ∇²f(x), low curvature more likely (lowIndex) */
export function lowCurvatureDirection(space: ProbeSpace, o: Oracle): (x: Float64Array) => Float64Array {
  return (x) => space.generalizedEigen(o.hess(x)).direction(lowIndex(space));
}
