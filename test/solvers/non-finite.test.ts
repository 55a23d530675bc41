import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { buildInstance } from '../../src/problems/registry.js';
import { gns, runToEnd } from '../../src/solvers/gns.js';
import { type MethodName, runMethod } from '../../src/solvers/method-config.js';

/** An oracle whose f and ∇f become NaN after `healthy` gradient calls. */
function failingAfter(o: Oracle, healthy: number): Oracle {
  let calls = 0;
  const broken = () => calls > healthy;
  return {
    ...o,
    f: (x) => (broken() ? NaN : o.f(x)),
    grad: (x) => (++calls > healthy ? Float64Array.from(x, () => NaN) : o.grad(x)),
  };
}

describe('a run that meets NaN mid-way', () => {
  const instance = buildInstance('logsumexp/mu=1,rows=10/n=5/seed=3');
  it.each(['reference', 'strict'] as const)('GNS (%s mode) stops with status non-finite and keeps its history', (mode) => {
    const problem = failingAfter(instance.problem.oracle, 4);
    const { records, summary } = runToEnd(gns(problem, exactHessianOf(instance), instance.x0, { mode, metric: instance.metric, maxIters: 50 }, cpuBackend()));
    expect(summary.status).toBe('non-finite');
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(summary.history.f.slice(0, 3).every(Number.isFinite)).toBe(true);
    expect(records[0].trials[0].outcome).toBe('accepted');
  });

  it.each(['gradient', 'super-newton', 'cubic-newton', 'damped-newton'] as MethodName[])('%s stops with status non-finite or stalled, never a pass', (method) => {
    const broken = { ...instance, problem: { ...instance.problem, ...failingAfter(instance.problem.oracle, 4) } };
    const { records, summary } = runToEnd(runMethod({ method, hessian: 'exact', mode: 'reference', maxIters: 50, fTol: 1e-10 }, broken, cpuBackend()));
    expect(['non-finite', 'stalled']).toContain(summary.status);
    expect(records.length).toBeGreaterThanOrEqual(1);
  });
});
