import { describe, expect, it } from 'vitest';
import { minEigenvalue } from '../../../src/linalg/eigen.js';
import { matrix } from '../../../src/linalg/matrix.js';
import { type MlpMixtureOracle, mlpMixture, mlpMixtureFamily as family } from '../../../src/problems/families/mlp-mixture.js';
import { formatName, type Instance, type InstanceName } from '../../../src/problems/instance.js';
import { buildInstance } from '../../../src/problems/registry.js';
import { expectNaNAtNonFinite, expectRebuildsFromName, instanceErrorField as field, sampleInstances, selfCheckTests } from './family-checks.js';

const ID = 'mlp-mixture';
const named = (dim: number, params: InstanceName['params'], seed: number): InstanceName => ({ family: ID, params, dim, seed });
const instances = sampleInstances(family, 20, 93);
const oracleOf = (inst: Instance) => inst.problem.oracle as MlpMixtureOracle;

describe('tiny MLP on a Gaussian mixture', () => {
  selfCheckTests(instances, 'any check');

  it('computes W₂·(tanh(W₁·(a; 1)); 1) with the bias columns last, and softmax cross-entropy or ½‖p − e_c‖²', () => {
    // d = 1, h = 1, K = 2: x = (W₁ = [w, b], W₂ = [[v₀, c₀], [v₁, c₁]])
    for (const loss of ['softmax-cross-entropy', 'squared'] as const) {
      const o = mlpMixture({ features: matrix(1, 1, Float64Array.of(2)), classes: Int32Array.of(1), classCount: 2, hidden: 1, loss, l2: 0.5 });
      const x = Float64Array.of(0.3, -0.1, 1.5, 0.2, -0.7, 0.4);
      const h = Math.tanh(0.3 * 2 - 0.1);
      const p = [1.5 * h + 0.2, -0.7 * h + 0.4];
      const data = loss === 'squared' ? (p[0] ** 2 + (p[1] - 1) ** 2) / 2 : Math.log(Math.exp(p[0]) + Math.exp(p[1])) - p[1];
      const ridge = 0.25 * x.reduce((s, t) => s + t * t, 0);
      expect(Math.abs(o.f(x) - data - ridge)).toBeLessThan(1e-15);
    }
  });

  it('is certified nonconvex by an indefinite Hessian at 0, which the computed ∇²f(0) confirms; no class', () => {
    let nonconvex = 0;
    for (const inst of instances) {
      expect(inst.certificate.memberships).toEqual([]);
      if (inst.certificate.convexity !== 'nonconvex') continue;
      nonconvex++;
      expect(minEigenvalue(inst.problem.hess(new Float64Array(inst.problem.dim))), formatName(inst.name)).toBeLessThan(0);
    }
    expect(nonconvex).toBeGreaterThan(10);
  });

  it('rebuilds from its name, gives NaN at non-finite points, and rejects bad parameters and data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 4)) expectRebuildsFromName(family, inst);
    // the defaults d = 2, h = 8, K = 3: n = 8·3 + 3·9 = 51
    expect(buildInstance('mlp-mixture//n=51/seed=1').problem.dim).toBe(51);
    for (const inst of instances.slice(0, 3)) expectNaNAtNonFinite(inst);
    expect(field(() => family.build(named(50, {}, 1)))).toBe('dim');
    expect(field(() => family.build(named(51, { loss: 'hinge' }, 1)))).toBe('loss');
    expect(field(() => family.build(named(51, { hidden: 33 }, 1)))).toBe('hidden');
    expect(field(() => family.build(named(51, { classes: 1 }, 1)))).toBe('classes');
    expect(field(() => family.build(named(51, { l2: -1 }, 1)))).toBe('l2');
    const base = { features: matrix(2, 1, Float64Array.of(1, 2)), classes: Int32Array.of(0, 1), classCount: 2, hidden: 2, loss: 'squared' as const, l2: 0 };
    expect(field(() => mlpMixture({ ...base, features: matrix(2, 1, Float64Array.of(1, Infinity)) }))).toBe('features');
    expect(field(() => mlpMixture({ ...base, classes: Int32Array.of(0, 2) }))).toBe('classes');
    expect(field(() => mlpMixture({ ...base, classCount: 1 }))).toBe('classCount');
    expect(field(() => mlpMixture({ ...base, hidden: 0 }))).toBe('hidden');
    expect(oracleOf(instances[0]).model.layers.map((l) => l.bias)).toEqual([true, true]);
  });
});
