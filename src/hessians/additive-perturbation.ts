import { type Matrix, matMul, matrix, symmetrizeInPlace, transpose } from '../linalg/matrix.js';
import { maxAbsEigenvalue } from '../linalg/eigen.js';
import { gaussian, rng } from '../random/prng.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { addErrorBounds } from './combine-certificates.js';
import type { HessianModel } from './hessian-model.js';
import { denseHessian } from './dense-hessian.js';

export interface AdditivePerturbationOptions {
  readonly C1: number;
  readonly C2: number;
  readonly beta: number;
  /** 'psd': E ⪰ 0, so H stays PSD when the base is; 'indefinite': E has eigenvalues of both signs */
  readonly shape: 'psd' | 'indefinite';
  readonly seed: number;
}

/**
 * H(x) = H₀(x) + s(x)·E with s(x) = C1 + C2‖∇f(x)‖_*^(1−β) and a fixed random symmetric direction E
 * of norm 1 in the metric: E = L·S·Lᵀ with B = LLᵀ and ‖S‖₂ = 1, so ‖E‖ = max|eig(L⁻¹EL⁻ᵀ)| = 1.
 */
export function additivePerturbation(base: HessianModel, instance: Instance, o: AdditivePerturbationOptions): HessianModel {
  if (!(o.C1 >= 0 && o.C2 >= 0 && o.beta >= 0 && o.beta <= 1)) throw new RangeError('additive perturbation: need C1, C2 ≥ 0 and β ∈ [0, 1]');
  const n = instance.problem.dim;
  const metric = metricOf(instance.metric, n);
  const next = rng(o.seed);
  const g = matrix(n, n, Float64Array.from({ length: n * n }, () => gaussian(next)));
  const s = o.shape === 'psd' ? matMul(g, transpose(g)) : symmetrizeInPlace(matrix(n, n, g.data.slice()));
  const norm = maxAbsEigenvalue(s);
  for (let i = 0; i < s.data.length; i++) s.data[i] /= norm;
  const direction: Matrix = metric.factor ? lowerSandwich(metric.factor.l, n, s) : s;
  const oracle = instance.problem.oracle;
  return denseHessian(`${base.id}+additive(${o.shape},C1=${o.C1},C2=${o.C2},beta=${o.beta},seed=${o.seed})`,
    addErrorBounds(base.certificate, o, base.certificate.psd && o.shape === 'psd', `additive ${o.shape} perturbation with ‖E(x)‖ = C1 + C2‖g‖^(1−β) exactly`),
    base,
    n,
    (x, h0) => {
      const scale = o.C1 + o.C2 * metric.dualNorm(oracle.grad(x)) ** (1 - o.beta);
      const out = matrix(n, n, h0.data.slice());
      for (let i = 0; i < out.data.length; i++) out.data[i] += scale * direction.data[i];
      return out;
    });
}

/** L·S·Lᵀ for lower-triangular L (row-major) and symmetric S. */
function lowerSandwich(l: Float64Array, n: number, s: Matrix): Matrix {
  const lm = matrix(n, n, l);
  return symmetrizeInPlace(matMul(matMul(lm, s), transpose(lm)));
}
