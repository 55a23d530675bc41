import { envelopeTheorem } from './envelope-common.js';

/**
 * f − f* envelope for an (L0, L1)-smooth f: π(t) = 1/(cL0/t + cL1) (c = e for H = ∇²f, e − 1 for H ≡ 0),
 * so c_k = 16·c·D²·(L0 + L1·a_k) — the O(L0D²/ε + L1D log(1/ε)) row of the convex complexity table (ours [R]).
 */
export const envelopeL0L1 = envelopeTheorem({
  id: 'envelope-l0-l1',
  title: 'f − f* envelope from (P): (L0, L1)-smooth f',
  classes: ['l0-l1-smooth'],
  derivation:
    '(L0, L1): π(t) = [cL0/t + cL1]^{-1}, c = e (H = ∇²f) or e − 1 (H ≡ 0) (docs/classes.md [R], at g = ∇f only), so with a non-binding start value ' +
    'c_k = 16c·D²·(L0 + L1a_k): the L0 part gives the O(L0D²/ε) sublinear term, the L1 part the linear O(L1D log(1/ε)) term [R row].',
  statement:
    '\\delta_k\\le E_k,\\ E_{k+1}=\\frac{2E_k}{1+\\sqrt{1+4E_k/c_k}},\\ c_k=\\frac{8a_kD^2}{\\min(G_k+\\varepsilon,\\ \\pi_H(a_k)/2)},\\ \\pi(t)=\\frac{1}{cL_0/t+cL_1}',
});
