import fc from 'fast-check';
import { expect, it } from 'vitest';
import { gnsScenarios } from '../../properties/gns-scenarios.js';
import { runScenario } from '../../src/scenarios/scenario.js';
import type { IdealGammaRecord } from '../../src/solvers/ideal-gamma.js';
import { failedAssumption } from '../../src/theory/theorem.js';
import { lemma1Chain } from '../../src/theory/lemma1-chain.js';

it('1-D/2-D acceptance: ideal-γ runs (θ ∈ {1, ½}) satisfy every link of the Lemma 1 chain with σ_k ≤ 1', () => {
  const scenarios = fc.sample(gnsScenarios({ maxDim: 2, ideal: [1, 0.5], maxIters: { min: 6, max: 12 }, models: ['exact', 'fisher', 'weighted-gauss-newton', 'additive'] }), { seed: 3, numRuns: 24 });
  let runs = 0;
  let steps = 0;
  let worstChain = 0;
  let worstSigma = 0;
  let worstLemma1 = 0;
  for (const s of scenarios) {
    const out = runScenario(s);
    if (!out.ok) continue;
    const run = out.run;
    expect(failedAssumption(lemma1Chain, run)).toBeNull();
    const v = lemma1Chain.check(run);
    expect(v.status, `${run.label}: ${v.where}`).toBe('holds');
    worstChain = Math.max(worstChain, v.worstRatio);
    runs++;
    for (const r of run.records as IdealGammaRecord[]) {
      expect(r.trials).toHaveLength(1);
      expect(r.trials[0].outcome).toBe('accepted');
      expect(r.gammaAccepted).toBe(r.trials[0].gamma);
      expect(r.gammaAccepted).toBeCloseTo(r.theta * r.gammaCertified, 12);
      expect(r.gammaCertified).toBeLessThanOrEqual(Math.min(r.gammaEstimate, r.gammaCap));
      expect(r.certifyRatio).toBeLessThanOrEqual(1);
      worstSigma = Math.max(worstSigma, r.sigma);
      // Lemma 1 itself: f_k − f_{k+1} ≥ a_{k+1}²/(8λ_k) − ε_f
      const eps = 1e-12 * (Math.abs(r.f) + Math.abs(r.fNext));
      worstLemma1 = Math.max(worstLemma1, (r.gradNormNext ** 2 / (8 * r.lambda)) / (r.f - r.fNext + eps));
      steps++;
    }
  }
  console.log(`ideal-γ: ${runs} runs, ${steps} steps; worst chain ratio ${worstChain}, max raw σ_k ${worstSigma} (incl. steps at the rounding floor), worst Lemma 1 ratio ${worstLemma1}`);
  expect(runs).toBeGreaterThan(15);
  // σ_k itself is part of the chain verdict (premise at t = 1, decided above the rounding floor)
  expect(worstLemma1).toBeLessThanOrEqual(0.25 + 1e-9);
}, 120_000);
