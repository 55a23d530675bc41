import type * as tfc from '@tensorflow/tfjs-core';
import { cholesky } from '../../linalg/cholesky.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { denseMetric, identityMetric, metricMinEigenvalue, metricOperatorNorm } from '../../linalg/metric.js';
import { structureOf } from '../../problems/oracle-structure.js';
import type { Backend, BackendMetric, MetricFromMatrix, RegularizedSolution, RegularizedSystem } from '../backend.js';
import { crossingOracle } from '../crossing-oracle.js';
import { conjugateGradients, type Tf } from './conjugate-gradients.js';
import { tensorFunctionFor } from './oracles/index.js';
import { matVec, weightedMoments } from './products.js';
import type { TfjsRuntime } from './runtime.js';
import { tensorOracle } from './tensor-oracle.js';

type V = tfc.Tensor1D;
type M = tfc.Tensor2D;

/** float32 unit roundoff */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;

/** CG stops at ‖r‖ ≤ CG_TOLERANCE·‖b‖: a few hundred float32 roundoffs, where float32 CG still converges. */
export const CG_TOLERANCE = 1e-5;

/** A tfjs metric: B on the device (null for the identity) and its float64 copy for diagnostics. */
interface TfjsMetric extends BackendMetric<V> {
  readonly b: M | null;
  readonly diagonal: V;
  readonly dense: Matrix | null;
}

function asTfjsMetric(m: BackendMetric<V>): TfjsMetric {
  if (!('diagonal' in m)) throw new TypeError('tfjs backend: metric was not made by the tfjs backend');
  return m as TfjsMetric;
}

const scalar = (t: tfc.Tensor): number => t.dataSync()[0];

export type TfjsBackend = Backend<V, M> & { readonly runtime: TfjsRuntime; readonly cgTolerance: number };

export interface TfjsBackendOptions {
  /** CG stops at ‖r‖ ≤ cgTolerance·‖b‖ (default CG_TOLERANCE) */
  readonly cgTolerance?: number;
}

/**
 * float32 arithmetic on TensorFlow.js tensors (whichever tfjs backend `runtime` selected). tfjs has
 * no Cholesky, so (H + λB)x = rhs is solved matrix-free by Jacobi-preconditioned conjugate gradients
 * to CG_TOLERANCE, with the true residual reported as `residualBound`; negative curvature is the
 * not-positive-definite report (its `pivot` is the CG iteration). Spectral diagnostics (minEigenvalue,
 * operatorNorm) download the matrix and run in float64 on the CPU: they are not in any solver loop.
 */
export function tfjsBackend(runtime: TfjsRuntime, options: TfjsBackendOptions = {}): TfjsBackend {
  const tf: Tf = runtime.tf;
  const cgTolerance = options.cgTolerance ?? CG_TOLERANCE;
  const toMatrix = (a: M): Matrix => matrix(a.shape[0], a.shape[1], Float64Array.from(a.dataSync()));
  const mv = (a: M, x: V, transpose = false): V => matVec(tf, a, x, transpose);
  const cgSolve = (apply: (v: V) => V, diagonal: V, rhs: V): ReturnType<typeof conjugateGradients> => {
    const inverse = tf.tidy(() => tf.div(1, tf.maximum(diagonal, tf.scalar(Number.MIN_VALUE))) as V);
    const n = rhs.shape[0];
    const result = conjugateGradients(tf, apply, inverse, rhs, cgTolerance, Math.max(50, 4 * n));
    inverse.dispose();
    return result;
  };
  const identity = (n: number): TfjsMetric => {
    const norm = (h: V) => tf.tidy(() => scalar(tf.norm(h)));
    return { n, isIdentity: true, b: null, dense: null, diagonal: tf.ones([n]) as V, norm, dualNorm: norm, apply: (h) => tf.clone(h), solve: (s) => tf.clone(s) };
  };
  const backend: TfjsBackend = {
    name: 'tfjs',
    directSolves: false,
    runtime,
    cgTolerance,
    precision: { name: 'float32', unitRoundoff: FLOAT32_UNIT_ROUNDOFF, digits: 7.22 },
    vector: (values) => tf.tensor1d(Float32Array.from(values)),
    matrix: (a) => tf.tensor2d(Float32Array.from(a.data), [a.rows, a.cols]),
    toFloat64: (x) => Float64Array.from(x.dataSync()),
    matrixToFloat64: toMatrix,
    length: (x) => x.shape[0],
    dot: (x, y) => tf.tidy(() => scalar(tf.dot(x, y))),
    norm2: (x) => tf.tidy(() => scalar(tf.norm(x))),
    add: (x, y) => tf.add(x, y),
    sub: (x, y) => tf.sub(x, y),
    scale: (a, x) => tf.mul(a, x),
    axpy: (a, x, y) => tf.tidy(() => tf.add(tf.mul(a, x), y)),
    matVec: (a, x) => mv(a, x),
    matTVec: (a, x) => mv(a, x, true),
    symmetricRankK: (a, d) => tf.tidy(() => weightedMoments(tf, a, d ?? null, null).second),
    addScaled: (a, s, b) => tf.tidy(() => tf.add(a, tf.mul(s, b))),
    identityMetric: identity,
    metric(b): MetricFromMatrix<V> {
      const dense = toMatrix(b);
      const f = cholesky(dense);
      if (!f.ok) return { ok: false, reason: f.reason, pivot: f.pivot };
      const n = dense.rows;
      const diagonal = tf.tidy(() => tf.reshape(tf.sum(tf.mul(tf.eye(n), b), 1), [n]) as V);
      const apply = (h: V) => mv(b, h);
      const solve = (s: V): V => cgSolve(apply, diagonal, s).x;
      const metric: TfjsMetric = {
        n,
        isIdentity: false,
        b,
        dense,
        diagonal,
        apply,
        solve,
        norm: (h) => tf.tidy(() => Math.sqrt(Math.max(0, scalar(tf.dot(h, apply(h)))))),
        dualNorm: (s) => {
          const y = solve(s);
          const value = tf.tidy(() => Math.sqrt(Math.max(0, scalar(tf.dot(s, y)))));
          y.dispose();
          return value;
        },
      };
      return { ok: true, metric };
    },
    prepareRegularized(h, metric): RegularizedSystem<V> {
      const m = asTfjsMetric(metric);
      const n = m.n;
      if (h.shape[0] !== n || h.shape[1] !== n) throw new RangeError(`prepareRegularized: H is ${h.shape[0]}×${h.shape[1]}, the metric is ${n}×${n}`);
      const hDiagonal = tf.tidy(() => tf.reshape(tf.sum(tf.mul(tf.eye(n), h), 1), [n]) as V);
      return {
        n,
        solve(lambda, rhs): RegularizedSolution<V> {
          const apply = (v: V): V => tf.tidy(() => (m.b ? tf.add(mv(h, v), tf.mul(lambda, mv(m.b, v))) : tf.add(mv(h, v), tf.mul(lambda, v))) as V);
          const diagonal = tf.tidy(() => tf.add(hDiagonal, tf.mul(lambda, m.diagonal)) as V);
          const r = cgSolve(apply, diagonal, rhs);
          diagonal.dispose();
          if (r.negativeCurvatureAt !== null) {
            r.x.dispose();
            return { ok: false, reason: 'not-positive-definite', pivot: r.negativeCurvatureAt };
          }
          return { ok: true, x: r.x, residualBound: r.residual };
        },
      };
    },
    solveRegularized(h, lambda, metric, rhs) {
      return backend.prepareRegularized(h, metric).solve(lambda, rhs);
    },
    bindOracle(problem) {
      const structure = structureOf(problem);
      return structure ? tensorOracle(tf, tensorFunctionFor(tf, structure), problem) : crossingOracle(backend, problem);
    },
    scoped<T>(f: () => T): T {
      let out!: T;
      tf.tidy(() => {
        out = f();
      });
      return out;
    },
    keep: (value) => tf.keep(value),
    release(value) {
      if ('diagonal' in value) {
        const m = value as TfjsMetric;
        m.b?.dispose();
        m.diagonal.dispose();
      } else {
        (value as tfc.Tensor).dispose();
      }
    },
    minEigenvalue(a, metric) {
      const m = metric ? asTfjsMetric(metric) : null;
      const lin = m?.dense ? denseMetric(m.dense) : null;
      const dense = toMatrix(a);
      return metricMinEigenvalue(dense, lin?.ok ? lin.metric : identityMetric(dense.rows));
    },
    operatorNorm(a, metric) {
      const m = metric ? asTfjsMetric(metric) : null;
      const lin = m?.dense ? denseMetric(m.dense) : null;
      const dense = toMatrix(a);
      return metricOperatorNorm(dense, lin?.ok ? lin.metric : identityMetric(dense.rows));
    },
  };
  return backend;
}
