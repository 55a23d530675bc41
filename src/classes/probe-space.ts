import type { Matrix } from '../linalg/matrix.js';
import type { Metric } from '../linalg/metric.js';
import { symmetricEigen, symmetricEigenvalues } from '../linalg/eigen.js';
import { solveLowerTransposeInPlace } from '../linalg/triangular.js';
import { axpy, norm2 } from '../linalg/vector.js';
import { gaussian, rng } from '../random/prng.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { roundingModel, type RoundingModel } from './rounding.js';

/** Sampling scales of a spot check, as multiples of R = ‖x0‖_B + 1. */
export const SCALES: readonly number[] = [1e-2, 1e-1, 1, 10];

/** Every probe point stays within this many R of x0 (keeps exponential families finite). */
export const MAX_REACH = 10;

/** Generalized eigenpairs of a symmetric E relative to B: E·d = λ·B·d with ‖d‖_B = 1, λ ascending. */
export interface GeneralizedEigen {
  readonly values: Float64Array;
  direction(j: number): Float64Array;
}

/**
 * The geometry in which a spot check samples: the instance's metric B, its condition number, the
 * radius R = ‖x0‖_B + 1, a seeded generator, B-unit random directions, B-orthonormal eigenvectors,
 * and the rounding model of `rounding.ts` for this dimension and κ(B).
 */
export interface ProbeSpace {
  readonly n: number;
  readonly metric: Metric;
  readonly kappa: number;
  readonly radius: number;
  readonly x0: Float64Array;
  readonly next: () => number;
  readonly rounding: RoundingModel;
  /** d/‖d‖_B, or null for d = 0 or non-finite d */
  normalize(d: Float64Array): Float64Array | null;
  /** uniform on the B-unit sphere */
  randomDirection(): Float64Array;
  /** x0 + scale·R·ρ·d with d random B-unit and ρ uniform in [0, 1] */
  randomPoint(scale: number): Float64Array;
  /** x pulled back to ‖x − x0‖_B ≤ MAX_REACH·R */
  clip(x: Float64Array): Float64Array;
  generalizedEigen(e: Matrix): GeneralizedEigen;
  /** the B-unit h maximizing ⟨s, h⟩, i.e. B⁻¹s/‖s‖_* */
  dualDirection(s: Float64Array): Float64Array | null;
  /** the Frobenius norm of B^{-½}EB^{-½}: between ‖E‖ and √n·‖E‖ (a scale, not a norm estimate) */
  whitenedScale(e: Matrix): number;
}

export function probeSpace(instance: Instance, seed: number): ProbeSpace {
  const n = instance.problem.dim;
  const metric = metricOf(instance.metric, n);
  let kappa = 1;
  if (!metric.isIdentity) {
    const ev = symmetricEigenvalues(metric.matrix());
    kappa = ev[n - 1] / ev[0];
    if (!(kappa >= 1 && Number.isFinite(kappa))) kappa = Infinity;
  }
  const next = rng(seed);
  const x0 = instance.x0;
  const radius = metric.norm(x0) + 1;
  const toPrimal = (z: Float64Array): Float64Array =>
    metric.factor ? solveLowerTransposeInPlace(metric.factor.l, n, z) : z;
  const normalize = (d: Float64Array): Float64Array | null => {
    const s = metric.norm(d);
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = d[i] / s;
    return out;
  };
  const randomDirection = (): Float64Array => {
    for (;;) {
      const z = Float64Array.from({ length: n }, () => gaussian(next));
      const s = norm2(z);
      if (s > 0) {
        for (let i = 0; i < n; i++) z[i] /= s;
        return toPrimal(z);
      }
    }
  };
  const clip = (x: Float64Array): Float64Array => {
    const diff = new Float64Array(n);
    for (let i = 0; i < n; i++) diff[i] = x[i] - x0[i];
    const s = metric.norm(diff);
    const reach = MAX_REACH * radius;
    if (s <= reach) return x;
    return axpy(reach / s, diff, x0.slice());
  };
  return {
    n,
    metric,
    kappa,
    radius,
    x0,
    next,
    rounding: roundingModel(n, kappa),
    normalize,
    randomDirection,
    randomPoint(scale) {
      return axpy(scale * radius * next(), randomDirection(), x0.slice());
    },
    clip,
    generalizedEigen(e) {
      const { values, vectors } = symmetricEigen(metric.whiten(e), { vectors: true });
      const v = vectors as Matrix;
      return {
        values,
        direction(j) {
          const z = new Float64Array(n);
          for (let i = 0; i < n; i++) z[i] = v.data[i * n + j];
          return toPrimal(z);
        },
      };
    },
    dualDirection(s) {
      return normalize(metric.solve(s));
    },
    whitenedScale(e) {
      const w = metric.whiten(e);
      return norm2(w.data);
    },
  };
}

/** x + t·d into a new vector */
export function along(x: Float64Array, t: number, d: Float64Array): Float64Array {
  return axpy(t, d, x.slice());
}
