/**
 * A6 (spec §3.3 trial counting, §8.2; gns-validation §7): on the prefix before the first exhausted
 * search or γ_min floor hit, Σ_{k<K} t_k = 2K + log2(γ0/γ_K^start) exactly, for every K. In this port a
 * failed factorization is a rejected trial (γ halved) in both modes, so failures stay inside the prefix
 * (the stronger check); `cutAtFailure` restores the spec's literal prefix. Strict and reference modes,
 * default search (41 trials) and short searches (2–3 trials) that force exhausted searches, and a large
 * γ_min that forces the floor. Power: a GNS that keeps γ on acceptance, and a trial counter that forgets
 * failed factorizations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactHessianOf } from '../../../src/hessians/exact.js';
import { buildInstance } from '../../../src/problems/registry.js';
import type { GnsRecord } from '../../../src/solvers/gns-record.js';
import { checkTrialIdentity, gradTolFor, runScenario, runWithParts, sampleScenarios, scenarioArbitrary } from '../../support/solver-scenarios.js';
import { growthOnAcceptance } from '../../../properties/power/defective-parts.js';

describe('A6: Σt_k = 2K + log2(γ0/γ_K^start) on the valid prefix', () => {
  const variants: [string, Parameters<typeof runScenario>[1], number][] = [
    ['default search', {}, 400],
    ['short searches, maxTrials 2 (exhausted searches cut the prefix)', { maxTrials: 2 }, 100],
    ['short searches, maxTrials 3', { maxTrials: 3 }, 100],
    ['reference mode with γ_min = 4 (the floor cuts the prefix)', { gammaMin: 4 }, 100],
  ];
  it.each(variants)('%s', (label, extra, numRuns) => {
    let runs = 0;
    let prefixSteps = 0;
    let failuresInside = 0;
    const cuts: Record<string, number> = {};
    fc.assert(
      fc.property(scenarioArbitrary({ maxDim: 12, maxIters: { min: 10, max: 40 } }), (spec) => {
        const run = runScenario(spec, extra);
        if (!run) return;
        runs++;
        const gammaMin = spec.mode === 'reference' ? (run.options.gammaMin ?? 1e-9) : 0;
        const r = checkTrialIdentity(run.records, run.summary.history.gammaStart, spec.gamma0, gammaMin);
        prefixSteps += r.prefix;
        failuresInside += run.records.slice(0, r.prefix).reduce((s, x) => s + x.factorizationFailures, 0);
        const cut = r.cut.replace(/ at k=\d+/, '');
        cuts[cut] = (cuts[cut] ?? 0) + 1;
        expect(r.ok, `${run.label}: ${r.where}`).toBe(true);
        // the literal spec prefix (cut at the first failure) is a sub-prefix: it holds too
        expect(checkTrialIdentity(run.records, run.summary.history.gammaStart, spec.gamma0, gammaMin, true).ok).toBe(true);
      }),
      { seed: 0xa6 + numRuns + (extra?.maxTrials ?? 0) + (extra?.gammaMin ?? 0), numRuns },
    );
    console.log(`A6 [${label}]: ${runs} runs, ${prefixSteps} prefix iterations checked (identity exact at every K), ${failuresInside} factorization failures inside prefixes; prefix ends: ${JSON.stringify(cuts)}`);
  });

  describe('power', () => {
    it('catches γ kept (not doubled) on acceptance', () => {
      const specs = sampleScenarios({ maxDim: 8, families: ['quadratic', 'logsumexp', 'rosenbrock', 'nonlinear-equations-linear'], models: ['exact'] }, 30, 0xa6a6);
      let tried = 0;
      let caught = 0;
      for (const s of specs) {
        const inst = buildInstance(s.name);
        if (!(gradTolFor(inst) > 0)) continue; // ∇f(x0) = 0: nothing to step
        const o = { metric: inst.metric, maxIters: 10, gamma0: s.gamma0, gradTol: gradTolFor(inst) };
        const good = runWithParts(inst, exactHessianOf(inst), o, {});
        expect(checkTrialIdentity(good.records, good.gammaStart, s.gamma0, 0).ok).toBe(true);
        const bad = runWithParts(inst, exactHessianOf(inst), o, { updateGamma: growthOnAcceptance(1) });
        if (!bad.records.some((r) => r.gammaAccepted !== null)) continue;
        tried++;
        if (!checkTrialIdentity(bad.records, bad.gammaStart, s.gamma0, 0).ok) caught++;
      }
      console.log(`A6 power (γ not doubled): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(10);
      expect(caught).toBe(tried);
    });
    it('catches a trial counter that forgets failed factorizations (real runs, records post-processed)', () => {
      const specs = sampleScenarios({ maxDim: 8, families: ['rosenbrock', 'chebyshev', 'phase-retrieval', 'matrix-factorization', 'nle-rosenbrock'], models: ['exact'], modes: ['strict'] }, 80, 0xa6a7);
      let tried = 0;
      let caught = 0;
      for (const s of specs) {
        const run = runScenario(s);
        if (!run) continue;
        const honest = checkTrialIdentity(run.records, run.summary.history.gammaStart, s.gamma0, 0);
        expect(honest.ok).toBe(true);
        if (!run.records.slice(0, honest.prefix).some((r) => r.factorizationFailures > 0)) continue;
        tried++;
        const forgetful: GnsRecord[] = run.records.map((r) => ({ ...r, trials: r.trials.filter((t) => t.outcome !== 'not-positive-definite') }));
        if (!checkTrialIdentity(forgetful, run.summary.history.gammaStart, s.gamma0, 0).ok) caught++;
      }
      console.log(`A6 power (failed factorizations not counted): caught ${caught}/${tried}`);
      expect(tried).toBeGreaterThan(3);
      expect(caught).toBe(tried);
    });
  });
});
