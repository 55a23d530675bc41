import type * as tfc from '@tensorflow/tfjs-core';
import { allFinite } from '../../linalg/vector.js';
import { structureOf } from '../../problems/oracle-structure.js';
import type { Oracle, Problem } from '../../problems/oracle.js';
import type { BoundOracle } from '../backend.js';
import type { Tf } from './conjugate-gradients.js';

type V = tfc.Tensor1D;
type M = tfc.Tensor2D;

/**
 * A function of a problem family on tensors, its data on the device. `prepare` computes what f, ∇f and
 * ∇²f at one x share (e.g. A·x and the softmax weights); the others read it. Every method may leave
 * temporaries: the caller runs it inside tf.tidy.
 */
export interface TensorFunction<S> {
  readonly n: number;
  /** the problem's data, uploaded once */
  readonly data: readonly tfc.Tensor[];
  prepare(x: V): S;
  /** the tensors a prepared state holds */
  tensorsOf(state: S): tfc.Tensor[];
  value(state: S, x: V): number;
  gradient(state: S, x: V): V;
  hessian(state: S, x: V): M;
}

/**
 * The bound oracle of a problem evaluated natively on tensors: x never leaves the device to be
 * evaluated; f leaves as a scalar, ∇f as an n-vector (the record needs it), ∇²f stays. The state of
 * the last point is kept (a solver asks for f, ∇f and ∇²f at the same point in turn) and freed when
 * another point is asked for. A non-finite x gives NaN, as the float64 oracles do. Calls are counted
 * on the problem when it counts.
 */
export function tensorOracle<S>(tf: Tf, fn: TensorFunction<S>, problem: Oracle): BoundOracle<V, M> {
  const structure = structureOf(problem);
  const count = (kind: 'f' | 'grad' | 'hess') => (problem as Partial<Problem>).countCall?.(kind);
  const n = fn.n;
  for (const t of fn.data) tf.keep(t);
  let last: { v: V; state: S } | null = null;
  const stateAt = (v: V): S => {
    if (last?.v === v) return last.state;
    if (last) tf.dispose(fn.tensorsOf(last.state));
    last = null;
    let state!: S;
    tf.tidy(() => {
      state = fn.prepare(v);
      for (const t of fn.tensorsOf(state)) tf.keep(t);
    });
    last = { v, state };
    return state;
  };
  return {
    native: true,
    f(p) {
      count('f');
      if (!allFinite(p.x)) return NaN;
      return tf.tidy(() => fn.value(stateAt(p.v), p.v));
    },
    grad(p) {
      count('grad');
      if (!allFinite(p.x)) return { g: new Float64Array(n).fill(NaN), v: tf.fill([n], NaN) as V };
      const v = tf.tidy(() => fn.gradient(stateAt(p.v), p.v));
      return { g: Float64Array.from(v.dataSync()), v };
    },
    hess(p) {
      count('hess');
      if (!allFinite(p.x)) return tf.fill([n, n], NaN) as M;
      return tf.tidy(() => fn.hessian(stateAt(p.v), p.v));
    },
    evaluates: (oracle) => structure !== undefined && structureOf(oracle) === structure,
    release() {
      if (last) tf.dispose(fn.tensorsOf(last.state));
      last = null;
      tf.dispose(fn.data as tfc.Tensor[]);
    },
  };
}
