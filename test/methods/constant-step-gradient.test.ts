import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { constantStepGradientMethod, constantStepGradientWith } from '../../src/methods/baselines.js';
import { methodById } from '../../src/methods/registry.js';
import type { StepRecord, StepSizeFields } from '../../src/methods/step-record.js';
import { buildInstance, familyById } from '../../src/problems/registry.js';
import { runToEnd } from '../../src/solvers/gns.js';
import { runMethod } from '../../src/solvers/method-config.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import type { Instance } from '../../src/problems/instance.js';
import { runScenario } from '../../src/scenarios/scenario.js';
import { descent } from '../../src/theory/descent.js';
import { gradientMethodExactWorstCase } from '../../src/theory/gradient-method-exact-worst-case.js';
import { gradientMethodRate } from '../../src/theory/gradient-method-rate.js';
import { failedAssumption } from '../../src/theory/theorem.js';
import { failsGate } from '../../src/theory/verdict.js';

function run(instance: Instance, L: number, maxIters: number, method = constantStepGradientMethod) {
  const input = { problem: instance.problem, instance, x0: instance.x0, stop: { maxIters, gradTol: 0 }, backend: cpuBackend(), model: exactHessianOf(instance) };
  return runToEnd(method.run(input, { L }));
}

describe('gradient-constant', () => {
  const quadratic = buildInstance({ family: 'quadratic', params: { logCond: 2, scale: 3, metric: 'identity' }, dim: 4, seed: 9 });

  it("takes h_k = −(1/L')·∇f_k every step, records L' and 1/L', and x_{k+1} = x_k + h_k", () => {
    const Lp = 7.5;
    const { records, summary } = run(quadratic, Lp, 6);
    expect(records.length).toBe(6);
    expect(summary.iterations).toBe(6);
    records.forEach((r, k) => {
      const s = r as StepRecord & StepSizeFields;
      expect(s.L).toBe(Lp);
      expect(s.stepSize).toBe(1 / Lp);
      expect(s.accepted && s.stepTaken).toBe(true);
      expect(Array.from(s.h!)).toEqual(Array.from(s.g, (gi) => -(1 / Lp) * gi));
      const next = records[k + 1]?.x ?? summary.x;
      expect(Array.from(next)).toEqual(Array.from(s.x, (xi, i) => xi + s.h![i]));
    });
  });

  it("the swapped step length moves twice as far while recording the same L'", () => {
    const twice = constantStepGradientWith((L) => 2 / L);
    const r = run(quadratic, 5, 1, twice).records[0] as StepRecord & StepSizeFields;
    expect(r.L).toBe(5);
    expect(Array.from(r.h!)).toEqual(Array.from(r.g, (gi) => -(2 / 5) * gi));
  });

  it("takes a step too long for L' < L all the same, recorded as not accepted: descent and gradient-method-rate, which read accepted steps, do not blame it", () => {
    const scenario = {
      instance: { family: 'huber', params: { L: 8, radius: 1, kink: 2 }, dim: 1, seed: 0 },
      method: { id: 'gradient-constant', options: { L: 4 } },
      hessian: 'exact' as const,
      perturbations: [],
      mode: 'strict' as const,
      gamma0: 1,
      maxIters: 3,
      gradTolRelative: 1e-12,
    };
    const out = runScenario(scenario);
    if (!out.ok) throw new Error(out.skipped);
    // inside the ball x ← x − 8x/4 = −x: f never falls, and the upper bound with L' = 4 fails every step
    expect(out.run.records.map((r) => [r.stepTaken, r.accepted])).toEqual([[true, false], [true, false], [true, false]]);
    expect(out.run.summary.f).toBe(out.run.records[0].f);
    for (const t of [descent, gradientMethodRate]) expect(failsGate(t.check(out.run)), t.id).toBe(false);
    expect(failedAssumption(gradientMethodExactWorstCase, out.run)).toMatch(/below the certified L/);
  });

  it('is registered; L must be a finite number > 0', () => {
    expect(methodById('gradient-constant')).toBe(constantStepGradientMethod);
    expect(constantStepGradientMethod.validate!({ L: 2 })).toBe(true);
    for (const L of [0, -1, Infinity, NaN]) expect(constantStepGradientMethod.validate!({ L })).toMatch(/L must be/);
  });

  it("ratecheck solve gives it the instance's certified L, and refuses an instance without one", () => {
    const huber = buildInstance({ family: 'huber', params: { L: 2.5, radius: 1, kink: 0.2 }, dim: 1, seed: 0 });
    const config = { method: 'gradient-constant' as const, hessian: 'exact' as const, mode: 'strict' as const, maxIters: 3 };
    const records = runToEnd(runMethod(config, huber, cpuBackend())).records as (StepRecord & StepSizeFields)[];
    expect(records.map((r) => r.L)).toEqual([2.5, 2.5, 2.5]);
    const rosenbrock = buildInstance(fc.sample(familyById('rosenbrock')!.arbitrary({ maxDim: 3 }), { seed: 1, numRuns: 1 })[0]);
    expect(() => runToEnd(runMethod(config, rosenbrock, cpuBackend()))).toThrow(/no certified Lipschitz constant/);
  });
});
