import { describe, expect, it } from 'vitest';
import { doubledStep, runConstantStepWith } from '../../properties/power/doubled-constant-step.js';
import { runScenario, type Scenario, type ScenarioRun } from '../../src/scenarios/scenario.js';
import { checkGradientMethodExactWorstCase, gradientMethodExactWorstCase } from '../../src/theory/gradient-method-exact-worst-case.js';
import { failedAssumption } from '../../src/theory/theorem.js';

const U = 2 ** -53;

/** Drori & Teboulle's Thm 3.2: the 1-D Huber function with τ = R/(2N + 1), from x0 = R, step 1/L' with L' = L/h */
function worstCase(N: number, L: number, R: number, h = 1): Scenario {
  return {
    instance: { family: 'huber', params: { L, radius: R, kink: 1 / (2 * N * h + 1) }, dim: 1, seed: 0 },
    method: { id: 'gradient-constant', options: { L: L / h } },
    hessian: 'exact',
    perturbations: [],
    mode: 'strict',
    gamma0: 1,
    maxIters: N,
    gradTolRelative: 1e-12,
  };
}

function run(s: Scenario): ScenarioRun {
  const out = runScenario(s);
  if (!out.ok) throw new Error(out.skipped);
  return out.run;
}

describe('gradient-method-exact-worst-case', () => {
  it.each([
    [1, 1, 1],
    [5, 3.7, 0.42],
    [40, 0.013, 250],
    [200, 8, 1e-3],
  ])('the Huber worst case N = %d, L = %d, R = %d: f(x_N) − f* = LR²/(4N + 2) within (2N + 8)u, and the theorem holds at ratio ≈ 1', (N, L, R) => {
    const r = run(worstCase(N, L, R));
    expect(r.records.length).toBe(N);
    const fN = r.summary.f;
    const exact = (L * R * R) / (4 * N + 2);
    // x_N = R − N·τ accumulates one rounding per step, f one more for each of its three operations
    expect(Math.abs(fN - exact) / exact).toBeLessThanOrEqual((2 * N + 8) * U);
    expect(failedAssumption(gradientMethodExactWorstCase, r)).toBeNull();
    const v = checkGradientMethodExactWorstCase(r);
    expect(v.status).toBe('holds');
    expect(v.worstRatio).toBeLessThanOrEqual(1);
    expect(v.worstRatio).toBeGreaterThan(1 - 1e-9);
    expect(v.where).toContain(`k=${N}:`);
  });

  it('the worst case for h < 1: τ = R/(2Nh + 1) attains LR²/(4Nh + 2)', () => {
    const N = 12;
    const h = 0.5;
    const r = run(worstCase(N, 2, 3, h));
    const exact = (2 * 9) / (4 * N * h + 2);
    expect(Math.abs(r.summary.f - exact) / exact).toBeLessThanOrEqual((2 * N + 8) * U);
    const v = checkGradientMethodExactWorstCase(r);
    expect(v.status).toBe('holds');
    expect(v.worstRatio).toBeGreaterThan(1 - 1e-9);
  });

  it("the series gives f(x_k) − f* and the bound from k = 0 (LR²/2), the bound decreasing", () => {
    const r = run(worstCase(10, 1, 1));
    const s = gradientMethodExactWorstCase.series!(r)!;
    expect(s.observed.length).toBe(11);
    expect(s.bound[0]).toBeCloseTo(0.5, 12);
    expect(s.bound[10]).toBeCloseTo(1 / 42, 12);
    for (let k = 1; k < s.bound.length; k++) expect(s.bound[k]).toBeLessThan(s.bound[k - 1]);
    s.observed.forEach((o, k) => expect(o).toBeLessThanOrEqual(s.bound[k]));
  });

  it("is violated by the power check's defect (step 2/L' recorded as 1/L') on a quadratic, where x − x* is reflected and f stays put", () => {
    const s: Scenario = { ...worstCase(10, 1, 1), instance: { family: 'huber', params: { L: 1, radius: 1, kink: 2 }, dim: 1, seed: 0 } };
    expect(checkGradientMethodExactWorstCase(run(s)).status).toBe('holds');
    const out = runConstantStepWith(s, doubledStep);
    if (!out.ok) throw new Error(out.skipped);
    const v = checkGradientMethodExactWorstCase(out.run);
    expect(v.status).toBe('violated');
    // f stays at ½LR² while the bound at k = 10 is LR²/42
    expect(v.worstRatio).toBeGreaterThan(20);
  });

  it("is not applicable where L' is below the certified L or the step varies", () => {
    const below = run({ ...worstCase(5, 2, 1), method: { id: 'gradient-constant', options: { L: 1.5 } } });
    expect(failedAssumption(gradientMethodExactWorstCase, below)).toMatch(/below the certified L/);
    const lineSearch = run({ ...worstCase(5, 2, 1), method: { id: 'gradient', options: { L0: 1e-3 } } });
    expect(failedAssumption(gradientMethodExactWorstCase, lineSearch)).toMatch(/varies|below/);
  });
});
