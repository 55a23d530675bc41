import type * as tfc from '@tensorflow/tfjs-core';
import type { Tf } from '../conjugate-gradients.js';
import type { TensorFunction } from '../tensor-oracle.js';

/** c·f on tensors: f, ∇f and ∇²f of the base function multiplied by c (exact for a power of two, as in float64). */
export function scaledTensors<S>(tf: Tf, base: TensorFunction<S>, c: number): TensorFunction<S> {
  return {
    n: base.n,
    data: base.data,
    prepare: (x) => base.prepare(x),
    tensorsOf: (state) => base.tensorsOf(state),
    value: (state, x) => c * base.value(state, x),
    gradient: (state, x) => tf.mul(c, base.gradient(state, x)) as tfc.Tensor1D,
    hessian: (state, x) => tf.mul(c, base.hessian(state, x)) as tfc.Tensor2D,
  };
}
