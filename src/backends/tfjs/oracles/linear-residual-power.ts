import type * as tfc from '@tensorflow/tfjs-core';
import type { OracleStructure } from '../../../problems/oracle-structure.js';
import type { Tf } from '../conjugate-gradients.js';
import { matVec, weightedMoments } from '../products.js';
import type { TensorFunction } from '../tensor-oracle.js';

interface State {
  /** u = Ax − b */
  readonly u: tfc.Tensor1D;
  /** r = ‖u‖₂, read back once per point: powers of it are formed in float64 on the host */
  readonly r: number;
}

/**
 * f(x) = (1/p)‖Ax − b‖^p on tensors (the float64 oracle: nonlinearEquations of a linear residual,
 * problems/families/nonlinear-equations.ts): with r = ‖u‖, q̂ = Aᵀu/r,
 *   ∇f = r^(p−2)·Aᵀu,  ∇²f = r^(p−2)·(AᵀA + (p−2)·q̂q̂ᵀ),
 * AᵀA formed once on the device; at u = 0, ∇²f = AᵀA for p = 2 and 0 for p > 2.
 */
export function linearResidualPowerTensors(tf: Tf, s: Extract<OracleStructure, { kind: 'linear-residual-power' }>): TensorFunction<State> {
  const { rows: m, cols: n } = s.A;
  const { p } = s;
  const a = tf.tensor2d(Float32Array.from(s.A.data), [m, n]);
  const b = tf.tensor1d(Float32Array.from(s.b));
  const gram = tf.tidy(() => weightedMoments(tf, a, null, null).second);
  return {
    n,
    data: [a, b, gram],
    prepare(x) {
      const u = tf.sub(matVec(tf, a, x), b) as tfc.Tensor1D;
      return { u, r: tf.norm(u).dataSync()[0] };
    },
    tensorsOf: (st) => [st.u],
    value: (st) => st.r ** p / p,
    gradient: (st) => tf.mul(st.r ** (p - 2), matVec(tf, a, st.u, true)) as tfc.Tensor1D,
    hessian(st) {
      if (st.r === 0) return p === 2 ? tf.clone(gram) : (tf.zeros([n, n]) as tfc.Tensor2D);
      const q = tf.div(matVec(tf, a, st.u, true), st.r) as tfc.Tensor1D;
      return tf.mul(st.r ** (p - 2), p === 2 ? gram : tf.add(gram, tf.mul(p - 2, tf.outerProduct(q, q)))) as tfc.Tensor2D;
    },
  };
}
