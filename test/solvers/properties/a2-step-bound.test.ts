/**
 * A2 (spec §3.2 step bound, §8.2): when H_k ⪰ 0 (checked: λ_min(B^{-½}H_kB^{-½}) ≥ 0 as computed, or a
 * rank-one/zero H with α ≥ 0), every taken step satisfies
 *   ‖h_k‖ ≤ γ̂_k(1 + 1e-8)  and  λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩(1 + 1e-10),
 * with γ̂ = γ + ε of the trial whose step was taken: λ = a/(γ + ε), so ‖h‖ ≤ a/λ = γ + ε (ε = 1e-8 in
 * reference mode, 0 in strict mode). Both bounds are attained with H = 0, so the tolerances are the
 * rounding allowance only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zeroHessian } from '../../../src/hessians/zero.js';
import { buildInstance } from '../../../src/problems/registry.js';
import { checkStepBound, gradTolFor, minEigenvalueInMetric, runScenario, runWith, runWithParts, sampleScenarios, scenarioArbitrary, WorstCase } from '../../support/solver-scenarios.js';
import { lambdaWithoutGradNorm } from '../../../properties/power/defective-parts.js';

describe('A2: step bound ‖h‖ ≤ γ and λ‖h‖² ≤ −⟨g, h⟩ for H ⪰ 0', () => {
  it('on random catalog instances × Hessian models × modes', () => {
    const norm = new WorstCase();
    const energy = new WorstCase();
    let runs = 0;
    let notPsd = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ maxDim: 12 }), (spec) => {
        const run = runScenario(spec);
        if (!run) return;
        runs++;
        const eps = spec.mode === 'reference' ? (run.options.eps ?? 1e-8) : 0;
        const psd = (k: number) => minEigenvalueInMetric(run.hessians[k], run.metric) >= 0;
        notPsd += run.records.filter((r) => r.stepTaken && !psd(r.k)).length;
        const r = checkStepBound(run.records, eps, psd);
        norm.merge(r.parts.norm, run.label);
        energy.merge(r.parts.energy, run.label);
        expect(r.ok, `${run.label}: ${r.where}`).toBe(true);
      }),
      { seed: 0xa2, numRuns: 400 },
    );
    console.log(`A2: ${runs} runs, ${norm.checked} PSD steps checked (${notPsd} taken steps skipped: H_k not PSD as computed); worst ‖h‖/(γ̂(1+1e-8)) = ${norm.worst} (${norm.where}); worst λ‖h‖²/(−⟨g,h⟩(1+1e-10)) = ${energy.worst} (${energy.where})`);
  });

  describe('power', () => {
    const specs = sampleScenarios({ maxDim: 8, families: ['quadratic', 'logsumexp', 'nonlinear-equations-linear', 'rosenbrock'], models: ['zero'] }, 40, 0xa2a2);
    it('catches λ computed without ‖g‖ (λ = 1/γ): ‖h‖ = γ·a_k > γ once a_k > 1', () => {
      let tried = 0;
      let caught = 0;
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        const out = runWithParts(inst, zeroHessian(), { metric: inst.metric, maxIters: 8, gamma0: s.gamma0, gradTol: gradTolFor(inst) }, { lambda: lambdaWithoutGradNorm });
        if (!out.records.some((r) => r.stepTaken && r.gradNorm > 1 + 1e-6)) continue; // exercised only where a > 1
        tried++;
        if (!checkStepBound(out.records, 0, () => true).ok) caught++;
      }
      console.log(`A2 power (λ without ‖g‖): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
    it('catches reading the reference-mode bound as γ instead of γ + ε (H = 0 attains ‖h‖ = γ + ε)', () => {
      let tried = 0;
      let caught = 0;
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        const run = runWith(inst, zeroHessian(), { mode: 'reference', metric: inst.metric, maxIters: 8, gamma0: 0.25, gradTol: gradTolFor(inst) });
        if (!run.records.some((r) => r.stepTaken)) continue;
        tried++;
        const right = checkStepBound(run.records, 1e-8, () => true);
        expect(right.ok, `${run.label}: ${right.where}`).toBe(true); // the right semantics pass
        if (!checkStepBound(run.records, 0, () => true).ok) caught++;
      }
      console.log(`A2 power (γ for γ + ε in reference mode): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
  });
});
