import { describe, expect, it } from 'vitest';
import { minEigenvalue } from '../../../src/linalg/eigen.js';
import { matrix } from '../../../src/linalg/matrix.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import {
  type MatrixFactorizationOracle,
  matrixFactorization,
  matrixFactorizationCertificate,
  matrixFactorizationFamily,
} from '../../../src/problems/families/matrix-factorization.js';
import type { Instance } from '../../../src/problems/instance.js';
import { rng } from '../../support/random-matrices.js';
import { expectNaNAtNonFinite, expectOptimum, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';

const instances = sampleInstances(matrixFactorizationFamily, 50, 43);
const oracleOf = (inst: Instance) => inst.problem.oracle as MatrixFactorizationOracle;

describe('symmetric matrix factorization oracle', () => {
  selfCheckTests(instances, 'any check');

  it('uses x = vec(X) with columns stacked, and matches ¼‖XXᵀ − M‖_F² computed directly', () => {
    const o = matrixFactorization({ target: matrix(2, 2, Float64Array.of(1, 2, 2, 5)), rank: 2 });
    // X = [[1, 3], [2, 4]] stacked by columns
    const x = Float64Array.of(1, 2, 3, 4);
    // XXᵀ = [[10, 14], [14, 20]], R = [[9, 12], [12, 15]]
    expect(o.f(x)).toBe((81 + 144 + 144 + 225) / 4);
    // RX = [[9·1 + 12·2, 9·3 + 12·4], [12·1 + 15·2, 12·3 + 15·4]] = [[33, 75], [42, 96]]
    expect(Array.from(o.grad(x))).toEqual([33, 42, 75, 96]);
  });

  it('is invariant under X → XO for orthogonal O', () => {
    const next = rng(12);
    for (const inst of instances.filter((i) => Number(i.name.params.rank) === 2).slice(0, 10)) {
      const d = inst.problem.dim / 2;
      const angle = 2 * Math.PI * next();
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      const x = inst.x0;
      const rotated = new Float64Array(2 * d);
      for (let i = 0; i < d; i++) {
        rotated[i] = c * x[i] + s * x[d + i];
        rotated[d + i] = -s * x[i] + c * x[d + i];
      }
      expect(inst.problem.f(rotated) / inst.problem.f(x)).toBeCloseTo(1, 12);
    }
  });

  it('gives NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    expect(field(() => matrixFactorization({ target: matrix(2, 2, Float64Array.of(1, 2, 3, 4)), rank: 1 }))).toBe('target');
    expect(field(() => matrixFactorization({ target: matrix(1, 1, Float64Array.of(1)), rank: 0 }))).toBe('rank');
    expect(field(() => matrixFactorizationFamily.build({ family: 'matrix-factorization', params: { rank: 3 }, dim: 10, seed: 1 }))).toBe('dim');
    const o = matrixFactorization({ target: matrix(1, 1, Float64Array.of(0.01)), rank: 1 });
    expect(field(() => matrixFactorizationCertificate(o, Float64Array.of(0.1)))).toBe('planted');
  });

  it('rebuilds the same instance from its name, with n = d·r ≤ 50 by default', () => {
    for (const inst of instances) expect(inst.problem.dim).toBeLessThanOrEqual(50);
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(matrixFactorizationFamily, inst);
  });
});

describe('symmetric matrix factorization certificate', () => {
  it('f(X♮) = 0 = f* and ∇f(X♮) = 0 exactly', () => {
    for (const [k, inst] of instances.entries()) expectOptimum(inst, 5, k, 0);
  });

  it('is nonconvex as certified: ∇f(0) = 0 and ⟨∇²f(0)vec(X♮), vec(X♮)⟩ = −‖X♮ᵀX♮‖_F² < 0', () => {
    for (const inst of instances) {
      const o = oracleOf(inst);
      const zero = new Float64Array(o.dim);
      const planted = inst.certificate.xStar!;
      expect(norm2(o.grad(zero))).toBe(0);
      if (planted.every((t) => t === 0)) {
        expect(inst.certificate.convexity).toBe('convex');
        continue;
      }
      expect(inst.certificate.convexity).toBe('nonconvex');
      const r = Number(inst.name.params.rank);
      const d = o.dim / r;
      let gram = 0;
      for (let a = 0; a < r; a++) {
        for (let b = 0; b < r; b++) {
          const ab = dot(planted.subarray(a * d, (a + 1) * d), planted.subarray(b * d, (b + 1) * d));
          gram += ab * ab;
        }
      }
      expect(dot(o.hvp(zero, planted), planted)).toBe(-gram);
      expect(minEigenvalue(o.hess(zero))).toBeLessThan(0);
    }
  });
});
