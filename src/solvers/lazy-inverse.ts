import { type Matrix, matVec } from '../linalg/matrix.js';

/**
 * The lazy inverse of GRNG (docs/theory.md#natural-gradient-methods): X = (A + μ₀I)⁻¹ formed at
 * damping μ₀ and reused while μ changes, with the first-order correction of the matrix differential
 * (A + μI)⁻¹ ≈ X − (μ − μ₀)X² [R form]. Returns (X − (μ − μ₀)X²)·q.
 */
export function lazyInverseApply(x: Matrix, formedAt: number, mu: number, q: Float64Array): Float64Array {
  const xq = matVec(x, q);
  const xxq = matVec(x, xq);
  const shift = mu - formedAt;
  return xq.map((v, i) => v - shift * xxq[i]);
}

/**
 * What the corrected lazy inverse promises: (A + μI)(X − ΔX²) − I = −Δ²X² exactly (Δ = μ − μ₀, A·X = I − μ₀X),
 * so ‖(A + μI)δ + q‖ ≤ Δ²‖X‖₂²‖q‖ with ‖X‖₂ ≤ min(1/μ₀, ‖X‖_F) for A ⪰ 0.
 */
export function lazyInverseTolerance(inverseNormBound: number, formedAt: number, mu: number): number {
  const shift = mu - formedAt;
  return shift * shift * inverseNormBound * inverseNormBound;
}
