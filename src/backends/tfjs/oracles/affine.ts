import type * as tfc from '@tensorflow/tfjs-core';
import type { Matrix } from '../../../linalg/matrix.js';
import type { Tf } from '../conjugate-gradients.js';
import { matVec } from '../products.js';
import type { TensorFunction } from '../tensor-oracle.js';

interface State<S> {
  /** x = Ty + b */
  readonly x: tfc.Tensor1D;
  readonly base: S;
}

/** y ↦ f(Ty + b) on tensors: f(x), Tᵀ∇f(x) and Tᵀ∇²f(x)T at x = Ty + b (scenarios/affine.ts in float64). */
export function affineTensors<S>(tf: Tf, base: TensorFunction<S>, map: { readonly T: Matrix; readonly b: Float64Array }): TensorFunction<State<S>> {
  const n = map.T.rows;
  const t = tf.tensor2d(Float32Array.from(map.T.data), [n, n]);
  const b = tf.tensor1d(Float32Array.from(map.b));
  return {
    n,
    data: [...base.data, t, b],
    prepare(y) {
      const x = tf.add(matVec(tf, t, y), b) as tfc.Tensor1D;
      return { x, base: base.prepare(x) };
    },
    tensorsOf: (st) => [st.x, ...base.tensorsOf(st.base)],
    value: (st) => base.value(st.base, st.x),
    gradient: (st) => matVec(tf, t, base.gradient(st.base, st.x), true),
    hessian(st) {
      const h = tf.matMul(tf.matMul(tf.transpose(t), base.hessian(st.base, st.x)), t);
      return tf.mul(0.5, tf.add(h, tf.transpose(h))) as tfc.Tensor2D;
    },
  };
}
