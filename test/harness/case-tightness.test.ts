import { describe, expect, it } from 'vitest';
import { caseTightness, iterationFactors, summarizeTightness } from '../../src/harness/case-tightness.js';
import type { CaseResult } from '../../src/harness/results.js';
import { runScenario } from '../../src/scenarios/scenario.js';
import { gradientMethodExactWorstCase } from '../../src/theory/gradient-method-exact-worst-case.js';

/**
 * The gradient method with step 1/L on f(x) = ½(x₁² + ½x₂²) (L = 1, μ = ½) from x₀ = (0, 1):
 * x₂ ← x₂/2 each step, so δ_k = ¼·4^{−k}; its O(LD²/k) bound ‖x₀ − x*‖²/(2Σ1/L) = 1/(2k).
 * For ε_j = δ₀·10^{−j}: K_observed = ⌈j·log 10/log 4⌉ and K_bound = the first k with 1/(2k) ≤ ¼·10^{−j}, i.e. 2·10^j.
 */
function quadraticRun(iterations: number) {
  const observed = Array.from({ length: iterations + 1 }, (_, k) => 0.25 * 4 ** -k);
  const bound = Array.from({ length: iterations + 1 }, (_, k) => (k === 0 ? Infinity : 1 / (2 * k)));
  return { observed, bound };
}

describe('caseTightness', () => {
  it('gives K_bound(ε)/K_observed(ε) as computed by hand for the gradient method on a quadratic', () => {
    const t = caseTightness(quadraticRun(2500));
    const byHand = [1, 2, 3].map((j) => ({ target: 0.25 * 10 ** -j, predicted: 2 * 10 ** j, observed: Math.ceil((j * Math.log(10)) / Math.log(4)) }));
    for (const [i, want] of byHand.entries()) {
      expect(t.targets[i].target).toBeCloseTo(want.target, 15);
      expect(t.targets[i].predicted).toBe(want.predicted);
      expect(t.targets[i].observed).toBe(want.observed);
    }
    expect(iterationFactors(t).slice(0, 3)).toEqual([20 / 2, 200 / 4, 2000 / 5]);
  });

  it('records targets the run reached and the bound did not, with no factor for them', () => {
    const t = caseTightness(quadraticRun(30));
    // the bound reaches ε_1 = 0.025 at k = 20 but ε_2 only at k = 200 > 30; the run reaches both
    expect(t.targets[1]).toMatchObject({ predicted: null, observed: 4 });
    expect(iterationFactors(t)).toEqual([10]);
  });

  it('measures the ratio only once the bound has fallen a decade below its first finite value', () => {
    // E_k = 1/(2k): E_1 = ½, a decade below (≤ 0.05) from k = 10; δ_k/E_k = ½·k·4^{−k} decreases, so it is largest at k = 10
    const t = caseTightness(quadraticRun(12));
    expect(t.bitingAt).toBe(10);
    expect(t.bitingRatio).toBeCloseTo(0.25 * 4 ** -10 * 20, 15);
  });

  it('a violated bound gives a factor below 1', () => {
    const observed = [1, 0.5, 0.3, 0.2, 0.15, 0.12, 0.1, 0.09];
    const bound = [1, 0.5, 0.25, 0.12, 0.06, 0.03, 0.015, 0.01];
    const t = caseTightness({ observed, bound });
    expect(t.targets[0]).toEqual({ target: 0.1, predicted: 4, observed: 6 });
    expect(Math.min(...iterationFactors(t))).toBeLessThan(1);
    expect(t.bitingRatio).toBeGreaterThan(1);
  });
});

describe('caseTightness on a run', () => {
  it('gives the factor computed by hand for the constant-step gradient method under its exact worst case', () => {
    // Huber f = Lτ(|x| − τ/2) outside |x| ≤ τ; L = 2, R = 3, τ = 0.1·R = 0.3, the step 1/L′ with L′ = 4 (h = L/L′ = ½)
    // moves x by Lτ/L′ = 0.15 outside: δ_k = 0.6·(2.85 − 0.15k), δ_0 = 1.71, and ε_1 = 0.171 is reached first at
    // k = 18 (δ_17 = 0.18, δ_18 = 0.09). The bound LR²/(4kh + 2) = 9/(k + 1) is first ≤ ε_1 at k = 52 (9/52 = 0.1731, 9/53 = 0.1698).
    const out = runScenario({
      instance: { family: 'huber', params: { L: 2, radius: 3, kink: 0.1 }, dim: 1, seed: 0 },
      method: { id: 'gradient-constant', options: { L: 4 } },
      hessian: 'exact',
      perturbations: [],
      mode: 'strict',
      gamma0: 1,
      maxIters: 200,
      gradTolRelative: 1e-14,
    });
    if (!out.ok) throw new Error(out.skipped);
    const series = gradientMethodExactWorstCase.series?.(out.run);
    if (!series) throw new Error('no series');
    const t = caseTightness(series);
    expect(t.targets[0].target).toBeCloseTo(0.171, 12);
    expect(t.targets[0]).toMatchObject({ predicted: 52, observed: 18 });
    expect(iterationFactors(t)[0]).toBe(52 / 18);
  });

  it('leaves out targets and ratios below the floor the check judges', () => {
    const { observed, bound } = quadraticRun(2500);
    const t = caseTightness({ observed, bound, floor: 1e-3 });
    // δ_0·10^{−j} ≥ 1e-3 for j ≤ 2 only
    expect(t.targets.map((x) => x.target)).toEqual([0.025, 0.0025]);
    expect(t.bitingAt).toBeNull();
  });
});

describe('summarizeTightness', () => {
  const judged = (key: string, method: string, tightness: CaseResult['tightness']) => ({ key, kind: 'case', method, tightness }) as unknown as CaseResult;
  it('takes the median and the tightest factor over (case, target) pairs, and the worst biting ratio', () => {
    const a = caseTightness(quadraticRun(2500));
    const b = caseTightness(quadraticRun(30));
    const s = summarizeTightness('gradient-method-rate', [judged('a', 'gradient', { 'gradient-method-rate': a }), judged('b', 'gradient', { 'gradient-method-rate': b }), judged('c', 'gradient', {})]);
    const all = [...iterationFactors(a), ...iterationFactors(b)].sort((x, y) => x - y);
    expect(s).not.toBeNull();
    expect(s?.cases).toBe(2);
    expect(s?.factors).toBe(all.length);
    expect(s?.tightestFactor).toBe(10);
    const mid = all.length >> 1;
    expect(s?.medianFactor).toBe(all.length % 2 ? all[mid] : (all[mid - 1] + all[mid]) / 2);
    expect(s?.boundNotReached).toBe(b.targets.filter((x) => x.predicted === null && x.observed !== null).length + a.targets.filter((x) => x.predicted === null && x.observed !== null).length);
  });
  it('is null for a theorem no case recorded', () => {
    expect(summarizeTightness('nothing', [judged('a', 'g', {})])).toBeNull();
  });
});
