/**
 * A11 (spec §8.2): on SPD quadratics (quadraticFamily, B = I or B = Q) with the exact Hessian, every
 * trial is accepted, γ^start doubles every step, and g_{k+1} = λ_k B(Q + λ_k B)⁻¹g_k to 1e-10 relative.
 * Runs stop above the precision floor: ‖g‖_* < 1e-8·a_0 or f − f* < 1e-12·max(1, |f*|) (f is resolved
 * only to about u·|f*|, spec §8.5, and the acceptance test is noise below that). The recursion is
 * compared per step only above its own rounding floor φ_k (see checkQuadraticRecursion).
 * Power: a GNS that solves with B = I while B = Q, and one that quadruples γ on acceptance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactHessianOf } from '../../../src/hessians/exact.js';
import type { QuadraticOracle } from '../../../src/problems/families/quadratic.js';
import { quadraticFamily } from '../../../src/problems/families/quadratic.js';
import type { Instance } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
import { checkQuadraticRecursion, distanceFromIdentity, runWith, runWithParts, WorstCase } from '../../support/solver-scenarios.js';
import { growthOnAcceptance, solveIgnoringMetric } from '../../../properties/power/defective-parts.js';

const REL_TOL = 1e-10;

function stopRule(inst: Instance) {
  const fStar = inst.certificate.fStar as number;
  return { fStar, fTol: 1e-12 * Math.max(1, Math.abs(fStar)) };
}

function a0Of(inst: Instance, dual: (g: Float64Array) => number): number {
  return dual(inst.problem.oracle.grad(inst.x0));
}

const quadratics = fc.record({
  name: quadraticFamily.arbitrary({ maxDim: 12 }),
  mode: fc.constantFrom('strict' as const, 'reference' as const),
  gamma0: fc.constantFrom(1, 1e-3, 0.25, 1e3),
});

describe('A11: GNS on SPD quadratics with the exact Hessian', () => {
  it('accepts every trial, doubles γ, and contracts g by λB(Q + λB)⁻¹', () => {
    const trials = new WorstCase();
    const rec = new WorstCase();
    let runs = 0;
    let belowFloor = 0;
    fc.assert(
      fc.property(quadratics, ({ name, mode, gamma0 }) => {
        const inst = quadraticFamily.build(name);
        const oracle = inst.problem.oracle as QuadraticOracle;
        const a0 = a0Of(inst, (g) => metricOf(inst.metric, inst.problem.dim).dualNorm(g));
        if (!(a0 > 0)) return;
        runs++;
        const run = runWith(inst, exactHessianOf(inst), { mode, metric: inst.metric, maxIters: 60, gamma0, gradTol: 1e-8 * a0, ...stopRule(inst) });
        const r = checkQuadraticRecursion(run.records, run.summary.history.gammaStart, oracle.data.Q, oracle.data.xStar, inst.metric, REL_TOL);
        trials.merge(r.parts.trials, run.label);
        trials.merge(r.parts.doubling, run.label);
        rec.merge(r.parts.recursion, run.label);
        belowFloor += r.belowFloor;
        expect(r.ok, `${run.label}: ${r.where}`).toBe(true);
      }),
      { seed: 0xa11, numRuns: 300 },
    );
    console.log(`A11: ${runs} runs, ${trials.checked} trial/doubling checks (all exact), ${rec.checked} recursion steps compared (${belowFloor} below the rounding floor φ_k, skipped); worst recursion ratio ${rec.worst.toExponential(3)} (${rec.where})`);
  });

  describe('power', () => {
    const names = fc.sample(quadraticFamily.arbitrary({ minDim: 2, maxDim: 8 }), { seed: 0xa111, numRuns: 40 });
    it('catches the metric ignored in the solve (Q + λI)h = −g when B = Q', () => {
      let tried = 0;
      let caught = 0;
      for (const name of names) {
        const inst = quadraticFamily.build(name);
        if (distanceFromIdentity(inst.metric) < 1e-3) continue; // exercised only where B ≠ I
        const oracle = inst.problem.oracle as QuadraticOracle;
        const o = { metric: inst.metric, maxIters: 20, gradTol: 0, ...stopRule(inst) };
        const good = runWithParts(inst, exactHessianOf(inst), o, {});
        expect(checkQuadraticRecursion(good.records, good.gammaStart, oracle.data.Q, oracle.data.xStar, inst.metric, REL_TOL).ok).toBe(true);
        const bad = runWithParts(inst, exactHessianOf(inst), o, { solveStep: solveIgnoringMetric });
        const r = checkQuadraticRecursion(bad.records, bad.gammaStart, oracle.data.Q, oracle.data.xStar, inst.metric, REL_TOL);
        if (r.parts.recursion.checked === 0) continue;
        tried++;
        if (!r.ok) caught++;
      }
      console.log(`A11 power (metric ignored): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
    it('catches γ quadrupled instead of doubled on acceptance', () => {
      let tried = 0;
      let caught = 0;
      for (const name of names) {
        const inst = quadraticFamily.build(name);
        const oracle = inst.problem.oracle as QuadraticOracle;
        const bad = runWithParts(inst, exactHessianOf(inst), { metric: inst.metric, maxIters: 20, gradTol: 0, ...stopRule(inst) }, { updateGamma: growthOnAcceptance(4) });
        if (bad.records.length < 2) continue;
        tried++;
        if (!checkQuadraticRecursion(bad.records, bad.gammaStart, oracle.data.Q, oracle.data.xStar, inst.metric, REL_TOL).ok) caught++;
      }
      console.log(`A11 power (γ ×4): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
  });
});
