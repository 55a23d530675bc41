import type * as tfc from '@tensorflow/tfjs-core';
import type { OracleStructure } from '../../../problems/oracle-structure.js';
import type { Tf } from '../conjugate-gradients.js';
import { weightedMoments } from '../products.js';
import type { TensorFunction } from '../tensor-oracle.js';

interface State {
  /** N×K, row i = softmax(uᵢ), U = A·Wᵀ with W = x as K×d (row k = w_k) */
  readonly p: tfc.Tensor2D;
  /** Σᵢ [lse(uᵢ) − uᵢ,cᵢ] */
  readonly loss: tfc.Scalar;
}

/**
 * Softmax regression f(x) = (1/N)·Σᵢ [lse(uᵢ) − uᵢ,cᵢ] + (ρ/2)‖x‖², uᵢ,k = ⟨aᵢ, w_k⟩, x = (w_1; …; w_K), on
 * tensors (the float64 oracle: problems/families/softmax-regression.ts): ∇_{w_k} f = (1/N)·Aᵀ(P − Y)_k + ρw_k
 * (Y the one-hot labels) and block (k, l) of ∇²f = (1/N)·AᵀDiag(p_k δ_kl − p_k p_l)A + ρδ_kl I.
 */
export function softmaxRegressionTensors(tf: Tf, s: Extract<OracleStructure, { kind: 'softmax-regression' }>): TensorFunction<State> {
  const { rows: N, cols: d } = s.features;
  const K = s.classes;
  const n = d * K;
  const a = tf.tensor2d(Float32Array.from(s.features.data), [N, d]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(s.labels, 'int32'), K), 'float32') as tfc.Tensor2D);
  const rho = s.rho;
  const regularization = (x: tfc.Tensor1D): number => (rho === 0 ? 0 : 0.5 * rho * tf.dot(x, x).dataSync()[0]);
  return {
    n,
    data: [a, y],
    prepare(x) {
      const u = tf.matMul(a, tf.transpose(tf.reshape(x, [K, d])));
      const uMax = tf.max(u, 1, true);
      const e = tf.exp(tf.sub(u, uMax));
      const sum = tf.sum(e, 1, true);
      const lse = tf.add(uMax, tf.log(sum));
      return { p: tf.div(e, sum) as tfc.Tensor2D, loss: tf.sum(tf.sub(lse, tf.sum(tf.mul(u, y), 1, true))) as tfc.Scalar };
    },
    tensorsOf: (st) => [st.p, st.loss],
    value: (st, x) => st.loss.dataSync()[0] / N + regularization(x),
    gradient(st, x) {
      const g = tf.reshape(tf.div(tf.matMul(tf.transpose(tf.sub(st.p, y)), a), N), [n]) as tfc.Tensor1D;
      return (rho === 0 ? g : tf.add(g, tf.mul(rho, x))) as tfc.Tensor1D;
    },
    hessian(st) {
      const columns = tf.unstack(st.p, 1) as tfc.Tensor1D[];
      const blocks: tfc.Tensor2D[][] = columns.map(() => []);
      for (let k = 0; k < K; k++) {
        for (let l = k; l < K; l++) {
          const w = tf.div(k === l ? tf.mul(columns[k], tf.sub(1, columns[k])) : tf.neg(tf.mul(columns[k], columns[l])), N) as tfc.Tensor1D;
          const block = weightedMoments(tf, a, w, null).second;
          blocks[k][l] = rho !== 0 && k === l ? (tf.add(block, tf.mul(rho, tf.eye(d))) as tfc.Tensor2D) : block;
          if (l !== k) blocks[l][k] = tf.transpose(block);
        }
      }
      return tf.concat(blocks.map((row) => tf.concat(row, 1)), 0) as tfc.Tensor2D;
    },
  };
}
