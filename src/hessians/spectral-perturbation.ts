import { symmetricEigen } from '../linalg/eigen.js';
import { type Matrix, matMul, matrix, symmetrizeInPlace, transpose } from '../linalg/matrix.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { rng } from '../random/prng.js';
import { addErrorBounds } from './combine-certificates.js';
import type { HessianModel } from './hessian-model.js';
import { denseHessian } from './dense-hessian.js';
import { hessianNormBound } from './hessian-norm-bound.js';

/**
 * Relative spectral perturbation: in the metric's coordinates W = L⁻¹H₀L⁻ᵀ = VΛVᵀ, each eigenvalue is
 * scaled by (1 + δᵢ) with δᵢ uniform in [−δ, δ] (fixed by the seed): H = L·V·diag(λᵢ(1 + δᵢ))·Vᵀ·Lᵀ.
 * Then ‖H − H₀‖ = maxᵢ|λᵢδᵢ| ≤ δ‖H₀‖, and H ⪰ 0 when H₀ ⪰ 0 and δ < 1.
 */
export function spectralPerturbation(base: HessianModel, instance: Instance, delta: number, seed: number): HessianModel {
  if (!(delta >= 0 && delta < 1)) throw new RangeError('spectral perturbation: δ must lie in [0, 1)');
  const n = instance.problem.dim;
  const metric = metricOf(instance.metric, n);
  const next = rng(seed);
  const factors = Float64Array.from({ length: n }, () => 1 + delta * (2 * next() - 1));
  const bound = hessianNormBound(instance);
  const exactBase = base.certificate.certified && base.certificate.C1 === 0 && base.certificate.C2 === 0;
  const how = `relative spectral perturbation (1 ± ${delta})`;
  const certificate = exactBase && bound
    ? addErrorBounds(base.certificate, { C1: delta * bound.C1, C2: delta * bound.C2, beta: 0 }, base.certificate.psd, `${how}: ‖E‖ ≤ δ‖∇²f‖, ${bound.how}`)
    : { certified: false as const, psd: base.certificate.psd, how: `${how}: ‖E‖ ≤ δ‖H₀‖, but no certified bound on ‖H₀‖` };
  return denseHessian(`${base.id}+spectral(delta=${delta},seed=${seed})`, certificate, base, n, (_, h0) => {
    const w = metric.whiten(h0);
    const { values, vectors } = symmetricEigen(w, { vectors: true });
    const v = vectors as Matrix;
    const scaled = matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled.data[i * n + j] = v.data[i * n + j] * values[j] * factors[j];
    const inner = symmetrizeInPlace(matMul(scaled, transpose(v)));
    if (!metric.factor) return inner;
    const l = matrix(n, n, metric.factor.l);
    return symmetrizeInPlace(matMul(matMul(l, inner), transpose(l)));
  });
}
