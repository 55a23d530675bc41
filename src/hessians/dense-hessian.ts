import { type Matrix, matrix } from '../linalg/matrix.js';
import type { HessianCertificate, HessianModel, HessianValue } from './hessian-model.js';

/** A Hessian value as a dense n×n matrix (α·vvᵀ and 0 expanded). */
export function toDense(value: HessianValue, n: number): Matrix {
  if (value.kind === 'dense') return value.matrix;
  const out = matrix(n, n);
  if (value.kind === 'rank-one') {
    const { alpha, v } = value;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = alpha * v[i] * v[j];
  }
  return out;
}

/** A model that transforms the dense value of a base model: H(x) = transform(x, H₀(x)). */
export function denseHessian(
  id: string,
  certificate: HessianCertificate,
  base: HessianModel,
  n: number,
  transform: (x: Float64Array, h0: Matrix, iteration: number) => Matrix,
): HessianModel {
  return {
    id,
    certificate,
    at: (x, iteration) => ({ kind: 'dense', matrix: transform(x, toDense(base.at(x, iteration), n), iteration) }),
  };
}
