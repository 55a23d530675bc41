import type * as tfc from '@tensorflow/tfjs-core';
import type { OracleStructure } from '../../../problems/oracle-structure.js';
import type { Tf } from '../conjugate-gradients.js';
import { matVec, weightedMoments } from '../products.js';
import type { TensorFunction } from '../tensor-oracle.js';

interface State {
  /** π = softmax(z), z = (Ax − b)/μ */
  readonly pi: tfc.Tensor1D;
  /** log Σ exp(z), as z_max + log Σ exp(z − z_max) */
  readonly lse: tfc.Scalar;
  /** argmax z */
  readonly top: tfc.Tensor1D;
}

/**
 * f(x) = μ·log Σᵢ exp((⟨aᵢ, x⟩ − bᵢ)/μ) on tensors (the float64 oracle: problems/families/logsumexp.ts):
 * ∇f = Aᵀπ and ∇²f = (1/μ)·Σᵢ πᵢ(aᵢ − ∇f)(aᵢ − ∇f)ᵀ, formed about the row a_k of the largest term as
 * (1/μ)·(Σᵢ πᵢ(aᵢ − a_k)(aᵢ − a_k)ᵀ − ccᵀ) with c = Σᵢ πᵢ(aᵢ − a_k) (Σπ = 1), so that it stays
 * accurate when π is nearly one-hot at k.
 */
export function logSumExpTensors(tf: Tf, s: Extract<OracleStructure, { kind: 'logsumexp' }>): TensorFunction<State> {
  const { rows: m, cols: n } = s.A;
  const a = tf.tensor2d(Float32Array.from(s.A.data), [m, n]);
  const b = tf.tensor1d(Float32Array.from(s.b));
  const mu = s.mu;
  return {
    n,
    data: [a, b],
    prepare(x) {
      const z = tf.div(tf.sub(matVec(tf, a, x), b), mu);
      const zMax = tf.max(z);
      const e = tf.exp(tf.sub(z, zMax));
      const sum = tf.sum(e);
      return { pi: tf.div(e, sum) as tfc.Tensor1D, lse: tf.add(zMax, tf.log(sum)) as tfc.Scalar, top: tf.reshape(tf.argMax(z), [1]) as tfc.Tensor1D };
    },
    tensorsOf: (st) => [st.pi, st.lse, st.top],
    value: (st) => mu * st.lse.dataSync()[0],
    gradient: (st) => matVec(tf, a, st.pi, true),
    hessian(st) {
      const aTop = tf.reshape(tf.gather(a, st.top), [n]) as tfc.Tensor1D;
      const { first: c, second } = weightedMoments(tf, a, st.pi, aTop);
      return tf.div(tf.sub(second, tf.outerProduct(c, c)), mu) as tfc.Tensor2D;
    },
  };
}
