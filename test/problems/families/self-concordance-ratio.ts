import { dot, norm2 } from '../../../src/linalg/vector.js';
import type { Oracle } from '../../../src/problems/oracle.js';

/**
 * |D³f(x)[u, u, v]| / (M·⟨∇²f(x)u, u⟩·‖v‖_x^(ν−2)·‖v‖^(3−ν)) in B = I: ≤ 1 under a generalized
 * self-concordance membership (Sun & Tran-Dinh 2019) with these ν and M.
 */
export function generalizedSelfConcordanceRatio(o: Oracle, nu: number, M: number, x: Float64Array, u: Float64Array, v: Float64Array): number {
  const third = Math.abs(dot(o.third!(x, u), v));
  const curvature = dot(o.hvp(x, u), u);
  const local = Math.sqrt(dot(o.hvp(x, v), v));
  const bound = M * curvature * (nu === 2 ? 1 : local ** (nu - 2)) * norm2(v) ** (3 - nu);
  return bound === 0 ? (third === 0 ? 0 : Infinity) : third / bound;
}
