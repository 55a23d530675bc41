/**
 * A1 (spec §8.2, §3.2 step 3): every taken step solves the regularized system,
 *   ‖(H_k + λ_k B)h_k + g_k‖_* ≤ τ(B)·a_k,  τ(B) = max(1e-10, n·u·κ(B))   (linearSolveTolerance),
 * with H_k the very value the solver used (recorded by a wrapper model). Power checks: the same check
 * on a GNS that solves with B = I while measuring in B, and on one that reuses a stale step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactHessianOf } from '../../../src/hessians/exact.js';
import { buildInstance } from '../../../src/problems/registry.js';
import {
  checkLinearSolve,
  runWithParts,
  distanceFromIdentity,
  gradTolFor,
  linearSolveTolerance,
  metricCondition,
  runScenario,
  sampleScenarios,
  scenarioArbitrary,
  WorstCase,
} from '../../support/solver-scenarios.js';
import { metricOf } from '../../../src/problems/metric.js';
import { solveIgnoringMetric, staleStepAtOddK, staleStepTaken } from '../../../properties/power/defective-parts.js';

describe('A1: the step solves (H + λB)h = −g', () => {
  it('on random catalog instances × Hessian models × modes', () => {
    const overall = new WorstCase();
    let runs = 0;
    let illConditioned = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ maxDim: 12 }), (spec) => {
        const run = runScenario(spec);
        if (!run) return;
        runs++;
        const kappa = metricCondition(run.instance.metric);
        if (kappa > 1e4) illConditioned++;
        const r = checkLinearSolve(run.records, run.hessians, run.metric, linearSolveTolerance(run.instance.problem.dim, kappa));
        overall.merge(r, run.label);
        expect(r.ok, `${run.label}: ${r.where}`).toBe(true);
      }),
      { seed: 0xa1, numRuns: 400 },
    );
    const ne = new WorstCase();
    fc.assert(
      fc.property(scenarioArbitrary({ maxDim: 12, families: ['nonlinear-equations-linear'] }), (spec) => {
        const run = runScenario(spec);
        if (!run) return;
        runs++;
        const kappa = metricCondition(run.instance.metric);
        if (kappa > 1e4) illConditioned++;
        const r = checkLinearSolve(run.records, run.hessians, run.metric, linearSolveTolerance(run.instance.problem.dim, kappa));
        ne.merge(r, run.label);
        expect(r.ok, `${run.label}: ${r.where}`).toBe(true);
      }),
      { seed: 0xa1 + 1, numRuns: 150 },
    );
    console.log(`A1: ${runs} runs (${illConditioned} with κ(B) > 1e4), ${overall.checked + ne.checked} steps; worst ratio ${Math.max(overall.worst, ne.worst).toExponential(3)} (${overall.worst >= ne.worst ? overall.where : ne.where})`);
  });

  describe('power', () => {
    const specs = sampleScenarios({ maxDim: 8, families: ['nonlinear-equations-linear', 'quadratic', 'logsumexp', 'logistic'], models: ['exact'] }, 40, 0xa1a1);
    it('the defect-free re-implementation passes the same check (control)', () => {
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        const out = runWithParts(inst, exactHessianOf(inst), { metric: inst.metric, maxIters: 8, gamma0: s.gamma0, gradTol: gradTolFor(inst) }, {});
        const m = metricOf(inst.metric, inst.problem.dim);
        expect(checkLinearSolve(out.records, out.hessians, m, linearSolveTolerance(inst.problem.dim, metricCondition(inst.metric))).ok).toBe(true);
      }
    });
    it('catches the metric ignored in the solve (H + λI)h = −g while ‖·‖ is measured in B ≠ I', () => {
      let caught = 0;
      let tried = 0;
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        if (distanceFromIdentity(inst.metric) < 1e-3) continue;
        const out = runWithParts(inst, exactHessianOf(inst), { metric: inst.metric, maxIters: 8, gamma0: s.gamma0, gradTol: gradTolFor(inst) }, { solveStep: solveIgnoringMetric });
        // exercised only where B ≠ I and a step was taken
        if (!out.records.some((r) => r.stepTaken)) continue;
        tried++;
        const r = checkLinearSolve(out.records, out.hessians, metricOf(inst.metric, inst.problem.dim), linearSolveTolerance(inst.problem.dim, metricCondition(inst.metric)));
        if (!r.ok) caught++;
      }
      console.log(`A1 power (metric ignored): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
    it('catches a stale step reused from the previous iteration', () => {
      let caught = 0;
      let tried = 0;
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        const out = runWithParts(inst, exactHessianOf(inst), { metric: inst.metric, maxIters: 8, gamma0: s.gamma0, gradTol: gradTolFor(inst) }, { solveStep: staleStepAtOddK });
        // exercised only where a stale step was actually taken
        if (!staleStepTaken(out.records)) continue;
        tried++;
        const r = checkLinearSolve(out.records, out.hessians, metricOf(inst.metric, inst.problem.dim), linearSolveTolerance(inst.problem.dim, metricCondition(inst.metric)));
        if (!r.ok) caught++;
      }
      console.log(`A1 power (stale step): caught ${caught}/${tried} runs that took a stale step`);
      expect(tried).toBeGreaterThan(5);
      expect(caught).toBe(tried);
    });
  });
});
