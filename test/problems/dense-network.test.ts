import { describe, expect, it } from 'vitest';
import { matVec } from '../../src/linalg/matrix.js';
import { dot, norm2 } from '../../src/linalg/vector.js';
import { mlpMixtureFamily } from '../../src/problems/families/mlp-mixture.js';
import { type TwoLayerReluOracle, twoLayerReluFamily } from '../../src/problems/families/two-layer-relu.js';
import { formatName, type Instance, type InstanceName } from '../../src/problems/instance.js';
import { allRows, type SupervisedModel, supervisedModelOf } from '../../src/problems/supervised-model.js';
import { relativeDifference } from '../support/compare.js';
import { randomVector, rng } from '../support/random-matrices.js';

const mlp = (params: InstanceName['params'], dim: number, seed: number): Instance => mlpMixtureFamily.build({ family: 'mlp-mixture', params, dim, seed });
const relu = (params: InstanceName['params'], dim: number, seed: number): Instance => twoLayerReluFamily.build({ family: 'two-layer-relu', params, dim, seed });

/** d = 2, h = 4, K = 3: n = 4·3 + 3·5 = 27; d = 3, h = 5, K = 2: n = 32 */
const MLPS = [
  mlp({ d: 2, hidden: 4, classes: 3, samples: 12 }, 27, 1),
  mlp({ d: 3, hidden: 5, classes: 2, samples: 9, loss: 'squared', l2: 0.1 }, 32, 2),
  mlp({ d: 2, hidden: 4, classes: 3, samples: 7, l2: 0 }, 27, 3),
];
const RELUS = [relu({ d: 3, points: 6 }, 3 * 16, 4), relu({ d: 4, points: 5, l2: 0.01 }, 4 * 8, 5), relu({ d: 2, points: 4, linearized: 1 }, 2 * 10, 6)];

function modelOf(inst: Instance): SupervisedModel {
  const model = supervisedModelOf(inst.problem.oracle);
  if (!model) throw new Error(`${formatName(inst.name)} has no model`);
  return model;
}

/** x0 moved by a Gaussian of scale 0.3 and a unit direction */
function pointAndDirection(inst: Instance, next: () => number): { x: Float64Array; v: Float64Array } {
  const x = Float64Array.from(inst.x0, (xi) => xi + 0.3 * randomVector(1, next)[0]);
  const v = randomVector(inst.x0.length, next);
  const s = norm2(v);
  return { x, v: v.map((vi) => vi / s) };
}

/** Whether some ⟨wᵣ, xᵢ⟩ changes sign between x − hv and x + hv (a ReLU kink between the two points). */
function crossesKink(oracle: TwoLayerReluOracle, x: Float64Array, v: Float64Array, h: number): boolean {
  const { points } = oracle.data;
  const d = points.cols;
  const m = x.length / d;
  for (let i = 0; i < points.rows; i++) {
    const xi = points.data.subarray(i * d, (i + 1) * d);
    for (let r = 0; r < m; r++) {
      const lo = dot(x.subarray(r * d, (r + 1) * d).map((w, j) => w - h * v[r * d + j]), xi);
      const hi = dot(x.subarray(r * d, (r + 1) * d).map((w, j) => w + h * v[r * d + j]), xi);
      if (Math.sign(lo) !== Math.sign(hi)) return true;
    }
  }
  return false;
}

/**
 * Central differences with h = 1e-5: the truncation error is h²/6·|D³f[v,v,v]| (h²/6·‖D³f‖ for the HVP) and the
 * rounding error about 2u·|f|/h ≈ 2e-11·|f|; both stay far below the stated tolerance 1e-6·(scale) for these
 * networks (|D³f| = O(1) at unit directions), while a wrong derivative errs by O(1)·scale.
 */
const H = 1e-5;
const TOLERANCE = 1e-6;

function expectCentralDifferences(inst: Instance, x: Float64Array, v: Float64Array): void {
  const o = inst.problem.oracle;
  const label = formatName(inst.name);
  const plus = x.map((xi, j) => xi + H * v[j]);
  const minus = x.map((xi, j) => xi - H * v[j]);
  const slope = (o.f(plus) - o.f(minus)) / (2 * H);
  const g = o.grad(x);
  expect(Math.abs(slope - dot(g, v)), label).toBeLessThan(TOLERANCE * (Math.abs(o.f(x)) + norm2(g)));
  const hv = o.hvp(x, v);
  const gradSlope = o.grad(plus).map((gp, j) => (gp - o.grad(minus)[j]) / (2 * H));
  const largest = hv.reduce((m, hj, j) => Math.max(m, Math.abs(hj - gradSlope[j])), 0);
  expect(largest, label).toBeLessThan(TOLERANCE * (norm2(g) + norm2(hv) + 1));
}

describe('dense networks as supervised models', () => {
  it('mlp-mixture: gradient and exact HVP (forward over reverse) agree with central differences', () => {
    const next = rng(11);
    for (const inst of MLPS) for (let s = 0; s < 3; s++) {
      const { x, v } = pointAndDirection(inst, next);
      expectCentralDifferences(inst, x, v);
    }
  });

  it('two-layer-relu: gradient, HVP and the Gauss–Newton Hessian agree with central differences away from kinks', () => {
    const next = rng(12);
    let checked = 0;
    for (const inst of RELUS) for (let s = 0; s < 4; s++) {
      const { x, v } = pointAndDirection(inst, next);
      const oracle = inst.problem.oracle as TwoLayerReluOracle;
      if (oracle.data.linearizedAt === null && crossesKink(oracle, x, v, H)) continue;
      expectCentralDifferences(inst, x, v);
      expect(relativeDifference(matVec(oracle.hess(x), v), oracle.hvp(x, v))).toBeLessThan(1e-13);
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('a wrong derivative fails these checks: the HVP of the tanh network without its φ\'\' term', () => {
    const inst = MLPS[0];
    const model = modelOf(inst);
    const next = rng(13);
    const { x, v } = pointAndDirection(inst, next);
    const rows = allRows(model);
    // the Gauss–Newton part alone: (1/N)ΣJᵢᵀ∇²ℓJᵢv + l2·v, which drops the second-order terms of the network
    const ggn = new Float64Array(model.dim);
    for (const row of rows) {
      const J = modelOf(inst).jacobian(x, row);
      const jv = matVec(J, v);
      const p = model.predict(x, Uint32Array.of(row));
      const s = p.map(Math.exp);
      const total = s.reduce((a, b) => a + b, 0);
      const q = s.map((si) => si / total);
      const qjv = dot(q, jv);
      const hjv = jv.map((t, c) => q[c] * (t - qjv));
      const back = model.pullback(x, Uint32Array.of(row), hjv);
      for (let j = 0; j < model.dim; j++) ggn[j] += back[j] / rows.length;
    }
    for (let j = 0; j < model.dim; j++) ggn[j] += model.l2 * v[j];
    const exact = model.hvp(x, rows, v);
    expect(relativeDifference(ggn, exact)).toBeGreaterThan(1e-3);
  });

  it('jacobian: its rows pulled back give pullback, one row and the mean over a batch', () => {
    const next = rng(14);
    for (const inst of [...MLPS, ...RELUS]) {
      const model = modelOf(inst);
      const { x } = pointAndDirection(inst, next);
      const rows = Uint32Array.of(0, model.rowCount - 1, 0);
      const v = randomVector(rows.length * model.outputs, next);
      const expected = new Float64Array(model.dim);
      rows.forEach((row, i) => {
        const J = model.jacobian(x, row);
        for (let c = 0; c < model.outputs; c++) for (let j = 0; j < model.dim; j++) expected[j] += (J.data[c * model.dim + j] * v[i * model.outputs + c]) / rows.length;
      });
      expect(relativeDifference(model.pullback(x, rows, v), expected), formatName(inst.name)).toBeLessThan(1e-13);
    }
  });

  it('layerStatistics: each layer\'s gradient block of pullback is (1/|S|)·Σᵢ eᵢ·aᵢᵀ, and the layers tile [0, dim)', () => {
    const next = rng(15);
    for (const inst of [...MLPS, ...RELUS]) {
      const model = modelOf(inst);
      const { x } = pointAndDirection(inst, next);
      const rows = Uint32Array.of(1 % model.rowCount, 0, model.rowCount - 1);
      const v = randomVector(rows.length * model.outputs, next);
      const g = model.pullback(x, rows, v);
      const stats = model.layerStatistics(x, rows, v);
      expect(stats.length).toBe(model.layers.length);
      let covered = 0;
      model.layers.forEach((layer, l) => {
        expect(layer.offset).toBe(covered);
        covered += layer.outputs * layer.inputs;
        const { inputs, errors } = stats[l];
        expect([inputs.rows, inputs.cols, errors.rows, errors.cols]).toEqual([rows.length, layer.inputs, rows.length, layer.outputs]);
        if (layer.bias) for (let i = 0; i < rows.length; i++) expect(inputs.data[(i + 1) * layer.inputs - 1]).toBe(1);
        const block = new Float64Array(layer.outputs * layer.inputs);
        for (let i = 0; i < rows.length; i++) {
          for (let o = 0; o < layer.outputs; o++) for (let j = 0; j < layer.inputs; j++) block[o * layer.inputs + j] += (errors.data[i * layer.outputs + o] * inputs.data[i * layer.inputs + j]) / rows.length;
        }
        expect(relativeDifference(block, g.subarray(layer.offset, layer.offset + block.length)), formatName(inst.name)).toBeLessThan(1e-13);
      });
      expect(covered).toBe(model.dim);
    }
  });
});
