import { symmetricEigenvalues } from '../linalg/eigen.js';
import { type Matrix, matrix, matVec } from '../linalg/matrix.js';
import { dot, norm2 } from '../linalg/vector.js';
import type { IsotropicKernel } from '../solvers/isotropic-kernels.js';

/**
 * The symmetric matrix S^½·∇²f(x)·S^½, S = ∇²φ*(λ∇f(x)), similar to the curvature map
 * H_λ(x) = ∇²φ*(λ∇f(x))·∇²f(x) of P-GD (Bodard & Patrinos 2025; docs/theory.md#anisotropic-constants).
 * With S = aI + (b − a)eeᵀ, e = ∇f/‖∇f‖: S^½ = αI + βeeᵀ, α = √a, β = √b − √a, and with w = He,
 * c = eᵀHe: S^½HS^½ = α²H + αβ(weᵀ + ewᵀ) + β²c·eeᵀ. At ∇f = 0, S = I.
 */
export function preconditionedHessian(kernel: IsotropicKernel, lambda: number, g: Float64Array, h: Matrix): Matrix {
  const n = g.length;
  const gn = norm2(g);
  const { a, b } = kernel.hessianCoefficients(lambda * gn);
  const alpha = Math.sqrt(a);
  const beta = gn > 0 ? Math.sqrt(b) - alpha : 0;
  const e = gn > 0 ? g.map((gi) => gi / gn) : new Float64Array(n);
  const w = matVec(h, e);
  const c = dot(e, w);
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.data[i * n + j] = alpha * alpha * h.data[i * n + j] + alpha * beta * (w[i] * e[j] + e[i] * w[j]) + beta * beta * c * e[i] * e[j];
    }
  }
  return out;
}

/** λ_max(λ·H_λ(x)): the eigenvalues of H_λ are those of S^½∇²f S^½ */
export function curvatureMapMaxEigenvalue(kernel: IsotropicKernel, lambda: number, g: Float64Array, h: Matrix): number {
  const values = symmetricEigenvalues(preconditionedHessian(kernel, lambda, g, h));
  return values.length === 0 ? 0 : lambda * values[values.length - 1];
}
