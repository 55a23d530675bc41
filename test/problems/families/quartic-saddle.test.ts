import { describe, expect, it } from 'vitest';
import { l0l1Smooth } from '../../../src/classes/l0-l1-smooth.js';
import { minEigenvalue } from '../../../src/linalg/eigen.js';
import { norm2 } from '../../../src/linalg/vector.js';
import { membership } from '../../../src/problems/certificate.js';
import { QUARTIC_SADDLE_L0, quarticSaddleFamily, quarticSaddleOracle } from '../../../src/problems/families/quartic-saddle.js';
import { formatName } from '../../../src/problems/instance.js';
import { expectMemberships, expectNaNAtNonFinite, expectOptimum, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';

const instances = sampleInstances(quarticSaddleFamily, 60, 51, { maxDim: 12 });

describe('quartic saddle oracle', () => {
  selfCheckTests(instances, 'any check');

  it('matches the closed forms in 2-D with p = 1 at (2, −1)', () => {
    const o = quarticSaddleOracle(2, 1);
    const x = Float64Array.of(2, -1);
    expect(o.f(x)).toBe(4 - 2 + 0.25 + 0.5);
    expect(Array.from(o.grad(x))).toEqual([6, -2]);
    expect(Array.from(o.hess(x).data)).toEqual([11, 0, 0, 4]);
    expect(Array.from(o.third!(x, Float64Array.of(1, 2)))).toEqual([12, -24]);
  });

  it('draws 2-D names about half the time, and p ≤ n always', () => {
    const dims = instances.map((i) => i.name.dim);
    expect(dims.filter((d) => d === 2).length).toBeGreaterThan(15);
    for (const inst of instances) expect(inst.name.params.unstable as number).toBeLessThanOrEqual(inst.name.dim);
  });

  it('gives NaN at non-finite points, rejects p > n or p < 1, and rebuilds from its name', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(quarticSaddleFamily, inst);
    expect(field(() => quarticSaddleFamily.build({ family: 'quartic-saddle', params: { unstable: 3 }, dim: 2, seed: 1 }))).toBe('unstable');
    expect(field(() => quarticSaddleFamily.build({ family: 'quartic-saddle', params: { unstable: 0 }, dim: 2, seed: 1 }))).toBe('unstable');
    expect(field(() => quarticSaddleFamily.build({ family: 'quartic-saddle', params: { scale: 0 }, dim: 2, seed: 1 }))).toBe('scale');
  });
});

describe('quartic saddle certificate', () => {
  it('f* = −p/4 at x* exactly, ∇f(x*) = 0, every sign pattern ±1 on the unstable coordinates is a minimizer, and f ≥ f* at samples', () => {
    for (const [k, inst] of instances.entries()) {
      const p = inst.name.params.unstable as number;
      expect(inst.certificate.fStar).toBe(-p / 4);
      expectOptimum(inst, 10, k, 0);
      const flipped = inst.certificate.xStar!.map((t, i) => (i % 2 === 0 ? -t : t));
      expect(inst.problem.f(flipped)).toBe(-p / 4);
      expect(norm2(inst.problem.grad(flipped))).toBe(0);
    }
  });

  it('the strict saddle: ∇f(0) = 0, λ_min(∇²f(0)) = −1, and a start on the stable manifold converges to it under gradient steps while a 1e-8 offset escapes', () => {
    for (const inst of instances) {
      const [saddle] = inst.certificate.strictSaddles!;
      const p = inst.name.params.unstable as number;
      expect(norm2(inst.problem.grad(saddle.point))).toBe(0);
      expect(minEigenvalue(inst.problem.hess(saddle.point))).toBe(saddle.minEigenvalue);
      expect(saddle.unstableCoordinates).toEqual(Array.from({ length: p }, (_, i) => i));
      const run = (x: Float64Array) => {
        for (let k = 0; k < 3000; k++) {
          const g = inst.problem.grad(x);
          x = x.map((v, i) => v - (0.1 * g[i]) / (1 + norm2(g)));
        }
        return x;
      };
      const onManifold = inst.x0.map((v, i) => (saddle.unstableCoordinates.includes(i) ? 0 : v));
      expect(norm2(run(onManifold)), formatName(inst.name)).toBeLessThan(1e-6);
      const offset = onManifold.map((v, i) => (i === 0 ? 1e-8 : v));
      expect(Math.abs(run(offset)[0]), formatName(inst.name)).toBeGreaterThan(0.99);
    }
  });

  it('L0 = 5.0793 ≥ sup_t(|p″| − |p′|) of both pieces (a fine grid and the closed-form maximum 2 + 16√3/9), attained to 1e-4', () => {
    const exact = 2 + (16 * Math.sqrt(3)) / 9;
    expect(QUARTIC_SADDLE_L0).toBeGreaterThan(exact + 1e-6);
    expect(QUARTIC_SADDLE_L0 - exact).toBeLessThan(1e-4);
    let sup = -Infinity;
    for (let k = 0; k <= 2_000_000; k++) {
      const t = k * 1e-5;
      sup = Math.max(sup, Math.abs(3 * t * t - 1) - Math.abs(t * t * t - t), Math.abs(3 * t * t + 1) - Math.abs(t * t * t + t));
    }
    expect(sup).toBeLessThanOrEqual(exact + 1e-12);
    expect(sup).toBeGreaterThan(exact - 1e-8);
    const axis = new Float64Array(3);
    axis[0] = 1 + 2 / Math.sqrt(3);
    const o = quarticSaddleOracle(3, 1);
    expect(o.hess(axis).data[0] - norm2(o.grad(axis))).toBeCloseTo(exact, 12);
  });

  it('the (L0, L1) membership holds on samples and its spot check confirms it; a quarter of it is refuted', () => {
    let refuted = 0;
    for (const [k, inst] of instances.entries()) {
      expectMemberships(inst, 20, k);
      const [m] = membership(inst.certificate, 'l0-l1-smooth');
      const r = l0l1Smooth.spotCheck(inst, m, { samples: 10, seed: inst.name.seed });
      expect(r.worstRatio, formatName(inst.name)).toBeLessThanOrEqual(1 + r.slack);
      const q = l0l1Smooth.spotCheck(inst, { ...m, L0: m.L0 / 4, L1: m.L1 / 4 }, { samples: 10, seed: inst.name.seed });
      if (q.worstRatio > 1 + q.slack) refuted++;
    }
    expect(refuted / instances.length).toBeGreaterThan(0.5);
  });
});
