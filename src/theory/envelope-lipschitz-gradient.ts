import { envelopeTheorem } from './envelope-common.js';

/**
 * f − f* envelope for a Lipschitz gradient (α = 1): π(t) = t/L for H ≡ 0, t/(2L) for H = ∇²f, so
 * c_k = 16LD² (H ≡ 0) or 32LD² (exact H) is constant once the start value does not bind, and
 * E_k ≤ (1/δ_0 + k·min(1/(2c), 1/δ_0))^{-1} = O(LD²/k) — the gradient-method rate.
 */
export const envelopeLipschitzGradient = envelopeTheorem({
  id: 'envelope-lipschitz-gradient',
  title: 'f − f* envelope from (P): Lipschitz gradient (α = 1, O(LD²/k))',
  classes: ['lipschitz-gradient'],
  derivation:
    'Lipschitz gradient: π(t) = t/L (H ≡ 0) or t/(2L) (H = ∇²f) (docs/classes.md [R]), so with a non-binding start value c_k = 16LD² resp. 32LD² is constant and ' +
    '1/E_{k+1} − 1/E_k = (E_k − E_{k+1})/(E_kE_{k+1}) ≥ E_{k+1}/(cE_k) ≥ min(1/(2c), 1/E_0) (split on E_{k+1} ≥ E_k/2), so E_k ≤ (1/δ_0 + k·min(1/(2c), 1/δ_0))^{-1} = O(LD²/k).',
  statement:
    '\\delta_k\\le E_k,\\ E_{k+1}=\\frac{2E_k}{1+\\sqrt{1+4E_k/c_k}},\\ c_k=\\frac{8a_kD^2}{\\min(G_k+\\varepsilon,\\ \\pi_H(a_k)/2)}\\ \\Rightarrow\\ E_k\\le\\Big(\\frac1{\\delta_0}+k\\min\\big(\\tfrac1{2c},\\tfrac1{\\delta_0}\\big)\\Big)^{-1}',
});
