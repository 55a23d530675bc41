import type * as tfc from '@tensorflow/tfjs-core';
import { cholesky } from '../../linalg/cholesky.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { lowerInverse } from '../../linalg/triangular.js';
import type { BackendMetric, MetricFromMatrix } from '../backend.js';
import type { Tf } from './conjugate-gradients.js';
import { matVec } from './products.js';

type V = tfc.Tensor1D;
type M = tfc.Tensor2D;

/**
 * A metric on tfjs: B on the device and, for B = LLᵀ, the whitener W = L⁻¹ — formed in float64 from
 * the Cholesky factor of B (tfjs has no triangular solve) and rounded to float32 once — so that
 * ‖s‖_* = ‖Ws‖₂ and B⁻¹s = Wᵀ(Ws) are direct products, never an iteration that may stop short.
 * Null fields for the identity.
 */
export interface TfjsMetric extends BackendMetric<V> {
  readonly b: M | null;
  readonly whitener: M | null;
  /** diag B (ones for the identity) */
  readonly diagonal: V;
  /** B as float64 (the float32 values), for diagnostics on the CPU */
  readonly dense: Matrix | null;
  /** s ↦ Ws */
  whiten(s: V): V;
  /** y ↦ Wᵀy */
  unwhiten(y: V): V;
  /** the tensors it holds */
  readonly tensors: readonly tfc.Tensor[];
}

export function isTfjsMetric(m: unknown): m is TfjsMetric {
  return typeof m === 'object' && m !== null && 'whitener' in m && 'tensors' in m;
}

const scalar = (t: tfc.Tensor): number => t.dataSync()[0];

export function identityTfjsMetric(tf: Tf, n: number): TfjsMetric {
  const norm = (h: V) => tf.tidy(() => scalar(tf.norm(h)));
  const same = (h: V) => tf.clone(h);
  const diagonal = tf.ones([n]) as V;
  return { n, isIdentity: true, b: null, whitener: null, diagonal, dense: null, tensors: [diagonal], norm, dualNorm: norm, apply: same, solve: same, whiten: same, unwhiten: same };
}

/** The metric of B (taking ownership of the tensor b), or the pivot where B is not positive definite in float64. */
export function denseTfjsMetric(tf: Tf, b: M): MetricFromMatrix<V> {
  const n = b.shape[0];
  const dense = matrix(n, n, Float64Array.from(b.dataSync()));
  const f = cholesky(dense);
  if (!f.ok) return { ok: false, reason: f.reason, pivot: f.pivot };
  const whitener = tf.tensor2d(Float32Array.from(lowerInverse(f.factor.l, n)), [n, n]);
  const diagonal = tf.tensor1d(Float32Array.from({ length: n }, (_, i) => dense.data[i * n + i]));
  const whiten = (s: V): V => matVec(tf, whitener, s);
  const unwhiten = (y: V): V => matVec(tf, whitener, y, true);
  const apply = (h: V): V => matVec(tf, b, h);
  const metric: TfjsMetric = {
    n,
    isIdentity: false,
    b,
    whitener,
    diagonal,
    dense,
    tensors: [b, whitener, diagonal],
    whiten,
    unwhiten,
    apply,
    solve: (s) => tf.tidy(() => unwhiten(whiten(s))),
    norm: (h) => tf.tidy(() => Math.sqrt(Math.max(0, scalar(tf.dot(h, apply(h)))))),
    dualNorm: (s) => tf.tidy(() => scalar(tf.norm(whiten(s)))),
  };
  return { ok: true, metric };
}
