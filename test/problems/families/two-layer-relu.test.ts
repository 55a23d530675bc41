import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../../src/linalg/eigen.js';
import { matMul, matrix, matTVec, matVec, transpose } from '../../../src/linalg/matrix.js';
import { solveSpd } from '../../../src/linalg/cholesky.js';
import { dot } from '../../../src/linalg/vector.js';
import { smallestLipschitzConstant } from '../../../src/problems/certificate.js';
import { type TwoLayerReluOracle, twoLayerRelu, twoLayerReluFamily as family } from '../../../src/problems/families/two-layer-relu.js';
import type { Instance, InstanceName } from '../../../src/problems/instance.js';
import { buildInstance } from '../../../src/problems/registry.js';
import { relativeDifference } from '../../support/compare.js';
import { randomVector, rng } from '../../support/random-matrices.js';
import { expectMemberships, expectNaNAtNonFinite, expectRebuildsFromName, instanceErrorField as field, sampleInstances } from './family-checks.js';

const ID = 'two-layer-relu';
const named = (dim: number, params: InstanceName['params'], seed: number): InstanceName => ({ family: ID, params, dim, seed });
const oracleOf = (inst: Instance) => inst.problem.oracle as TwoLayerReluOracle;
const instances = sampleInstances(family, 16, 91);
/** the GRNG setting: n = 8 points in ℝ⁴, width 512 */
const wide = family.build(named(4 * 512, { d: 4, points: 8 }, 1));
const wideLinearized = family.build(named(4 * 512, { d: 4, points: 8, linearized: 1 }, 1));

describe('two-layer ReLU network', () => {
  it('computes (1/n)Σ½((1/√m)Σᵣ aᵣ relu(⟨wᵣ, xᵢ⟩) − yᵢ)² + (l2/2)‖W‖² with x[r·d + j] = W[r, j], aᵣ = +1 on the first half', () => {
    const inst = family.build(named(3 * 6, { d: 3, points: 5, l2: 0.25 }, 7));
    const { points, targets } = oracleOf(inst).data;
    const x = randomVector(18, rng(1));
    const r = Array.from({ length: 5 }, (_, i) => {
      let u = 0;
      for (let h = 0; h < 6; h++) u += (h < 3 ? 1 : -1) * Math.max(0, dot(x.subarray(h * 3, h * 3 + 3), points.data.subarray(i * 3, i * 3 + 3)));
      return u / Math.sqrt(6) - targets[i];
    });
    expect(relativeDifference(oracleOf(inst).residuals(x), r)).toBeLessThan(1e-14);
    const f = r.reduce((s, ri) => s + ri * ri / 2, 0) / 5 + 0.125 * dot(x, x);
    expect(Math.abs(inst.problem.f(x) - f) / f).toBeLessThan(1e-14);
    for (let i = 0; i < 5; i++) expect(Math.abs(Math.hypot(...points.data.subarray(i * 3, i * 3 + 3)) - 1)).toBeLessThan(1e-15);
  });

  it('its gradient is Jᵀr/n + l2·x and its (a.e.) Hessian JᵀJ/n + l2·I, with the J and r it exposes', () => {
    for (const inst of [instances[0], instances[1], wide]) {
      const o = oracleOf(inst);
      const x = inst.x0.map((xi, j) => xi + 0.1 * Math.sin(j));
      const J = o.outputJacobian(x);
      const n = J.rows;
      const g = matTVec(J, o.residuals(x)).map((gj, j) => gj / n + o.data.l2 * x[j]);
      expect(relativeDifference(o.grad(x), g)).toBeLessThan(1e-13);
      const v = randomVector(o.dim, rng(2));
      const hv = matTVec(J, matVec(J, v)).map((t, j) => t / n + o.data.l2 * v[j]);
      expect(relativeDifference(o.hvp(x, v), hv)).toBeLessThan(1e-13);
    }
  });

  it('is certified nonconvex by its kink: along W = t·xⱼ in one row, f(t) + f(−t) < 2f(0) for the row whose sign aᵣ matches Σᵢ yᵢ|⟨xⱼ, xᵢ⟩|', () => {
    let nonconvex = 0;
    for (const inst of [...instances, wide].filter((i) => oracleOf(i).data.linearizedAt === null)) {
      const { points, targets, width: m } = oracleOf(inst).data;
      const d = points.cols;
      expect(inst.certificate.memberships).toEqual([]);
      if (inst.certificate.convexity !== 'nonconvex') continue;
      nonconvex++;
      const j = Number(/\(j = (\d+)\)/.exec(inst.certificate.convexityHow)?.[1]);
      const xj = points.data.subarray(j * d, (j + 1) * d);
      let S = 0;
      for (let i = 0; i < points.rows; i++) S += targets[i] * Math.abs(dot(xj, points.data.subarray(i * d, (i + 1) * d)));
      const row = S > 0 ? 0 : m - 1;
      const at = (t: number) => {
        const x = new Float64Array(m * d);
        for (let l = 0; l < d; l++) x[row * d + l] = t * xj[l];
        return inst.problem.f(x);
      };
      const t = 1e-4;
      expect(at(t) + at(-t)).toBeLessThan(2 * at(0));
    }
    expect(nonconvex).toBeGreaterThan(5);
  });

  it('linearized: the residuals move exactly by J·δ, f is the quadratic of the certificate, and f* = 0 is reached by the minimum-norm solution', () => {
    const o = oracleOf(wideLinearized);
    const x0 = wideLinearized.x0;
    const J = o.outputJacobian(x0);
    const delta = randomVector(o.dim, rng(3)).map((t) => 0.2 * t);
    const moved = o.residuals(x0.map((xi, j) => xi + delta[j]));
    const predicted = o.residuals(x0).map((r, i) => r + dot(J.data.subarray(i * o.dim, (i + 1) * o.dim), delta));
    expect(relativeDifference(moved, predicted)).toBeLessThan(1e-13);
    expect(relativeDifference(o.outputJacobian(x0.map((xi) => xi + 5)).data, J.data)).toBe(0);
    expect(wideLinearized.certificate.convexity).toBe('convex');
    expect(wideLinearized.certificate.fStar).toBe(0);
    const JJt = matMul(J, transpose(J));
    const step = solveSpd(JJt, o.residuals(x0).map((r) => -r));
    if (!step.ok) throw new Error('JJᵀ not positive definite');
    const xStar = x0.map((xi, j) => xi + matTVec(J, step.x)[j]);
    expect(o.f(xStar)).toBeLessThan(1e-24);
    const spectrum = symmetricEigenvalues(JJt);
    const L = smallestLipschitzConstant(wideLinearized.certificate) ?? NaN;
    expect(L).toBeGreaterThanOrEqual(spectrum[spectrum.length - 1] / 8);
    expect(L).toBeLessThan((spectrum[spectrum.length - 1] / 8) * (1 + 1e-10));
    for (const inst of [family.build(named(2 * 10, { d: 2, points: 4, linearized: 1 }, 8)), family.build(named(3 * 4, { d: 3, points: 9, linearized: 1, l2: 0.1 }, 9))]) expectMemberships(inst, 20, 4);
  });

  it('the linearized network agrees with the network at W₀ (value, gradient, residuals, Jacobian)', () => {
    const a = oracleOf(wide);
    const b = oracleOf(wideLinearized);
    const x0 = wide.x0;
    expect(b.f(x0)).toBe(a.f(x0));
    expect(relativeDifference(b.grad(x0), a.grad(x0))).toBeLessThan(1e-14);
    expect(relativeDifference(b.outputJacobian(x0).data, a.outputJacobian(x0).data)).toBe(0);
  });

  it('rebuilds from its name, gives NaN at non-finite points, and rejects bad parameters and data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 4)) expectRebuildsFromName(family, inst);
    expectRebuildsFromName(family, wideLinearized);
    expect(buildInstance('two-layer-relu/d=4,points=8/n=2048/seed=1').problem.f(wide.x0)).toBe(wide.problem.f(wide.x0));
    for (const inst of instances.slice(0, 3)) expectNaNAtNonFinite(inst);
    expect(field(() => family.build(named(10, { d: 4 }, 1)))).toBe('dim');
    expect(field(() => family.build(named(12, { d: 4 }, 1)))).toBe('dim');
    expect(field(() => family.build(named(8, { d: 4, points: 17 }, 1)))).toBe('points');
    expect(field(() => family.build(named(8, { d: 4, linearized: 2 }, 1)))).toBe('linearized');
    expect(field(() => family.build(named(8, { d: 4, l2: -1 }, 1)))).toBe('l2');
    expect(field(() => family.build(named(8, { width: 2 }, 1)))).toBe('width');
    const points = matrix(2, 2, Float64Array.of(1, 0, 0, 1));
    const base = { points, targets: Float64Array.of(1, -1), width: 2, l2: 0, linearizedAt: null };
    expect(field(() => twoLayerRelu({ ...base, points: matrix(2, 2, Float64Array.of(1, NaN, 0, 1)) }))).toBe('points');
    expect(field(() => twoLayerRelu({ ...base, targets: Float64Array.of(1) }))).toBe('targets');
    expect(field(() => twoLayerRelu({ ...base, width: 3 }))).toBe('width');
    expect(field(() => twoLayerRelu({ ...base, l2: -1 }))).toBe('l2');
    expect(field(() => twoLayerRelu({ ...base, linearizedAt: new Float64Array(3) }))).toBe('linearizedAt');
  });
});
