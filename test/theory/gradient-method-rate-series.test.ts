import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios/scenario.js';
import { checkGradientMethodRate, gradientMethodRate } from '../../src/theory/gradient-method-rate.js';

describe('gradient-method-rate series', () => {
  it("gives δ_k and ‖x0 − x*‖²/(2Σ1/L) per k (L'R²/(2k) for the constant step 1/L'), no bound at k = 0, and the check's worst ratio", () => {
    const R = 3;
    const Lp = 4;
    const out = runScenario({
      instance: { family: 'huber', params: { L: 2, radius: R, kink: 0.05 }, dim: 1, seed: 0 },
      method: { id: 'gradient-constant', options: { L: Lp } },
      hessian: 'exact',
      perturbations: [],
      mode: 'strict',
      gamma0: 1,
      maxIters: 8,
      gradTolRelative: 1e-12,
    });
    if (!out.ok) throw new Error(out.skipped);
    const s = gradientMethodRate.series!(out.run)!;
    expect(s.observed.length).toBe(9);
    expect(s.bound[0]).toBe(Infinity);
    for (let k = 1; k <= 8; k++) {
      expect(s.bound[k] / ((Lp * R * R) / (2 * k)) - 1).toBeLessThan(1e-14);
      expect(s.observed[k]).toBe(out.run.records[k]?.f ?? out.run.summary.f);
    }
    const worst = Math.max(...s.observed.slice(1).map((o, i) => o / s.bound[i + 1]));
    expect(checkGradientMethodRate(out.run).worstRatio).toBe(worst);
  });
});
