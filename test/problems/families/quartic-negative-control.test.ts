import { describe, expect, it } from 'vitest';
import { norm2 } from '../../../src/linalg/vector.js';
import { quarticNegativeControlFamily, quarticNegativeControlOracle } from '../../../src/problems/families/quartic-negative-control.js';
import { expectNaNAtNonFinite, expectOptimum, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';
import { maxAbsEigenvalue, minEigenvalue } from '../../../src/linalg/eigen.js';

const instances = sampleInstances(quarticNegativeControlFamily, 50, 61, { maxDim: 12 });

describe('quartic negative control oracle', () => {
  selfCheckTests(instances, 'any check');

  it('matches the closed forms in 2-D at (2, 1): d = 3', () => {
    const o = quarticNegativeControlOracle(2);
    const x = Float64Array.of(2, 1);
    expect(o.f(x)).toBe(9 / 4);
    expect(Array.from(o.grad(x))).toEqual([6, -3]);
    expect(Array.from(o.hess(x).data)).toEqual([11, -4, -4, -1]);
    expect(Array.from(o.hvp(x, Float64Array.of(1, 2)))).toEqual([3, -6]);
    expect(Array.from(o.third!(x, Float64Array.of(1, 2)))).toEqual([12 - 8 - 16, -2 - 16 + 24]);
  });

  it('draws even dimensions only (2-D about half the time), refuses odd n, gives NaN at non-finite points, rebuilds from its name', () => {
    expect(instances.every((i) => i.name.dim % 2 === 0)).toBe(true);
    expect(instances.filter((i) => i.name.dim === 2).length).toBeGreaterThan(15);
    expect(field(() => quarticNegativeControlFamily.build({ family: 'quartic-negative-control', params: {}, dim: 3, seed: 1 }))).toBe('dim');
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(quarticNegativeControlFamily, inst);
  });
});

describe('quartic negative control certificate', () => {
  it('f* = 0 at x* = 0 and f ≥ 0 at samples; nonconvex: ∇²f(1, 0, …) has the eigenvalue −1; no membership', () => {
    for (const [k, inst] of instances.entries()) {
      expectOptimum(inst, 10, k, 0);
      const e = new Float64Array(inst.name.dim);
      e[0] = 1;
      expect(minEigenvalue(inst.problem.hess(e))).toBe(-1);
      expect(inst.certificate.memberships).toEqual([]);
      expect(inst.certificate.convexity).toBe('nonconvex');
    }
  });

  it('is not (L0, L1)-smooth: on a diagonal ∇f = 0 while ‖∇²f‖ = 4t²', () => {
    const o = quarticNegativeControlOracle(4);
    for (const t of [1, 10, 1000]) {
      const x = Float64Array.of(t, -t, 0, 0);
      expect(norm2(o.grad(x))).toBe(0);
      expect(maxAbsEigenvalue(o.hess(x))).toBeCloseTo(4 * t * t, 6);
    }
  });
});
