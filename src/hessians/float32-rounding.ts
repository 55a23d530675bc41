import { symmetricEigenvalues } from '../linalg/eigen.js';
import { matrix } from '../linalg/matrix.js';
import type { Instance } from '../problems/instance.js';
import { addErrorBounds } from './combine-certificates.js';
import type { HessianModel } from './hessian-model.js';
import { denseHessian } from './dense-hessian.js';
import { hessianNormBound } from './hessian-norm-bound.js';

const U32 = 2 ** -24;

/**
 * H = H₀ rounded entrywise to float32. |Eᵢⱼ| ≤ 2⁻²⁴|H₀ᵢⱼ|, so ‖E‖₂ ≤ ‖E‖_F ≤ 2⁻²⁴√n‖H₀‖₂, and in the
 * metric ‖E‖ ≤ 2⁻²⁴√n·κ(B)·‖H₀‖ (while no entry leaves the float32 range).
 */
export function float32Rounding(base: HessianModel, instance: Instance): HessianModel {
  const n = instance.problem.dim;
  let kappa = 1;
  if (instance.metric.kind === 'dense') {
    const ev = symmetricEigenvalues(instance.metric.B);
    kappa = ev[ev.length - 1] / ev[0];
  }
  const factor = U32 * Math.sqrt(n) * kappa;
  const bound = hessianNormBound(instance);
  const exactBase = base.certificate.certified && base.certificate.C1 === 0 && base.certificate.C2 === 0;
  const how = 'float32 rounding of every entry';
  const certificate = exactBase && bound
    ? addErrorBounds(base.certificate, { C1: factor * bound.C1, C2: factor * bound.C2, beta: 0 }, false, `${how}: ‖E‖ ≤ 2⁻²⁴√n·κ(B)·‖∇²f‖, ${bound.how}`)
    : { certified: false as const, psd: false, how: `${how}: no certified bound on ‖∇²f‖` };
  return denseHessian(`${base.id}+float32`, certificate, base, n, (_, h0) => matrix(n, n, Float64Array.from(h0.data, Math.fround)));
}
