import { envelopeTheorem } from './envelope-common.js';

/**
 * f − f* envelope for a quasi-self-concordant f (α = 0): π = t⋆/M (t* ≈ 1.2564), c_k = 16(M/t⋆)D²a_k.
 * Since a_k ≥ δ_k/D (convexity) the ratio δ²_{k+1}/c_k is of order δ_{k+1}·(δ_{k+1}/(a_kD))/(16MD/t*),
 * so the envelope contracts linearly while a_k tracks δ_k/D — the global linear rate Õ(M D) of the paper's Corollary 2.
 */
export const envelopeQsc = envelopeTheorem({
  id: 'envelope-qsc',
  title: 'f − f* envelope from (P): quasi-self-concordant f (α = 0, linear rate)',
  classes: ['quasi-self-concordant'],
  derivation:
    'QSC: π = t*/M with t* ≈ 1.2564 the root of e^t = 1 + 2t (docs/classes.md [R]), so with a non-binding start value c_k = 16(M/t*)·D²·a_k; ' +
    'since (P) reads (δ_k − δ_{k+1})/δ_{k+1} ≥ (t*/(16MD))·(δ_{k+1}/(a_kD)) and δ_{k+1} ≤ a_{k+1}D, the envelope contracts by a factor bounded away from 1 ' +
    'whenever a_{k+1}/a_k is bounded below — the global linear rate Õ(M_1D) of the paper\'s convex complexity table [P]',
  statement:
    '\\delta_k\\le E_k,\\ E_{k+1}=\\frac{2E_k}{1+\\sqrt{1+4E_k/c_k}},\\ c_k=\\frac{8a_kD^2}{\\min(G_k+\\varepsilon,\\ t^\\star/(2M))}',
});
