/**
 * The floating-point model of the membership spot checks (float64, unit roundoff u = 2⁻⁵³), in the
 * form of design §3: a sampled inequality `observed ≤ bound` is confirmed when
 *   observed ≤ (bound + τ)·(1 + slack).
 * d is the dimension and κ = κ(B) the condition number of the instance's metric.
 *
 * - slack = 32·d·κ·u: relative error of a metric norm or operator norm computed through a Cholesky
 *   factor of B (backward error O(d·u·‖B‖), i.e. relative O(d·u·κ) after whitening) and a
 *   backward-stable symmetric eigensolver (O(d·u) relative to the largest eigenvalue).
 * - τ = 32·d²·κ·u·S: absolute error of an oracle quantity whose summands have magnitude S (a sum of
 *   m ≲ d terms, each a dot product of length d, whitened with condition κ).
 * - η = 32·d^{3/2}·√κ·u·P: backward error in a point of B-norm scale P, i.e. the oracle's value at x
 *   is the exact value at some x̃ with ‖x̃ − x‖_B ≤ η (forming Ax − b). Pair classes evaluate their
 *   bound at ‖x − y‖ + 2η, which matters for Hölder exponents ν < 1, where rounding of a point
 *   propagates like |δ|^ν and not like |δ|.
 */
export const UNIT_ROUNDOFF = 2 ** -53;

const C = 32;

export interface RoundingModel {
  readonly slack: number;
  /** τ for summands of magnitude `scale` */
  absolute(scale: number): number;
  /** η for points of B-norm scale `pointScale` */
  pointError(pointScale: number): number;
}

export function roundingModel(dim: number, kappaB: number): RoundingModel {
  const d = Math.max(1, dim);
  const k = Math.max(1, kappaB);
  return {
    slack: C * d * k * UNIT_ROUNDOFF,
    absolute: (scale) => C * d * d * k * UNIT_ROUNDOFF * Math.abs(scale),
    pointError: (pointScale) => C * d ** 1.5 * Math.sqrt(k) * UNIT_ROUNDOFF * Math.abs(pointScale),
  };
}

/** observed/allowed, with 0/0 = 0 (an inequality 0 ≤ 0 holds) and observed/0 = ∞ for observed > 0 */
export function ratioOf(observed: number, allowed: number): number {
  if (observed === 0 && allowed >= 0) return 0;
  return observed / allowed;
}
