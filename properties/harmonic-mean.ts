import { withFalseCertificate } from './power/variant-runs.js';
import { runScenario } from '../src/scenarios/scenario.js';
import { harmonicMean } from '../src/theory/harmonic-mean.js';
import { gnsScenarios } from './gns-scenarios.js';
import type { Property } from './property.js';

/**
 * A14 harmonic mean on 1-D/2-D adaptive runs with approximate models (H₁ = ∇²f, H₂ = the model).
 * Power: an approximation whose certificate understates its error 10× (passed off as better than it
 * is): the certified π_H then exceeds γ_H, shown by the grid estimate or a falsifying h.
 */
export const harmonicMeanProperty: Property = {
  id: 'harmonic-mean',
  title: 'γ_{H₂} ≥ [γ_{H₁}⁻¹ + ‖H₁ − H₂‖/‖∇f‖_*]⁻¹ (A14)',
  theorems: [harmonicMean],
  scenarios: gnsScenarios({ maxDim: 2, maxIters: { min: 4, max: 12 }, models: ['fisher', 'weighted-gauss-newton', 'additive'] }),
  cases: 30,
  powerCases: 45,
  power: {
    description: 'certificate constants C1, C2 divided by 10 (an approximation passed off as better certified)',
    run: (s) => {
      const out = runScenario(s);
      if (out.ok && !out.run.model.certificate.certified) return { ok: false, skipped: 'uncertified model: no certificate to falsify' };
      return withFalseCertificate(out, (c) => (c.certified ? { ...c, C1: c.C1 / 10, C2: c.C2 / 10 } : c));
    },
    theorem: harmonicMean,
    minCaught: 0.4,
    calibration: { drawn: 600, applicable: 559, caught: 336, seed: 700024 },
  },
};
