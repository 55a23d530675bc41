import type * as tfc from '@tensorflow/tfjs-core';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { denseMetric, identityMetric, metricMinEigenvalue, metricOperatorNorm } from '../../linalg/metric.js';
import { structureOf } from '../../problems/oracle-structure.js';
import type { Backend, BackendMetric, RegularizedSolution, RegularizedSystem } from '../backend.js';
import { crossingOracle } from '../crossing-oracle.js';
import { type CgResult, conjugateGradients, type Tf } from './conjugate-gradients.js';
import { denseTfjsMetric, identityTfjsMetric, isTfjsMetric, type TfjsMetric } from './tfjs-metric.js';
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

function asTfjsMetric(m: BackendMetric<V>): TfjsMetric {
  if (!isTfjsMetric(m)) throw new TypeError('tfjs backend: metric was not made by the tfjs backend');
  return m;
}

const scalar = (t: tfc.Tensor): number => t.dataSync()[0];

export type TfjsBackend = Backend<V, M> & { readonly runtime: TfjsRuntime };

/**
 * float32 arithmetic on TensorFlow.js tensors (whichever tfjs backend `runtime` selected). tfjs has
 * no Cholesky, so (H + λB)x = rhs is solved matrix-free by conjugate gradients to the CG tolerance:
 * for B = I with the Jacobi preconditioner 1/(diag H + λ); for a dense B on the whitened system
 * (WHWᵀ + λI)y = W·rhs, x = Wᵀy, with W = L⁻¹ of the metric (tfjs-metric.ts), which takes κ(B) out of
 * the iteration, and by Jacobi CG on H + λB where that answer misses the tolerance. The true residual ‖(H + λB)x − rhs‖₂ is reported as `residualBound`; negative
 * curvature is the not-positive-definite report (its `pivot` is the CG iteration). Problems with a
 * known structure are evaluated on tensors (bindOracle). Spectral diagnostics (minEigenvalue,
 * operatorNorm) download the matrix and run in float64 on the CPU: they are not in any solver loop.
 */
export function tfjsBackend(runtime: TfjsRuntime): TfjsBackend {
  const tf: Tf = runtime.tf;
  const toMatrix = (a: M): Matrix => matrix(a.shape[0], a.shape[1], Float64Array.from(a.dataSync()));
  const mv = (a: M, x: V, transpose = false): V => matVec(tf, a, x, transpose);
  const cgSolve = (apply: (v: V) => V, inverseDiagonal: V | null, rhs: V): CgResult => conjugateGradients(tf, apply, inverseDiagonal, rhs, CG_TOLERANCE, Math.max(50, 4 * rhs.shape[0]));
  const backend: TfjsBackend = {
    name: 'tfjs',
    directSolves: false,
    runtime,
    precision: { name: 'float32', unitRoundoff: FLOAT32_UNIT_ROUNDOFF, digits: 7.22 },
    arithmetic: `tfjs/${runtime.backend} (${runtime.device}); the data-heavy oracles on tensors, (H + λB)x = r by CG to ${CG_TOLERANCE.toExponential()}; float32`,
    withoutGpu: runtime.gpu ? null : `tfjs runs on ${runtime.backend}: ${runtime.passedOver.join('; ')}`,
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
    identityMetric: (n) => identityTfjsMetric(tf, n),
    metric: (b) => denseTfjsMetric(tf, b),
    prepareRegularized(h, metric): RegularizedSystem<V> {
      const m = asTfjsMetric(metric);
      const n = m.n;
      if (h.shape[0] !== n || h.shape[1] !== n) throw new RangeError(`prepareRegularized: H is ${h.shape[0]}×${h.shape[1]}, the metric is ${n}×${n}`);
      const hDiagonal = tf.tidy(() => tf.reshape(tf.sum(tf.mul(tf.eye(n), h), 1), [n]) as V);
      const shifted = (lambda: number, v: V): V => tf.tidy(() => tf.add(mv(h, v), tf.mul(lambda, m.apply(v))) as V);
      const outcome = (r: CgResult, x: V, residual: number): RegularizedSolution<V> => {
        if (r.negativeCurvatureAt === null) return { ok: true, x, residualBound: residual };
        x.dispose();
        return { ok: false, reason: 'not-positive-definite', pivot: r.negativeCurvatureAt };
      };
      /** CG on H + λB with the Jacobi preconditioner 1/(diag H + λ·diag B) */
      const jacobi = (lambda: number, rhs: V): RegularizedSolution<V> => {
        const inverse = tf.tidy(() => tf.div(1, tf.maximum(tf.add(hDiagonal, tf.mul(lambda, m.diagonal)), Number.MIN_VALUE)) as V);
        const r = cgSolve((v) => shifted(lambda, v), inverse, rhs);
        inverse.dispose();
        return outcome(r, r.x, r.residual);
      };
      /** CG on the whitened system (WHWᵀ + λI)y = W·rhs, x = Wᵀy: κ(B) leaves the iteration */
      const whitened = (lambda: number, rhs: V): RegularizedSolution<V> => {
        const b = m.whiten(rhs);
        const r = cgSolve((v) => tf.tidy(() => tf.add(m.whiten(mv(h, m.unwhiten(v))), tf.mul(lambda, v)) as V), null, b);
        b.dispose();
        const x = m.unwhiten(r.x);
        r.x.dispose();
        return outcome(r, x, tf.tidy(() => scalar(tf.norm(tf.sub(shifted(lambda, x), rhs)))));
      };
      return {
        n,
        solve(lambda, rhs): RegularizedSolution<V> {
          if (m.isIdentity) return jacobi(lambda, rhs);
          // where W is too ill-conditioned for float32 (κ(B)·u ≳ 1) the whitened operator is rounding
          // noise on B's small directions: its answer is kept only when its true residual meets the
          // tolerance, and a negative curvature it meets is not taken as proof; Jacobi decides then
          const w = whitened(lambda, rhs);
          const target = 10 * CG_TOLERANCE * tf.tidy(() => scalar(tf.norm(rhs)));
          if (w.ok && w.residualBound <= target) return w;
          if (w.ok) w.x.dispose();
          return jacobi(lambda, rhs);
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
      if (isTfjsMetric(value)) tf.dispose(value.tensors as tfc.Tensor[]);
      else (value as tfc.Tensor).dispose();
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
