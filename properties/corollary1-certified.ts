import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { corollary1Certified } from '../src/theory/corollary1-certified.js';
import { growthOnAcceptance } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import { gnsRecords } from '../src/theory/method-capabilities.js';
import type { Property } from './property.js';

/** Families whose certificates state class memberships with a lower bound π. */
export const CERTIFIED_FAMILIES = [
  'logsumexp',
  'logistic',
  'softmax-regression',
  'holder-power-sum',
  'third-order-power-sum',
  'l0-l1-family',
  'nonlinear-equations-linear',
  'quadratic',
  'polytope-feasibility',
  'p-difference-chain',
];

/**
 * A8 with the certified constant: class π → certified chain Γ_k ≤ γ_k → M_K = max a_k^α/Γ_k → Corollary 1.
 * Power: a search that halves γ on acceptance instead of doubling it: γ_k drifts below the certified
 * chain Γ_k (and the method below the class rate). (A false, 1e4-fold too optimistic certificate is
 * caught only in about a quarter of the runs: the search usually keeps γ_k far above π, so the
 * chain is limited by γ0, not by π.)
 */
export const corollary1CertifiedProperty: Property = {
  id: 'corollary1-certified',
  title: 'A8 (certified M = 2M_{1−α}): Corollary 1 with the class constant',
  theorems: [corollary1Certified],
  scenarios: scenarioArbitrary({ maxDim: 12, families: CERTIFIED_FAMILIES, hessians: ['exact', 'exact', 'zero', 'weighted-gauss-newton', 'fisher-term', 'diagonal'], maxIters: { min: 10, max: 40 } }),
  cases: 300,
  power: {
    description: 'γ halved instead of doubled on acceptance (runs with an accepted step)',
    run: (s, backend) => runWithParts(strict(s), { updateGamma: growthOnAcceptance(0.5) }, (run) => gnsRecords(run).some((r) => r.gammaAccepted !== null) || 'nothing accepted', backend),
    theorem: corollary1Certified,
    minCaught: 0.65,
    calibration: { drawn: 6000, applicable: 2816, caught: 2229, seed: 700005 },
  },
};
