import type * as tfc from '@tensorflow/tfjs-core';

export type Tf = typeof tfc;

export interface CgResult {
  readonly x: tfc.Tensor1D;
  /** ‖A·x − b‖₂ recomputed from x at the end (not the recurrence's estimate) */
  readonly residual: number;
  readonly iterations: number;
  /** pᵀAp ≤ 0 met at this iteration: A is not positive definite (x is then not returned) */
  readonly negativeCurvatureAt: number | null;
  /** the recurrence's residual stopped improving before the tolerance was met (float32's floor) */
  readonly stagnated: boolean;
}

/**
 * CG gives up once its recurrence residual has not fallen below 0.9× its best for this many
 * iterations: in float32 a system past its precision floor never meets a tight tolerance, and the
 * residual then wanders at the floor until maxIterations.
 */
export const CG_STAGNATION_WINDOW = 25;

/**
 * Preconditioned conjugate gradients for A·x = b with A symmetric, given as a product v ↦ A·v on
 * tensors, and a diagonal preconditioner (its inverse; null for none) (Saad, Iterative Methods,
 * Alg. 9.1). Stops when ‖r_k‖₂ ≤ tolerance·‖b‖₂, after maxIterations, or on stagnation
 * (CG_STAGNATION_WINDOW); curvature pᵀAp ≤ 0 proves that A is not positive definite. Only scalars
 * leave the device inside the loop.
 */
export function conjugateGradients(
  tf: Tf,
  apply: (v: tfc.Tensor1D) => tfc.Tensor1D,
  inverseDiagonal: tfc.Tensor1D | null,
  b: tfc.Tensor1D,
  tolerance: number,
  maxIterations: number,
): CgResult {
  const bNorm = tf.tidy(() => tf.norm(b).dataSync()[0]);
  const n = b.shape[0];
  if (bNorm === 0) return { x: tf.zeros([n]) as tfc.Tensor1D, residual: 0, iterations: 0, negativeCurvatureAt: null, stagnated: false };
  const precondition = (r: tfc.Tensor1D): tfc.Tensor1D => (inverseDiagonal ? (tf.mul(inverseDiagonal, r) as tfc.Tensor1D) : tf.clone(r));
  let x = tf.zeros([n]) as tfc.Tensor1D;
  let r = tf.clone(b);
  let z = precondition(r);
  let p = tf.clone(z);
  let rz = tf.tidy(() => tf.dot(r, z).dataSync()[0]);
  let k = 0;
  let negativeCurvatureAt: number | null = null;
  let best = Infinity;
  let bestAt = 0;
  let stagnated = false;
  for (; k < maxIterations; k++) {
    const rNorm = tf.tidy(() => tf.norm(r).dataSync()[0]);
    if (rNorm <= tolerance * bNorm) break;
    if (rNorm < 0.9 * best) {
      best = rNorm;
      bestAt = k;
    } else if (k - bestAt >= CG_STAGNATION_WINDOW) {
      stagnated = true;
      break;
    }
    const ap = apply(p);
    const pAp = tf.tidy(() => tf.dot(p, ap).dataSync()[0]);
    if (!(pAp > 0)) {
      negativeCurvatureAt = k;
      ap.dispose();
      break;
    }
    const alpha = rz / pAp;
    const next = tf.tidy(() => ({ x: tf.add(x, tf.mul(alpha, p)) as tfc.Tensor1D, r: tf.sub(r, tf.mul(alpha, ap)) as tfc.Tensor1D }));
    ap.dispose();
    x.dispose();
    r.dispose();
    ({ x, r } = next);
    z.dispose();
    z = precondition(r);
    const rzNext = tf.tidy(() => tf.dot(r, z).dataSync()[0]);
    const beta = rzNext / rz;
    rz = rzNext;
    const pNext = tf.tidy(() => tf.add(z, tf.mul(beta, p)) as tfc.Tensor1D);
    p.dispose();
    p = pNext;
  }
  const residual = tf.tidy(() => {
    const ax = apply(x);
    return tf.norm(tf.sub(ax, b)).dataSync()[0];
  });
  r.dispose();
  z.dispose();
  p.dispose();
  return { x, residual, iterations: k, negativeCurvatureAt, stagnated };
}
