import { describe, expect, it } from 'vitest';
import { minEigenvalue } from '../../../src/linalg/eigen.js';
import { matrix, matVec } from '../../../src/linalg/matrix.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { InstanceError } from '../../../src/problems/family.js';
import { type PhaseRetrievalOracle, phaseRetrieval, phaseRetrievalCertificate, phaseRetrievalFamily } from '../../../src/problems/families/phase-retrieval.js';
import { type Instance, formatName, parseName } from '../../../src/problems/instance.js';
import { randomMatrix, randomVector, rng } from '../../support/random-matrices.js';
import { expectNaNAtNonFinite, expectOptimum, pointAndDirection, sampleInstances, unit } from './family-checks.js';
import { expectSelfChecks } from './self-checks.js';
import { withWrongGradient } from './wrong-gradient.js';

const instances = sampleInstances(phaseRetrievalFamily, 50, 41);
const oracleOf = (inst: Instance) => inst.problem.oracle as PhaseRetrievalOracle;

describe('phase retrieval oracle', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp = hess·v, third vs FD of hvp) on 50 random instances', () => {
    const next = rng(5);
    for (const inst of instances) expectSelfChecks(inst, next);
  });

  it('a gradient with one component scaled by 1.01 fails the self-check', () => {
    const next = rng(6);
    for (const inst of instances.slice(0, 10)) {
      const { x } = pointAndDirection(inst, next);
      const v = unit(randomVector(inst.problem.dim, next).map((vi, i) => (i === 0 ? 1 : vi)));
      expect(checkDerivatives(withWrongGradient(inst.problem.oracle), x, v).ok, formatName(inst.name)).toBe(false);
    }
  });

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
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof InstanceError ? e.field : 'not an InstanceError';
      }
      return 'no error';
    };
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
    for (const inst of instances.slice(0, 10)) {
      const parsed = parseName(formatName(inst.name));
      if ('error' in parsed) throw new Error(parsed.error);
      const again = phaseRetrievalFamily.build(parsed);
      expect(again.problem.f(again.x0)).toBe(inst.problem.f(inst.x0));
      expect(again.certificate).toEqual(inst.certificate);
    }
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
