import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import { distanceFromIdentity } from '../src/theory/check-result.js';
import { quadraticDoubling, quadraticDoublingResult } from '../src/theory/quadratic-doubling.js';
import { solveIgnoringMetric } from './power/defective-parts.js';
import { runWithParts, strict } from './power/defective-runs.js';
import type { Property } from './property.js';

/** A11 on SPD quadratics (B = I or B = Q) with the exact Hessian, both modes. Power: the metric ignored in the solve. */
export const quadraticDoublingProperty: Property = {
  id: 'quadratic-doubling',
  title: 'A11: SPD quadratics — every trial accepted, γ doubles, g_{k+1} = λ_kB(Q + λ_kB)⁻¹g_k',
  theorems: [quadraticDoubling],
  scenarios: scenarioArbitrary({ maxDim: 12, families: ['quadratic'], hessians: ['exact'], maxIters: { min: 10, max: 60 }, gradTolRelative: 1e-8 }),
  cases: 300,
  power: {
    description: 'solve (Q + λI)h = −g while B = Q ≠ I (runs where B ≠ I and some recursion step is above its rounding floor)',
    run: (s, backend) => {
      const o = runWithParts(strict(s), { solveStep: solveIgnoringMetric }, (run) => (distanceFromIdentity(run.instance.metric) >= 1e-3 && run.records.some((r) => r.stepTaken)) || 'B = I or no step', backend);
      // exercised only where some recursion step lies above its rounding floor φ_k (with γ0 = 1e3,
      // λ is so small against Q that (Q + λI)⁻¹ and (Q + λQ)⁻¹ differ below φ_k at every step)
      if (o.ok && quadraticDoublingResult(o.run).r.parts.recursion.checked === 0) return { ok: false, skipped: 'every recursion step below its rounding floor' };
      return o;
    },
    theorem: quadraticDoubling,
    minCaught: 0.85,
    calibration: { drawn: 6000, applicable: 2370, caught: 2370, seed: 700007 },
  },
};
