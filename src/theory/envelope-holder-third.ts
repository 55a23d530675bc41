import { envelopeTheorem } from './envelope-common.js';

/**
 * f − f* envelope for a convex f with a Hölder-continuous third derivative (α = 1/(2+ν)):
 * π(t) = κ_ν(t/L_{3,ν})^{1/(2+ν)} (uses 𝒪 and convexity, docs/classes.md), c_k = 16·M_{1−α}·D²·a_k^{1−α} with
 * M_{1−α} = L^{1/(2+ν)}/κ_ν; ν = 1 gives the O(1/k³) tensor rate of the paper's convex complexity table.
 */
export const envelopeHolderThird = envelopeTheorem({
  id: 'envelope-holder-third',
  title: 'f − f* envelope from (P): Hölder third derivative, convex f (α = 1/(2+ν))',
  classes: ['holder-third'],
  derivation:
    'Hölder third derivative: π(t) = κ_ν(t/L_{3,ν})^{1/(2+ν)} (docs/classes.md [R], κ_1 ≈ 1.078, κ_0 = 1), so with a non-binding start value c_k = 16·(L^{1/(2+ν)}/κ_ν)·D²·a_k^{(1+ν)/(2+ν)}; ' +
    'closed-form consequence K = O(M_{1−α}D^{1+α}/ε^α), ν = 1: δ_k = O(1/k³) up to constants [P table].',
  statement:
    '\\delta_k\\le E_k,\\ E_{k+1}=\\frac{2E_k}{1+\\sqrt{1+4E_k/c_k}},\\ c_k=\\frac{8a_kD^2}{\\min(G_k+\\varepsilon,\\ \\pi_H(a_k)/2)},\\ \\pi(t)=\\kappa_\\nu\\Big(\\frac{t}{L_{3,\\nu}}\\Big)^{\\frac1{2+\\nu}}',
});
