/** The minibatch sampler of GeN (src/solvers/gen-minibatch.ts) and its use by the method (src/solvers/gen.ts). */
import { describe, expect, it } from 'vitest';
import { buildInstance } from '../../src/problems/registry.js';
import { rowLossOf } from '../../src/problems/row-loss.js';
import { withReplacementSampler } from '../../src/problems/minibatch.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { genRecords } from '../../src/theory/gen-rounding.js';
import type { GenMethodOptions } from '../../src/methods/gen.js';

const logistic = { family: 'logistic', params: { samples: 12, rho: 0.01, featureScale: 1 }, dim: 4, seed: 3 };

function scenario(options: Partial<GenMethodOptions>): Scenario {
  return { instance: logistic, method: { id: 'gen', options: { form: 'three-point', batch: 16, seed: 9, ...options } }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters: 8, gradTolRelative: 1e-12 };
}

describe('GeN minibatches', () => {
  it('the sampler replays from its seed, draws rows in range, and differs between seeds', () => {
    const a = withReplacementSampler(12, 64, 5);
    const b = withReplacementSampler(12, 64, 5);
    const c = withReplacementSampler(12, 64, 6);
    for (let t = 0; t < 20; t++) {
      const x = a.next();
      expect(x).toEqual(b.next());
      expect(x.length).toBe(64);
      expect(Math.max(...x)).toBeLessThan(12);
      if (t === 0) expect(x).not.toEqual(c.next());
    }
  });

  it('rowLoss over every row once equals f (the full batch), up to rounding', () => {
    const instance = buildInstance(logistic);
    const losses = rowLossOf(instance.problem)!;
    const all = Uint32Array.from({ length: losses.rowCount }, (_, i) => i);
    const f = instance.problem.oracle.f(instance.x0);
    expect(Math.abs(losses.loss(instance.x0, all) - f)).toBeLessThanOrEqual(1e-14 * Math.abs(f));
  });

  it('L₀, L₊, L₋ of each estimate are the losses of one recorded minibatch, a fresh one per estimate, and the run replays bit for bit', () => {
    const first = runScenario(scenario({}));
    const again = runScenario(scenario({}));
    if (!first.ok || !again.ok) throw new Error('skipped');
    const losses = rowLossOf(first.run.instance.problem)!;
    const records = genRecords(first.run);
    expect(records.length).toBeGreaterThan(2);
    for (const r of records) {
      const rows = r.batch!;
      expect(rows.length).toBe(16);
      expect(r.L0).toBe(losses.loss(r.x, rows));
      expect(r.Lplus).toBe(losses.loss(r.x.map((xi, i) => xi - r.ratePrevious * r.direction[i]), rows));
      expect(r.Lminus).toBe(losses.loss(r.x.map((xi, i) => xi + r.ratePrevious * r.direction[i]), rows));
    }
    expect(records[0].batch).not.toEqual(records[1].batch);
    genRecords(again.run).forEach((r, k) => {
      expect(r.x).toEqual(records[k].x);
      expect(r.batch).toEqual(records[k].batch);
    });
  });

  it('the full batch records no minibatch; a minibatch is refused with the exact form and skipped where the problem has no row losses', () => {
    const full = runScenario(scenario({ batch: 0 }));
    if (!full.ok) throw new Error(full.skipped);
    expect(genRecords(full.run)[0].batch).toBeNull();
    const exact = runScenario(scenario({ form: 'exact' }));
    expect(exact.ok).toBe(false);
    const quadratic = runScenario({ ...scenario({}), instance: { family: 'quadratic', params: { logCond: 1, scale: 1, metric: 'identity' }, dim: 3, seed: 1 } });
    expect(quadratic.ok ? 'ran' : quadratic.skipped).toMatch(/row losses/);
  });
});
