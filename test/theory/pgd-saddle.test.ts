/**
 * Saddle avoidance of P-GD on the quartic saddle: the sensitivity control (a start on the stable
 * manifold converges to the saddle and is caught; a 1e-8 offset escapes), the invariant behind the
 * false-alarm bound (unstable coordinates never shrink below min(|x_i^0|, 1)), the sample's
 * rule-of-three bound, and the landscape diagnostics on matrix factorization and phase retrieval.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRun } from '../../properties/property.js';
import { pgdScenario } from '../../properties/pgd-scenarios.js';
import { saddleAvoidanceProperty } from '../../properties/saddle-avoidance.js';
import { onStableManifold } from '../../properties/power/saddle-stable-manifold-start.js';
import { anisotropicConstantsOf } from '../../src/classes/anisotropic-constants.js';
import { minEigenvalue } from '../../src/linalg/eigen.js';
import type { Instance, InstanceName } from '../../src/problems/instance.js';
import { buildInstance } from '../../src/problems/registry.js';
import { violationProbabilityBound } from '../../src/rates/rule-of-three.js';
import { clopperPearsonLower } from '../../src/rates/binomial.js';
import { runScenario, type ScenarioRun } from '../../src/scenarios/scenario.js';
import { KERNELS, type KernelId } from '../../src/solvers/isotropic-kernels.js';
import { saddleAvoidance, unstableCoordinatesKeepTheirSize } from '../../src/theory/saddle-avoidance.js';
import { saddleGlobalMinimum } from '../../src/theory/saddle-global-minimum.js';

const G5: InstanceName = { family: 'quartic-saddle', params: { unstable: 1, scale: 1 }, dim: 2, seed: 4 };

function run(kernel: KernelId, start: (i: Instance) => Instance, name = G5): ScenarioRun {
  const out = runScenario(pgdScenario({ instance: name, kernel, c: 0.9, maxIters: 4000 }, 'pgd', {}, 1e-13), { instance: start });
  if (!out.ok) throw new Error(out.skipped);
  return out.run;
}

describe('saddle avoidance on the quartic saddle (G5)', () => {
  for (const kernel of ['log', 'clip'] as const) {
    it(`${kernel}: started on the stable manifold it converges to the saddle and the gating check catches it; a 1e-8 offset escapes to a minimizer`, () => {
      const onManifold = run(kernel, (i) => onStableManifold(i)!);
      expect(onManifold.summary.gradNorm).toBeLessThanOrEqual(1e-8);
      expect(minEigenvalue(onManifold.instance.problem.oracle.hess(onManifold.summary.x))).toBeCloseTo(-1, 6);
      const caught = checkRun([saddleAvoidance], { ok: true, run: onManifold })[saddleAvoidance.id];
      expect(caught.status).toBe('violated');
      expect(caught.gating).toBeUndefined();
      const offset = run(kernel, (i) => {
        const p = onStableManifold(i)!;
        return { ...p, x0: p.x0.map((v, j) => (j === 0 ? 1e-8 : v)) };
      });
      expect(offset.summary.gradNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(offset.summary.x[0])).toBeCloseTo(1, 6);
      expect(checkRun([saddleAvoidance], { ok: true, run: offset })[saddleAvoidance.id].status).toBe('holds');
    });
  }

  it('the false-alarm argument holds for the certified kernels (γλ ≤ ½, steps ≤ γ) and not for cosh and exp (unbounded h*′)', () => {
    const instance = buildInstance(G5);
    for (const kernel of ['log', 'clip'] as const) {
      const c = anisotropicConstantsOf(instance, kernel);
      expect(c.status).toBe('certified');
      if (c.status === 'outside') continue;
      expect(unstableCoordinatesKeepTheirSize(KERNELS[kernel], 1 / c.L, c.lambda)).toBe(true);
    }
    for (const kernel of ['cosh', 'exp'] as const) expect(unstableCoordinatesKeepTheirSize(KERNELS[kernel], 0.5, 0.2)).toBe(false);
    expect(unstableCoordinatesKeepTheirSize(KERNELS.log, 1, 1)).toBe(false);
  });

  it('along certified runs every unstable |x_i^k| ≥ min(|x_i^0|, 1) (the invariant of the false-alarm bound)', () => {
    const names = fc.sample(fc.record({ dim: fc.integer({ min: 1, max: 8 }), seed: fc.nat(), kernel: fc.constantFrom('log' as const, 'clip' as const), scale: fc.constantFrom(0.1, 1, 10) }), { seed: 31, numRuns: 40 });
    for (const { dim, seed, kernel, scale } of names) {
      const name: InstanceName = { family: 'quartic-saddle', params: { unstable: Math.max(1, Math.ceil(dim / 2)), scale }, dim, seed };
      const r = run(kernel, (i) => i, name);
      const p = Number(name.params.unstable);
      for (let i = 0; i < p; i++) {
        const floor = Math.min(Math.abs(r.records[0].x[i]), 1);
        for (const rec of r.records) expect(Math.abs(rec.x[i])).toBeGreaterThanOrEqual(floor);
      }
    }
  });

  it('the property\'s sample: no strict saddle reached, with the rule-of-three bound; the landscape diagnostics', () => {
    const scenarios = fc.sample(saddleAvoidanceProperty.scenarios, { seed: 77, numRuns: 80 });
    let judged = 0;
    let gating = 0;
    const landscape = { matrixFactorization: [0, 0], phaseRetrieval: [0, 0] };
    for (const s of scenarios) {
      const out = runScenario(s);
      if (!out.ok) continue;
      const v = checkRun([saddleAvoidance, saddleGlobalMinimum], out);
      const saddle = v[saddleAvoidance.id];
      if (saddle.status !== 'not-applicable') {
        judged++;
        if (saddle.gating !== false) gating++;
        expect(saddle.status, JSON.stringify(s)).toBe('holds');
      }
      const global = v[saddleGlobalMinimum.id];
      if (global.status === 'not-applicable') continue;
      const tally = s.instance.family === 'matrix-factorization' ? landscape.matrixFactorization : landscape.phaseRetrieval;
      tally[0]++;
      if (global.status === 'holds') tally[1]++;
    }
    const [mf, mfGlobal] = landscape.matrixFactorization;
    const [pr, prGlobal] = landscape.phaseRetrieval;
    console.log(
      `saddle-avoidance: 0 of ${judged} runs ended at a strict saddle (${gating} gating): P(saddle) ≤ ${violationProbabilityBound(judged).toPrecision(3)} at 95%; ` +
        `matrix factorization at f* in ${mfGlobal}/${mf}, phase retrieval (m ≥ 5n) at ±x♮ in ${prGlobal}/${pr} (95% lower bound ${clopperPearsonLower(prGlobal, pr, 0.95).toPrecision(3)})`,
    );
    expect(judged).toBeGreaterThanOrEqual(40);
    expect(mfGlobal).toBe(mf);
  }, 120_000);
});
