import type * as tfc from '@tensorflow/tfjs-core';
import type { OracleStructure } from '../../../problems/oracle-structure.js';
import type { Tf } from '../conjugate-gradients.js';
import { matVec, weightedMoments } from '../products.js';
import type { TensorFunction } from '../tensor-oracle.js';

/**
 * f(x) = (1/N)·Σᵢ log(1 + exp(−zᵢ)) + (ρ/2)‖x‖², zᵢ = yᵢ⟨aᵢ, x⟩, on tensors (the float64 oracle:
 * problems/families/logistic.ts): ∇f = −(1/N)·Aᵀ(σ(−z)∘y) + ρx, ∇²f = (1/N)·AᵀDiag(σ(z)σ(−z))A + ρI;
 * log(1 + e^t) as max(t, 0) + log1p(e^(−|t|)).
 */
export function logisticTensors(tf: Tf, s: Extract<OracleStructure, { kind: 'logistic' }>): TensorFunction<tfc.Tensor1D> {
  const { rows: N, cols: n } = s.features;
  const a = tf.tensor2d(Float32Array.from(s.features.data), [N, n]);
  const y = tf.tensor1d(Float32Array.from(s.labels));
  const rho = s.rho;
  const regularization = (x: tfc.Tensor1D): number => (rho === 0 ? 0 : 0.5 * rho * tf.dot(x, x).dataSync()[0]);
  return {
    n,
    data: [a, y],
    prepare: (x) => tf.mul(y, matVec(tf, a, x)) as tfc.Tensor1D,
    tensorsOf: (z) => [z],
    value(z, x) {
      const t = tf.neg(z);
      const loss = tf.sum(tf.add(tf.relu(t), tf.log1p(tf.exp(tf.neg(tf.abs(t)))))).dataSync()[0];
      return loss / N + regularization(x);
    },
    gradient(z, x) {
      const g = matVec(tf, a, tf.div(tf.mul(tf.sigmoid(tf.neg(z)), y), -N) as tfc.Tensor1D, true);
      return (rho === 0 ? g : tf.add(g, tf.mul(rho, x))) as tfc.Tensor1D;
    },
    hessian(z) {
      const w = tf.div(tf.mul(tf.sigmoid(z), tf.sigmoid(tf.neg(z))), N) as tfc.Tensor1D;
      const { second } = weightedMoments(tf, a, w, null);
      return (rho === 0 ? second : tf.add(second, tf.mul(rho, tf.eye(n)))) as tfc.Tensor2D;
    },
  };
}
