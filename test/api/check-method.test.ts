/**
 * A researcher's own solver, checked exactly as a user would: every import is from the package name.
 * (a) a damped Newton method written here passes the properties that apply to it; (b) the same method
 * with a wrong step fails, and the violation's replay string reproduces it.
 */
import { assertMethod, checkMethod, dot, float64Method, gnsMethod, type Method, propertiesFor, replayCase, solveSpd, type StepInput } from 'ratecheck';
import { describe, expect, it } from 'vitest';

/** Newton's direction (−g where ∇²f is not positive definite) with Armijo backtracking; `stepFactor` is where the broken copy differs */
function dampedNewton(id: string, stepFactor: (t: number) => number) {
  return float64Method({
    id,
    capabilities: ['descent'],
    step({ x, f, g, oracle }: StepInput<Record<string, never>>) {
      const solved = solveSpd(oracle.hess(x), g.map((v) => -v));
      const d = solved.ok && dot(g, solved.x) < 0 ? solved.x : g.map((v) => -v);
      const slope = dot(g, d);
      for (let t = 1; t > 1e-12; t /= 2) {
        const trial = x.map((v, i) => v + t * d[i]);
        if (oracle.f(trial) <= f + 1e-4 * t * slope) return { h: d.map((v) => stepFactor(t) * v), accepted: true };
      }
      return null;
    },
  });
}

describe('checkMethod on a user\'s method (imports from \'ratecheck\' only)', () => {
  it('(a) a correct damped Newton method passes every property that applies', () => {
    const method = dampedNewton('user-damped-newton', (t) => t);
    const applies = propertiesFor(method).map((p) => p.id);
    expect(applies).toContain('descent');
    expect(applies).not.toContain('trial-count'); // an Algorithm-1 property: its theorems assume the search
    const check = assertMethod(method, { cases: 25 });
    console.log(`user-damped-newton: ${check.judged} gating verdicts judged over ${check.properties.length} properties`);
    expect(check.properties.find((p) => p.property === 'descent')?.theorems.descent.holds).toBeGreaterThan(10);
  });

  it('(b) the same method taking the full step after its line search chose t is caught, and the replay string reproduces it', () => {
    const broken = dampedNewton('user-damped-newton-full-step', () => 1);
    const check = checkMethod(broken, { properties: ['descent'], cases: 120 });
    expect(check.ok).toBe(false);
    const v = check.violations.find((x) => x.theorem === 'descent');
    expect(v, 'a descent violation').toBeDefined();
    const again = replayCase(v!.replay);
    expect(again.violated).toContain('descent');
    const shrunk = replayCase(v!.shrunk!.replay);
    expect(shrunk.violated).toContain('descent');
    expect(() => assertMethod(broken, { properties: ['descent'], cases: 120 })).toThrow(/descent: ratio .* replay: rc1:descent:case:/s);
  });

  it('Algorithm 1 named as a method (its γ0 and mode drawn as options, not the scenario\'s) passes the Algorithm-1 properties', () => {
    const check = assertMethod(gnsMethod(), { properties: ['trial-count', 'corollary1-certified', 'lemma1-decrease'], cases: 40 });
    expect(check.properties.find((p) => p.property === 'trial-count')?.theorems['trial-count'].holds).toBeGreaterThan(10);
  });

  it('a capability is a promise: a step function cannot declare one whose fields it does not give, and a Method that declares one without them errs', () => {
    expect(() => float64Method({ id: 'claims-step-size', capabilities: ['step-size' as 'descent'], step: () => null })).toThrow(/can promise only 'descent', not step-size/);
    const base = float64Method({ id: 'fixed-step', step: ({ g }) => ({ h: g.map((v) => -0.01 * v), accepted: true }) });
    const liar: Method = { ...base, id: 'fixed-step-claiming-step-size', capabilities: ['step-size'] };
    const check = checkMethod(liar, { properties: ['gradient-method-rate'], cases: 20 });
    expect(check.ok).toBe(false);
    expect(check.errors[0]?.message).toMatch(/method 'fixed-step-claiming-step-size' declares step-size but its record k=0 has no 'L'/);
  });
});
