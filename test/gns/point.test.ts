import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GammaPoint } from '../../src/gns/point.js';
import { buildSpd, randomVector, rng, spdCase } from '../support/random-matrices.js';
import { denseMetric } from '../../src/linalg/metric.js';
import { buildInstance } from '../../src/problems/registry.js';

describe('GammaPoint residuals', () => {
  it('in any order of calls, each residual is that of a fresh point, bit for bit, and its direction is left as it was', () => {
    // one point keeps scratch vectors for H·h, r and h = t·u; a fresh point per call has none in use
    fc.assert(
      fc.property(spdCase(12, 4), fc.integer(), fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }), (c, seed, ts) => {
        const inst = buildInstance(`logsumexp/mu=0.5,rows=${2 * c.n}/n=${c.n}/seed=${Math.abs(seed) % 1000}`);
        const b = denseMetric(buildSpd(c));
        if (!b.ok) return false;
        const next = rng(seed);
        const x = randomVector(c.n, next);
        const point = new GammaPoint(inst.problem.oracle, x, null, inst.problem.oracle.hess(x), b.metric);
        return ts.every((t, k) => {
          const u = randomVector(c.n, next);
          const before = u.slice();
          const got = k % 2 === 0 ? point.residualAlong(t, u) : point.residual(u.map((v) => t * v));
          const fresh = new GammaPoint(inst.problem.oracle, x, null, inst.problem.oracle.hess(x), b.metric).residualAlong(t, u);
          return Object.is(got.norm, fresh.norm) && Object.is(got.tau, fresh.tau) && u.every((v, i) => Object.is(v, before[i]));
        });
      }),
      { seed: 37, numRuns: 60 },
    );
  });

  it('rho along a direction is the same whether asked first or after other residuals', () => {
    const inst = buildInstance('logsumexp/mu=0.1,rows=6/n=3/seed=5');
    const x = Float64Array.of(0.2, -0.1, 0.3);
    const b = denseMetric(buildSpd({ n: 3, logCond: 1, scale: 1, seed: 3 }));
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    const u = Float64Array.of(0.6, 0.0, -0.8);
    const first = new GammaPoint(inst.problem.oracle, x, null, inst.problem.oracle.hess(x), b.metric).rho(1e-2, u);
    const p = new GammaPoint(inst.problem.oracle, x, null, inst.problem.oracle.hess(x), b.metric);
    p.rho(3e-1, Float64Array.of(1, 0, 0));
    p.residual(Float64Array.of(0, 0.5, 0));
    expect(Object.is(p.rho(1e-2, u), first)).toBe(true);
  });
});
