import { describe, expect, it } from 'vitest';
import { minEigenvalue } from '../../../src/linalg/eigen.js';
import { matrix, matVec } from '../../../src/linalg/matrix.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import { type PhaseRetrievalOracle, phaseRetrieval, phaseRetrievalCertificate, phaseRetrievalFamily } from '../../../src/problems/families/phase-retrieval.js';
import type { Instance } from '../../../src/problems/instance.js';
import { randomMatrix, rng } from '../../support/random-matrices.js';
import { expectNaNAtNonFinite, expectOptimum, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';

const instances = sampleInstances(phaseRetrievalFamily, 50, 41);
const oracleOf = (inst: Instance) => inst.problem.oracle as PhaseRetrievalOracle;

describe('phase retrieval oracle', () => {
  selfCheckTests(instances, 'any check');

  it('matches the closed forms in one dimension: f = (x² − y)²/4, f\'\'\' = 6x', () => {
    const o = phaseRetrieval({ sensing: matrix(1, 1, Float64Array.of(1)), measurements: Float64Array.of(4) });
    const x = Float64Array.of(3);
    expect(o.f(x)).toBe(25 / 4);
    expect(o.grad(x)[0]).toBe(15);
    expect(o.hess(x).data[0]).toBe(23);
    expect(o.third!(x, Float64Array.of(2))[0]).toBe(72);
  });

  it('gives NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    expect(field(() => phaseRetrieval({ sensing: matrix(2, 1, Float64Array.of(1, 2)), measurements: Float64Array.of(1) }))).toBe('measurements');
    expect(field(() => phaseRetrieval({ sensing: matrix(1, 1, Float64Array.of(Infinity)), measurements: Float64Array.of(1) }))).toBe('sensing');
    expect(field(() => phaseRetrievalFamily.build({ family: 'phase-retrieval', params: { samples: 0 }, dim: 2, seed: 1 }))).toBe('samples');
    expect(field(() => phaseRetrievalFamily.build({ family: 'phase-retrieval', params: {}, dim: 300, seed: 1 }))).toBe('dim');
    const next = rng(3);
    const a = randomMatrix(3, 2, next);
    const planted = Float64Array.of(1, 0.5);
    const o = phaseRetrieval({ sensing: a, measurements: matVec(a, planted).map((r) => r * r) });
    expect(field(() => phaseRetrievalCertificate(o, planted))).toBe('sensing');
  });

  it('rebuilds the same instance from its name', () => {
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(phaseRetrievalFamily, inst);
  });
});

describe('phase retrieval certificate', () => {
  it('f(±x♮) = 0 = f* and ∇f(±x♮) = 0 exactly', () => {
    for (const [k, inst] of instances.entries()) {
      expectOptimum(inst, 5, k, 0);
      const minus = inst.certificate.xStar!.map((t) => -t);
      expect(inst.problem.f(minus)).toBe(0);
      expect(norm2(inst.problem.grad(minus))).toBe(0);
    }
  });

  it('is nonconvex as certified: ∇f(0) = 0 and ⟨∇²f(0)x♮, x♮⟩ = −(1/m)Σyᵢ² < 0', () => {
    for (const inst of instances) {
      const o = oracleOf(inst);
      const zero = new Float64Array(o.dim);
      const planted = inst.certificate.xStar!;
      const y = o.data.measurements;
      expect(norm2(o.grad(zero))).toBe(0);
      if (y.every((yi) => yi === 0)) {
        expect(inst.certificate.convexity).toBe('convex');
        continue;
      }
      expect(inst.certificate.convexity).toBe('nonconvex');
      const curvature = dot(o.hvp(zero, planted), planted);
      const expected = -y.reduce((s, yi) => s + yi * yi, 0) / y.length;
      expect(curvature).toBeLessThan(0);
      expect(curvature / expected).toBeCloseTo(1, 12);
      expect(minEigenvalue(o.hess(zero))).toBeLessThan(0);
      expect(inst.certificate.memberships).toEqual([]);
    }
  });
});
