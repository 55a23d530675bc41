import { describe, expect, it } from 'vitest';
import { gaussNewtonInsteadOfHvp, runNaturalGradientWith, transposedKfac } from '../../properties/power/natural-gradient-parts.js';
import { checkRun } from '../../properties/property.js';
import { batchLoss } from '../../src/problems/curvature.js';
import { type InstanceName, parseName } from '../../src/problems/instance.js';
import { buildInstance } from '../../src/problems/registry.js';
import { allRows, supervisedModelOf } from '../../src/problems/supervised-model.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../../src/scenarios/scenario.js';
import { naturalGradientKfacExact } from '../../src/theory/natural-gradient-kfac-exact.js';
import { naturalGradientKfacSplit } from '../../src/theory/natural-gradient-kfac-split.js';
import { naturalGradientPushThrough } from '../../src/theory/natural-gradient-push-through.js';
import { rengRegularizedGradient } from '../../src/theory/reng-regularized-gradient.js';
import type { Theorem } from '../../src/theory/theorem.js';

function scenario(instance: string, method: string, options: Record<string, number | string>, maxIters = 4): Scenario {
  return { instance: parseName(instance) as InstanceName, method: { id: method, options }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-10 };
}

function verdict(theorem: Theorem, outcome: ScenarioOutcome) {
  if (!outcome.ok) throw new Error(outcome.skipped);
  return checkRun([theorem], outcome)[theorem.id];
}

const MLP = 'mlp-mixture/d=2,hidden=4,classes=3,samples=24/n=27/seed=3';
const SOFTMAX = 'softmax-regression/classes=3,samples=30/n=12/seed=2';

describe('natural-gradient-push-through', () => {
  it('R-Kalman equals the dense step within both derived forward errors, and to ~1e-15 relative', () => {
    const v = verdict(naturalGradientPushThrough, runScenario(scenario(SOFTMAX, 'r-kalman', { curvatureBatch: 5 })));
    expect(v.status, v.where ?? '').toBe('holds');
    expect(v.checked).toBe(4);
    const relative = Number(/relative ([\d.e+-]+)/.exec(v.where ?? '')?.[1]);
    expect(relative).toBeLessThan(1e-13);
  });
  it('is not applicable to a RING run', () => {
    expect(verdict(naturalGradientPushThrough, runScenario(scenario(SOFTMAX, 'ring', {}))).status).toBe('not-applicable');
  });
});

describe('natural-gradient-kfac-exact and the π-split diagnostic', () => {
  it('one linear layer on one row: the K-FAC step is the dense step; a transposed factor is caught', () => {
    const s = scenario(SOFTMAX, 'ring', { structure: 'kfac', kfacDamping: 'exact', curvatureBatch: 1, curvature: 'fisher' });
    const honest = verdict(naturalGradientKfacExact, runScenario(s));
    expect(honest.status, honest.where ?? '').toBe('holds');
    expect(verdict(naturalGradientKfacExact, runNaturalGradientWith(s, { kfacOrientation: transposedKfac })).status).toBe('violated');
  });
  it('reports the split\'s relative gap, never gating', () => {
    const v = verdict(naturalGradientKfacSplit, runScenario(scenario(MLP, 'ring', { structure: 'kfac', kfacDamping: 'split' })));
    expect(v.gating).toBe(false);
    expect(v.checked).toBeGreaterThan(0);
    expect(v.worstRatio).toBeGreaterThan(0);
  });
});

describe('reng-regularized-gradient', () => {
  it('q = g + ρ∇²L·g with the model HVP; the Gauss–Newton product in its place is caught on the MLP', () => {
    const s = scenario(MLP, 'reng', { rho: 0.5, batch: 8 });
    const honest = verdict(rengRegularizedGradient, runScenario(s));
    expect(honest.status, honest.where ?? '').toBe('holds');
    expect(verdict(rengRegularizedGradient, runNaturalGradientWith(s, { regularizerProduct: gaussNewtonInsteadOfHvp })).status).toBe('violated');
  });
  it('g + ρHg is the gradient of L + (ρ/2)‖∇L‖² (central differences, 1e-6 relative)', () => {
    const instance = buildInstance(MLP);
    const model = supervisedModelOf(instance.problem);
    if (!model) throw new Error('no model');
    const rows = allRows(model);
    const rho = 0.5;
    const x = instance.x0;
    const regularized = (y: Float64Array) => {
      const g = instance.problem.grad(y);
      return batchLoss(model, y, rows) + (rho / 2) * g.reduce((s, v) => s + v * v, 0);
    };
    const g = instance.problem.grad(x);
    const hg = model.hvp(x, rows, g);
    const e = Float64Array.from({ length: x.length }, (_, i) => Math.sin(i + 1));
    const t = 1e-5;
    const fd = (regularized(x.map((v, i) => v + t * e[i])) - regularized(x.map((v, i) => v - t * e[i]))) / (2 * t);
    const exact = g.reduce((s, v, i) => s + (v + rho * hg[i]) * e[i], 0);
    expect(Math.abs(fd - exact)).toBeLessThan(1e-6 * Math.max(1, Math.abs(exact)));
  });
});
