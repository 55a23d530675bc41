import { describe, expect, it } from 'vitest';
import { gradientNormDamping, runNaturalGradientWith, staleLazyInverse, transposedKfac } from '../../properties/power/natural-gradient-parts.js';
import { checkRun } from '../../properties/property.js';
import { type InstanceName, parseName } from '../../src/problems/instance.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { naturalGradientDampedSystem } from '../../src/theory/natural-gradient-damped-system.js';
import { naturalGradientKfacExact } from '../../src/theory/natural-gradient-kfac-exact.js';
import { naturalGradientPushThrough } from '../../src/theory/natural-gradient-push-through.js';

function scenario(instance: string, method: string, options: Record<string, number | string>, maxIters = 4): Scenario {
  return { instance: parseName(instance) as InstanceName, method: { id: method, options }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-10 };
}

const MLP = 'mlp-mixture/d=2,hidden=4,classes=3,samples=24/n=27/seed=3';
const SOFTMAX = 'softmax-regression/classes=3,samples=30/n=12/seed=2';

function verdictOf(outcome: ReturnType<typeof runScenario>) {
  if (!outcome.ok) throw new Error(outcome.skipped);
  return checkRun([naturalGradientDampedSystem], outcome)[naturalGradientDampedSystem.id];
}

describe('natural-gradient-damped-system', () => {
  const honest: [string, string, Record<string, number | string>][] = [
    [MLP, 'ring', { structure: 'dense', inverse: 'direct' }],
    [MLP, 'ring', { structure: 'dense', inverse: 'newton-schulz' }],
    [MLP, 'ring', { structure: 'dense', inverse: 'lazy', lazy: 3 }],
    [MLP, 'ring', { structure: 'kfac', kfacDamping: 'exact', curvature: 'fisher', curvatureBatch: 8 }],
    [MLP, 'ring', { structure: 'kfac', kfacDamping: 'split' }],
    [MLP, 'ring', { structure: 'diagonal', curvature: 'empirical-fisher', batch: 8 }],
    [MLP, 'reng', { structure: 'dense', inverse: 'direct', rho: 0.1 }],
    [SOFTMAX, 'r-kalman', { curvatureBatch: 5 }],
    // R-Kalman from its innovation (full batch, fresh curvature): the GGN of the squared loss with l2 > 0, the empirical Fisher
    ['two-layer-relu/d=4,points=8,linearized=1,l2=0.1/n=64/seed=1', 'r-kalman', {}],
    [MLP, 'r-kalman', { curvature: 'empirical-fisher' }],
  ];
  it.each(honest)('holds on %s with %s %j', (instance, method, options) => {
    const v = verdictOf(runScenario(scenario(instance, method, options)));
    expect(v.status, `${v.where} ${v.note ?? ''}`).toBe('holds');
    expect(v.checked).toBeGreaterThan(0);
  });

  it('catches a stale lazy inverse, a transposed K-FAC factor and damping of the wrong order', () => {
    const stale = verdictOf(runNaturalGradientWith(scenario(MLP, 'ring', { structure: 'dense', inverse: 'lazy', lazy: 3 }, 6), { lazyApply: staleLazyInverse }));
    expect(stale.status, stale.where ?? '').toBe('violated');
    const transposed = verdictOf(runNaturalGradientWith(scenario(MLP, 'ring', { structure: 'kfac' }), { kfacOrientation: transposedKfac }));
    expect(transposed.status).toBe('violated');
    const damping = verdictOf(runNaturalGradientWith(scenario(MLP, 'ring', {}), { damping: gradientNormDamping }));
    expect(damping.status).toBe('violated');
  });
});

describe('records a GRNG check cannot judge', () => {
  const ran = (s: Scenario) => {
    const outcome = runScenario(s);
    if (!outcome.ok) throw new Error(outcome.skipped);
    return outcome.run;
  };
  const withRecords = (run: ReturnType<typeof ran>, change: object) => ({ ...run, records: run.records.map((r) => ({ ...r, ...change })) });

  it('failed solves (solveTolerance NaN) are counted, and a check that judged none is not applicable, not "holds"', () => {
    const kalman = ran(scenario(SOFTMAX, 'r-kalman', { curvatureBatch: 5 }));
    const kfac = ran(scenario('softmax-regression/classes=3,samples=30/n=12/seed=2', 'ring', { structure: 'kfac', kfacDamping: 'exact', curvatureBatch: 1 }));
    for (const [theorem, run] of [
      [naturalGradientDampedSystem, kalman],
      [naturalGradientPushThrough, kalman],
      [naturalGradientKfacExact, kfac],
    ] as const) {
      expect(theorem.check(run).status, theorem.id).toBe('holds');
      const failed = theorem.check(withRecords(run, { solveTolerance: NaN }));
      expect(failed.status, theorem.id).toBe('not-applicable');
      expect(failed.note).toMatch(new RegExp(`${run.records.length} records not judged: ${run.records.length} \\(no finite solve tolerance`));
    }
  });

  it('a Newton–Schulz residual ê ≥ 1 admits δ = 0: not judged, and the note shows the worst ê', () => {
    const run = ran(scenario(MLP, 'ring', { structure: 'dense', inverse: 'newton-schulz' }));
    const honest = naturalGradientDampedSystem.check(run);
    expect(honest.status).toBe('holds');
    expect(honest.note).toMatch(/worst Newton–Schulz residual ê/);
    const vacuous = naturalGradientDampedSystem.check(withRecords(run, { solveTolerance: 1 }));
    expect(vacuous.status).toBe('not-applicable');
    expect(vacuous.note).toMatch(/δ = 0 would pass/);
    expect(vacuous.note).toMatch(/ê recorded by the method 1\.000e\+0/);
  });
});
