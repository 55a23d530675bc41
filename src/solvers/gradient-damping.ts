/**
 * The regularization of a step by the gradient norm, μ = c·‖g‖^α/d (d = 1 unless the rule divides), the
 * part GNS, super-universal Newton and the gradient-regularized natural gradients share:
 * - GNS (Algorithm 1): λ = ‖g‖_* /γ, α = 1, c = 1, d = γ (+ε in reference mode);
 * - super-universal Newton (Doikov, Mishchenko & Nesterov): λ = H‖g‖_*^α, α ∈ [0, 1], c = H;
 * - RING / RENG / R-Kalman (GRNG, docs/theory.md#natural-gradient-methods): μ = ρ‖g‖², α = 2, c = ρ.
 * Written as one product and one division so that each rule's float64 result is the one it had alone
 * (x**1 = x and x/1 = x exactly).
 */
export function gradientDamping(gradNorm: number, exponent: number, coefficient: number, divisor = 1): number {
  return (coefficient * gradNorm ** exponent) / divisor;
}
