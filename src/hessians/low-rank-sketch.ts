import { symmetricEigen } from '../linalg/eigen.js';
import { type Matrix, matMul, matrix, symmetrizeInPlace, transpose } from '../linalg/matrix.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { gaussian, rng } from '../random/prng.js';
import { addErrorBounds } from './combine-certificates.js';
import type { HessianModel } from './hessian-model.js';
import { denseHessian } from './dense-hessian.js';
import { hessianNormBound } from './hessian-norm-bound.js';

/**
 * Nyström sketch of rank ≤ r with a fixed Gaussian test matrix Ω (n×r), in the metric's coordinates
 * W = L⁻¹H₀L⁻ᵀ: Ŵ = (WΩ)(ΩᵀWΩ)⁺(WΩ)ᵀ, H = L·Ŵ·Lᵀ. For W ⪰ 0, 0 ⪯ W − Ŵ ⪯ W (Gittens & Mahoney
 * 2016, Lemma 1), so ‖H₀ − H‖ ≤ ‖H₀‖ and H ⪰ 0.
 */
export function lowRankSketch(base: HessianModel, instance: Instance, rank: number, seed: number): HessianModel {
  const n = instance.problem.dim;
  if (!(Number.isInteger(rank) && rank >= 1)) throw new RangeError('low-rank sketch: rank must be a positive integer');
  const r = Math.min(rank, n);
  const metric = metricOf(instance.metric, n);
  const next = rng(seed);
  const omega = matrix(n, r, Float64Array.from({ length: n * r }, () => gaussian(next)));
  const bound = hessianNormBound(instance);
  const exactPsdBase = base.certificate.certified && base.certificate.C1 === 0 && base.certificate.C2 === 0 && base.certificate.psd;
  const how = `Nyström sketch of rank ${r}`;
  const certificate = exactPsdBase && bound
    ? addErrorBounds(base.certificate, { C1: bound.C1, C2: bound.C2, beta: 0 }, true, `${how}: 0 ⪯ ∇²f − H ⪯ ∇²f, ${bound.how}`)
    : { certified: false as const, psd: base.certificate.psd, how: `${how}: the error bound needs an exact PSD base Hessian and a certified ‖∇²f‖` };
  return denseHessian(`${base.id}+sketch(rank=${r},seed=${seed})`, certificate, base, n, (_, h0) => {
    const w = metric.whiten(h0);
    const y = matMul(w, omega);
    const core = symmetrizeInPlace(matMul(transpose(omega), y));
    const pinv = pseudoInverse(core);
    const sketch = symmetrizeInPlace(matMul(matMul(y, pinv), transpose(y)));
    if (!metric.factor) return sketch;
    const l = matrix(n, n, metric.factor.l);
    return symmetrizeInPlace(matMul(matMul(l, sketch), transpose(l)));
  });
}

/** Moore–Penrose inverse of a symmetric matrix, eigenvalues below r·u·max|λ| treated as zero. */
function pseudoInverse(a: Matrix): Matrix {
  const r = a.rows;
  const { values, vectors } = symmetricEigen(a, { vectors: true });
  const v = vectors as Matrix;
  const top = values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const cutoff = r * 2 ** -52 * top;
  const out = matrix(r, r);
  for (let k = 0; k < r; k++) {
    if (Math.abs(values[k]) <= cutoff) continue;
    const inv = 1 / values[k];
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out.data[i * r + j] += v.data[i * r + k] * inv * v.data[j * r + k];
  }
  return out;
}
