import { overshootingIdealGamma } from './power/defective-parts.js';
import { runWithParts } from './power/defective-runs.js';
import { lemma1Chain } from '../src/theory/lemma1-chain.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/**
 * A4 on ideal-γ runs (γ_k = θ·γ(x_k), θ ∈ {1, ½}) in 1-D and 2-D, exact and PSD approximate models.
 * Power: the ideal rule overshooting γ(x_k) by 4× (a solver that skips the cap and the direct
 * check), so σ_k > 1 and the chain breaks.
 */
export const lemma1ChainProperty: Property = {
  id: 'lemma1-chain',
  title: 'Lemma 1 proof chain under ideal γ (A4)',
  theorems: [lemma1Chain, optimumBound],
  scenarios: gnsScenarios({ maxDim: 2, ideal: [1, 0.5], maxIters: { min: 4, max: 10 }, models: ['exact', 'fisher', 'weighted-gauss-newton', 'additive'] }),
  cases: 30,
  power: {
    description: 'ideal-γ solver with γ_k = 4θ·γ(x_k) (overshoots the ideal γ)',
    run: (s, backend) => runWithParts(s, { idealGamma: overshootingIdealGamma(4) }, undefined, backend),
    theorem: lemma1Chain,
    minCaught: 0.8,
    calibration: { drawn: 600, applicable: 565, caught: 537, seed: 700020 },
  },
};
