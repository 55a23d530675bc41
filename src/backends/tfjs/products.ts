import type * as tfc from '@tensorflow/tfjs-core';
import type { Tf } from './conjugate-gradients.js';

/**
 * A·x for an m×n matrix and an n-vector; Aᵀ·x for an m-vector when `transpose`, formed as the row
 * vector xᵀA (tfjs-backend-wasm's matMul with a transposed first operand is several times slower).
 */
export function matVec(tf: Tf, a: tfc.Tensor2D, x: tfc.Tensor1D, transpose = false): tfc.Tensor1D {
  return tf.tidy(() =>
    transpose ? (tf.reshape(tf.matMul(tf.reshape(x, [1, x.shape[0]]), a), [a.shape[1]]) as tfc.Tensor1D) : (tf.reshape(tf.matMul(a, tf.reshape(x, [x.shape[0], 1])), [a.shape[0]]) as tfc.Tensor1D),
  );
}

/** at most this many floats of a row block are formed at once by `weightedMoments` */
const BLOCK_FLOATS = 2 ** 22;

/**
 * First and second weighted moments of the rows aᵢ of A about a shift s (0 when null):
 *   first = Σᵢ wᵢ(aᵢ − s),  second = Σᵢ wᵢ(aᵢ − s)(aᵢ − s)ᵀ   (w ≡ 1 when null),
 * summed over row blocks so that a block's temporaries stay below BLOCK_FLOATS floats; `second` is
 * symmetrized, (S + Sᵀ)/2, since a float32 product AᵀDA rounds its (i, j) and (j, i) entries apart.
 * The block is transposed explicitly (see matVec).
 */
export function weightedMoments(tf: Tf, a: tfc.Tensor2D, w: tfc.Tensor1D | null, shift: tfc.Tensor1D | null): { first: tfc.Tensor1D; second: tfc.Tensor2D } {
  const [m, n] = a.shape;
  const rows = Math.max(1, Math.floor(BLOCK_FLOATS / n));
  let first = tf.zeros([n]) as tfc.Tensor1D;
  let second = tf.zeros([n, n]) as tfc.Tensor2D;
  for (let start = 0; start < m; start += rows) {
    const size = Math.min(rows, m - start);
    const next = tf.tidy(() => {
      const block = tf.slice(a, [start, 0], [size, n]);
      const centred = shift ? tf.sub(block, tf.reshape(shift, [1, n])) : block;
      const weights = w ? tf.reshape(tf.slice(w, [start], [size]), [size, 1]) : null;
      const weighted = weights ? tf.mul(centred, weights) : centred;
      return {
        first: tf.add(first, tf.sum(weighted, 0)) as tfc.Tensor1D,
        second: tf.add(second, tf.matMul(tf.transpose(centred), weighted)) as tfc.Tensor2D,
      };
    });
    first.dispose();
    second.dispose();
    ({ first, second } = next);
  }
  const symmetric = tf.tidy(() => tf.mul(0.5, tf.add(second, tf.transpose(second))) as tfc.Tensor2D);
  second.dispose();
  return { first, second: symmetric };
}
