import { describe, expect, it } from 'vitest';
import { anisotropicConstantsOf } from '../../../src/classes/anisotropic-constants.js';
import { minEigenvalue, symmetricEigen } from '../../../src/linalg/eigen.js';
import { matrix } from '../../../src/linalg/matrix.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import {
  type AsymmetricMatrixFactorizationOracle,
  asymmetricMatrixFactorization,
  asymmetricMatrixFactorizationCertificate,
  asymmetricMatrixFactorizationFamily as family,
} from '../../../src/problems/families/asymmetric-matrix-factorization.js';
import type { Instance, InstanceName } from '../../../src/problems/instance.js';
import { buildInstance } from '../../../src/problems/registry.js';
import { KERNEL_IDS } from '../../../src/solvers/isotropic-kernels.js';
import { expectNaNAtNonFinite, expectOptimum, expectSelfChecks, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';

const ID = 'asymmetric-matrix-factorization';
const instances = sampleInstances(family, 50, 47);
const oracleOf = (inst: Instance) => inst.problem.oracle as AsymmetricMatrixFactorizationOracle;
const named = (dim: number, params: InstanceName['params'], seed: number): InstanceName => ({ family: ID, params, dim, seed });

describe('asymmetric matrix factorization oracle', () => {
  selfCheckTests(instances, 'any check');

  it('passes the self-checks for κ ∈ {0, 2} too', () => {
    const others = [0, 2].flatMap((kappa) => [named(5, { d1: 2, kappa }, 1), named(8, { rank: 2, d1: 3, kappa }, 2)].map((n) => family.build(n)));
    expectSelfChecks(others, 8);
  });

  it('uses x = (vec W, vec H) with columns stacked, and matches ½‖WHᵀ − Y‖² + (κ/4)‖WᵀW − HᵀH‖² computed directly', () => {
    // d1 = 2, d2 = 1, r = 2: W = [[1, 3], [2, 4]], H = [[5, 6]], Y = [[1], [2]], κ = 0.5
    const o = asymmetricMatrixFactorization({ target: matrix(2, 1, Float64Array.of(1, 2)), rank: 2, kappa: 0.5 });
    const x = Float64Array.of(1, 2, 3, 4, 5, 6);
    // WHᵀ = [[23], [34]], E = [[22], [32]]; WᵀW = [[5, 11], [11, 25]], HᵀH = [[25, 30], [30, 36]], D = [[−20, −19], [−19, −11]]
    expect(o.f(x)).toBe((22 * 22 + 32 * 32) / 2 + (0.5 / 4) * (400 + 2 * 361 + 121));
    // ∇_W = EH + κWD = [[110, 132], [160, 192]] + ½[[−77, −52], [−116, −82]]; ∇_H = EᵀW − κHD = [[86, 194]] − ½[[−214, −161]]
    expect(Array.from(o.grad(x))).toEqual([110 - 38.5, 160 - 58, 132 - 26, 192 - 41, 86 + 107, 194 + 80.5]);
  });

  it('gives NaN at non-finite points and rejects bad data and parameters with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    const y = matrix(2, 1, Float64Array.of(1, 2));
    expect(field(() => asymmetricMatrixFactorization({ target: matrix(2, 1, Float64Array.of(1, NaN)), rank: 1, kappa: 0.5 }))).toBe('target');
    expect(field(() => asymmetricMatrixFactorization({ target: matrix(0, 1), rank: 1, kappa: 0.5 }))).toBe('target');
    expect(field(() => asymmetricMatrixFactorization({ target: y, rank: 0, kappa: 0.5 }))).toBe('rank');
    expect(field(() => asymmetricMatrixFactorization({ target: y, rank: 1, kappa: -1 }))).toBe('kappa');
    expect(field(() => asymmetricMatrixFactorization({ target: y, rank: 1, kappa: NaN }))).toBe('kappa');
    expect(field(() => family.build(named(10, { rank: 3 }, 1)))).toBe('dim');
    expect(field(() => family.build(named(6, { rank: 2, d1: 3 }, 1)))).toBe('d1');
    expect(field(() => family.build(named(6, { d1: 0 }, 1)))).toBe('d1');
    expect(field(() => family.build(named(6, { rank: 1.5 }, 1)))).toBe('rank');
    expect(field(() => family.build(named(6, { kappa: -0.5 }, 1)))).toBe('kappa');
    expect(field(() => family.build(named(6, { scale: 0 }, 1)))).toBe('scale');
    expect(field(() => family.build(named(6, { rows: 2 }, 1)))).toBe('rows');
    expect(field(() => family.build(named(1, {}, 1)))).toBe('d1');
    const o = asymmetricMatrixFactorization({ target: matrix(1, 1, Float64Array.of(1)), rank: 1, kappa: 0.5 });
    expect(field(() => asymmetricMatrixFactorizationCertificate(o, Float64Array.of(0.1, 10)))).toBe('planted');
    expect(field(() => asymmetricMatrixFactorizationCertificate(o, Float64Array.of(0.5, 2)))).toBe('planted');
    expect(field(() => asymmetricMatrixFactorizationCertificate(o, Float64Array.of(2, 2)))).toBe('target');
  });

  it('rebuilds the same instance from its name, with n = (d1 + d2)·r ≤ 50 by default, and is in the registry', () => {
    for (const inst of instances) expect(inst.problem.dim).toBeLessThanOrEqual(50);
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(family, inst);
    expect(buildInstance(`${ID}/d1=1,rank=2/n=6/seed=3`).problem.dim).toBe(6);
  });
});

describe('asymmetric matrix factorization certificate', () => {
  it('f(W♮, H♮) = 0 = f* and ∇f = 0 exactly, with W♮ᵀW♮ = H♮ᵀH♮', () => {
    for (const [k, inst] of instances.entries()) expectOptimum(inst, 5, k, 0);
  });

  it('is nonconvex as certified: ∇f(0) = 0 and ⟨∇²f(0)x♮, x♮⟩ = −2‖Y‖_F² < 0', () => {
    let nonconvex = 0;
    for (const inst of instances) {
      const o = oracleOf(inst);
      const zero = new Float64Array(o.dim);
      const planted = inst.certificate.xStar!;
      const y = o.data.target.data;
      expect(norm2(o.grad(zero))).toBe(0);
      if (y.every((t) => t === 0)) {
        expect(inst.certificate.convexity).toBe('unknown');
        continue;
      }
      nonconvex++;
      expect(inst.certificate.convexity).toBe('nonconvex');
      expect(inst.certificate.convexityHow).toContain('[R]');
      expect(dot(o.hvp(zero, planted), planted)).toBe(-2 * dot(y, y));
      expect(minEigenvalue(o.hess(zero))).toBeLessThan(0);
    }
    expect(nonconvex).toBeGreaterThan(40);
  });
});

describe('P-GD constants (saturation estimate)', () => {
  const shapes = [named(5, { d1: 2 }, 1), named(8, { rank: 2, d1: 1 }, 2), named(6, { d1: 3 }, 3), named(8, { rank: 2, d1: 2 }, 4)];

  it('κ = 0.5: the estimate saturates for every kernel (Bodard & Patrinos Thm 2.14 [S]: κ > 0 qualifies)', () => {
    for (const name of shapes) {
      const inst = family.build(name);
      for (const kernel of KERNEL_IDS) expect(anisotropicConstantsOf(inst, kernel).status, `${JSON.stringify(name)} ${kernel}`).toBe('estimated');
    }
  });

  it('κ = 0: ∇f = 0 along (tW♮, H♮/t) while ‖∇²f‖ grows like t², and the estimate is outside the theory', () => {
    const inst = family.build(named(5, { d1: 2, kappa: 0 }, 1));
    const o = oracleOf(inst);
    const planted = inst.certificate.xStar!;
    const d1r = 2;
    const norms = [1, 4, 16].map((t) => {
      const x = planted.map((v, i) => (i < d1r ? t * v : v / t));
      expect(norm2(o.grad(x))).toBe(0);
      const { values } = symmetricEigen(o.hess(x));
      return Math.max(...values.map(Math.abs));
    });
    expect(norms[2] / norms[1]).toBeGreaterThan(15);
    for (const name of shapes.slice(0, 3)) {
      const zero = family.build({ ...name, params: { ...name.params, kappa: 0 } });
      for (const kernel of KERNEL_IDS) expect(anisotropicConstantsOf(zero, kernel).status, `${JSON.stringify(name)} ${kernel}`).toBe('outside');
    }
  });
});
