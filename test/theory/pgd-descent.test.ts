/**
 * The descent check of P-GD against the numbers of its spec's numerical sanity checks: no violation
 * with γ = 1/L on phase retrieval (n = 6, m = 30) and the quartic saddle from starts of norm up to 50,
 * violations with γ = 3/L̂ for every kernel (L̂ = max λ_max(λH_λ) along the γ = 1/L run, the tight
 * constant those checks used), and the measure of the log kernel ≈ r²/2 for small r.
 */
import { describe, expect, it } from 'vitest';
import { anisotropicConstantsOf } from '../../src/classes/anisotropic-constants.js';
import { curvatureMapMaxEigenvalue } from '../../src/classes/curvature-map.js';
import { norm2 } from '../../src/linalg/vector.js';
import type { Instance, InstanceName } from '../../src/problems/instance.js';
import { buildInstance } from '../../src/problems/registry.js';
import { runScenario, type Scenario, type ScenarioRun } from '../../src/scenarios/scenario.js';
import { KERNEL_IDS, KERNELS, type KernelId } from '../../src/solvers/isotropic-kernels.js';
import { checkPgdDescent, descentRatio, pgdDescentTrace } from '../../src/theory/pgd-descent.js';
import { stationarityRateTrace } from '../../src/theory/pgd-stationarity-rate.js';

const RUNS = 30;

function scenario(name: InstanceName, kernel: KernelId, gamma: number, lambda: number, maxIters: number): Scenario {
  return { instance: name, method: { id: 'pgd', options: { kernel, gamma, lambda } }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-13 };
}

function runOf(s: Scenario, radius: number): ScenarioRun {
  const far = (i: Instance): Instance => ({ ...i, x0: i.x0.map((v) => (v * radius) / norm2(i.x0)) });
  const out = runScenario(s, { instance: far });
  if (!out.ok) throw new Error(out.skipped);
  return out.run;
}

/** the number of steps violating the descent inequality (its status read regardless of gating) */
function violatedSteps(run: ScenarioRun): number {
  return pgdDescentTrace(run).steps.filter((s) => !s.pastFloor && !(descentRatio(s) <= 1)).length;
}

describe('P-GD descent, the spec\'s sanity numbers', () => {
  for (const [family, name, maxIters] of [
    ['phase retrieval (n = 6, m = 30)', (seed: number): InstanceName => ({ family: 'phase-retrieval', params: { samples: 30 }, dim: 6, seed }), 2000],
    ['the quartic saddle (2-D)', (seed: number): InstanceName => ({ family: 'quartic-saddle', params: { unstable: 1, scale: 1 }, dim: 2, seed }), 4000],
  ] as const) {
    it(`${family}: ${RUNS} runs from ‖x0‖ ∈ [1, 50], no violation with γ = 1/L; with γ = 3/L̂ violations on every kernel`, () => {
      const caughtBy = new Map<KernelId, number>();
      let steps = 0;
      for (let run = 0; run < RUNS; run++) {
        const kernel = KERNEL_IDS[run % KERNEL_IDS.length];
        const instanceName = name(1000 + run);
        const instance = buildInstance(instanceName);
        const c = anisotropicConstantsOf(instance, kernel);
        if (c.status === 'outside') throw new Error(`${family} ${kernel}: outside the theory`);
        const radius = 1 + (49 * run) / (RUNS - 1);
        const honest = runOf(scenario(instanceName, kernel, 1 / c.L, c.lambda, maxIters), radius);
        steps += honest.records.length;
        expect(checkPgdDescent(honest).status, `${family} ${kernel} run ${run}`).toBe('holds');
        let tight = 0;
        for (const r of honest.records) tight = Math.max(tight, curvatureMapMaxEigenvalue(KERNELS[kernel], c.lambda, r.g, instance.problem.oracle.hess(r.x)));
        const broken = runOf(scenario(instanceName, kernel, 3 / tight, c.lambda, maxIters), radius);
        if (violatedSteps(broken) > 0) caughtBy.set(kernel, (caughtBy.get(kernel) ?? 0) + 1);
      }
      console.log(`${family}: ${steps} steps with γ = 1/L, none violated; runs with γ = 3/L̂ caught per kernel: ${JSON.stringify(Object.fromEntries(caughtBy))} of ${RUNS / KERNEL_IDS.length} each`);
      for (const kernel of KERNEL_IDS) expect(caughtBy.get(kernel) ?? 0, kernel).toBeGreaterThan(0);
    }, 120_000);
  }

  it('the log kernel\'s measure is ≈ r²/2 for small r (sign test), and the stationarity measure of the rate check is λ⁻¹ of it', () => {
    for (const r of [1e-8, 1e-5, 1e-3, 0.05, 0.099, 0.1, 0.101]) {
      const m = KERNELS.log.measure(r);
      expect(m).toBeGreaterThan(0);
      expect(Math.abs(m / (r * r / 2) - 1)).toBeLessThanOrEqual(2 * r);
    }
  });

  it('the rate bound is met at every K on a certified run, its series has one bound per step', () => {
    const name: InstanceName = { family: 'quartic-saddle', params: { unstable: 2, scale: 3 }, dim: 4, seed: 7 };
    const c = anisotropicConstantsOf(buildInstance(name), 'log');
    if (c.status !== 'certified') throw new Error('the quartic saddle has certified constants for the log kernel');
    const run = runOf(scenario(name, 'log', 1 / c.L, c.lambda, 500), 10);
    const t = stationarityRateTrace(run);
    expect(t.observed.length).toBe(run.records.filter((r) => r.stepTaken).length);
    t.observed.forEach((o, i) => expect(o).toBeLessThanOrEqual(t.bound[i]));
  });
});
