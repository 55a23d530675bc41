import { envelopeTheorem } from './envelope-common.js';

/**
 * f − f* envelope for a Hölder-continuous Hessian (ν ∈ [0, 1], α = 1/(1+ν)): π(t) = ((1+ν)t/L)^{1/(1+ν)},
 * so c_k = 16·M_{1−α}·D²·a_k^{1−α} with M_{1−α} = (L/(1+ν))^{1/(1+ν)} (ν = 1, Lipschitz Hessian:
 * M_{1/2} = √(L/2), the cubic-Newton class; rate O(M D^{3/2}/ε^{1/2}) of the paper's convex complexity table, i.e. δ_k = O(1/k²)).
 */
export const envelopeHolderHessian = envelopeTheorem({
  id: 'envelope-holder-hessian',
  title: 'f − f* envelope from (P): Hölder Hessian (α = 1/(1+ν); ν = 1 Lipschitz Hessian)',
  classes: ['holder-hessian'],
  derivation:
    'Hölder Hessian: π(t) = ((1+ν)t/L_{2,ν})^{1/(1+ν)} (docs/classes.md [R]), so with a non-binding start value c_k = 16·(L/(1+ν))^{1/(1+ν)}·D²·a_k^{ν/(1+ν)}; ' +
    'the table rate K = O(M_{1−α}D^{1+α}/ε^α) [P] is the closed-form consequence (δ_k = O(k^{−(1+ν)}) up to constants).',
  statement:
    '\\delta_k\\le E_k,\\ E_{k+1}=\\frac{2E_k}{1+\\sqrt{1+4E_k/c_k}},\\ c_k=\\frac{8a_kD^2}{\\min(G_k+\\varepsilon,\\ \\pi_H(a_k)/2)},\\ \\pi(t)=\\Big(\\frac{(1+\\nu)t}{L_{2,\\nu}}\\Big)^{\\frac1{1+\\nu}}',
});
