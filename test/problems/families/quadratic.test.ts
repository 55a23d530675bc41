import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../../src/linalg/eigen.js';
import { matrix } from '../../../src/linalg/matrix.js';
import { norm2 } from '../../../src/linalg/vector.js';
import { membership } from '../../../src/problems/certificate.js';
import { type QuadraticOracle, quadratic, quadraticFamily } from '../../../src/problems/families/quadratic.js';
import type { Instance } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
import {
  expectMemberships,
  expectNaNAtNonFinite,
  expectOptimum,
  expectRebuildsFromName,
  instanceErrorField as field,
  sampleInstances,
  selfCheckTests,
} from './family-checks.js';

const instances = sampleInstances(quadraticFamily, 50, 31);
const oracleOf = (inst: Instance) => inst.problem.oracle as QuadraticOracle;

describe('quadratic oracle', () => {
  selfCheckTests(instances, 'any check', 'passes the Taylor-remainder self-checks on 50 random instances (Hessian and third derivative exact)');

  it('has its prescribed spectrum: condition number 10^logCond, top eigenvalue `scale`', () => {
    for (const inst of instances.filter((i) => i.problem.dim >= 2)) {
      const values = symmetricEigenvalues(oracleOf(inst).data.Q);
      const { scale, logCond } = inst.name.params as { scale: number; logCond: number };
      expect(values[values.length - 1] / scale).toBeCloseTo(1, 10);
      expect(Math.log10(values[values.length - 1] / values[0])).toBeCloseTo(logCond, 3);
    }
  });

  it('gives NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    const Q = matrix(2, 2, Float64Array.of(2, 1, 1, 2));
    expect(field(() => quadratic({ Q: matrix(2, 2, Float64Array.of(2, 1, 0, 2)), xStar: new Float64Array(2), fStar: 0 }))).toBe('Q');
    expect(field(() => quadratic({ Q, xStar: new Float64Array(3), fStar: 0 }))).toBe('xStar');
    expect(field(() => quadratic({ Q, xStar: new Float64Array(2), fStar: NaN }))).toBe('fStar');
    expect(field(() => quadraticFamily.build({ family: 'quadratic', params: { metric: 'euclid' }, dim: 2, seed: 1 }))).toBe('metric');
    expect(field(() => quadraticFamily.build({ family: 'quadratic', params: { logCond: -1 }, dim: 2, seed: 1 }))).toBe('logCond');
  });

  it('rebuilds the same instance from its name', () => {
    for (const inst of instances.slice(0, 10)) {
      const again = expectRebuildsFromName(quadraticFamily, inst);
      expect(Array.from(oracleOf(again).data.Q.data)).toEqual(Array.from(oracleOf(inst).data.Q.data));
    }
  });
});

describe('quadratic certificate', () => {
  it('f(x*) = f* and ∇f(x*) = 0 exactly, f ≥ f* elsewhere', () => {
    for (const [k, inst] of instances.entries()) {
      expectOptimum(inst, 5, k, 0);
      expect(inst.certificate.convexity).toBe('strongly-convex');
    }
  });

  it('the Lipschitz constant holds on samples and is λ_max(Q) (B = I) or exactly 1 (B = Q), tight', () => {
    for (const [k, inst] of instances.entries()) {
      expectMemberships(inst, 8, k);
      const [m] = membership(inst.certificate, 'lipschitz-gradient');
      const Q = oracleOf(inst).data.Q;
      if (inst.metric.kind === 'dense') {
        expect(m.L).toBe(1);
        continue;
      }
      const top = symmetricEigenvalues(Q).at(-1)!;
      expect(top / m.L).toBeLessThanOrEqual(1);
      expect(top / m.L).toBeGreaterThan(1 - 1e-12);
    }
  });

  it('states no zero-constant memberships (Hölder Hessian L = 0 would divide by zero downstream)', () => {
    for (const inst of instances) expect(inst.certificate.memberships.map((m) => m.class)).toEqual(['lipschitz-gradient']);
  });

  it('the sublevel radius bounds the sublevel set {f ≤ f(x0)} in the metric and is attained along the bottom eigenvector', () => {
    for (const inst of instances) {
      const { Q, xStar } = oracleOf(inst).data;
      const metric = metricOf(inst.metric, inst.problem.dim);
      const D = inst.certificate.sublevelRadius!;
      const f0 = inst.problem.f(inst.x0);
      expect(metric.norm(inst.x0.map((xi, i) => xi - xStar[i]))).toBeLessThanOrEqual(D);
      const lowest = inst.metric.kind === 'dense' ? 1 : symmetricEigenvalues(Q)[0];
      const reach = Math.sqrt((2 * (f0 - inst.certificate.fStar!)) / lowest);
      expect(reach / D).toBeGreaterThan(1 - 1e-6);
      expect(reach / D).toBeLessThanOrEqual(1 + 1e-12);
      expect(norm2(inst.problem.grad(xStar))).toBe(0);
    }
  });
});
