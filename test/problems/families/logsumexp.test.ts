import { describe, expect, it } from 'vitest';
import { type Matrix, matTVec, matVec, matrix } from '../../../src/linalg/matrix.js';
import { norm2, normInf } from '../../../src/linalg/vector.js';
import { type LogSumExpOracle, logSumExp, logSumExpFamily, zeroShiftedRows } from '../../../src/problems/families/logsumexp.js';
import { randomMatrix, randomVector, rng } from '../../support/random-matrices.js';
import {
  expectConvexOnSamples,
  expectDerivatives,
  expectMemberships,
  expectNaNAtNonFinite,
  expectOptimum,
  instanceErrorField as field,
  pointAndDirection,
  sampleInstances,
} from './family-checks.js';

const instances = sampleInstances(logSumExpFamily, 50, 101, { maxDim: 30 });

describe('logSumExp oracle', () => {
  it('keeps the softmax state of the last point only as an invisible cache: answers are those of a fresh oracle', () => {
    const next = rng(29);
    const a = randomMatrix(12, 5, next);
    const b = randomVector(12, next);
    const o = logSumExp(a, b, 0.7);
    const fresh = () => logSumExp(a, b, 0.7);
    const x = randomVector(5, next);
    const y = randomVector(5, next);
    const v = randomVector(5, next);
    const same = (p: ArrayLike<number>, q: ArrayLike<number>) => expect(Array.from(p)).toEqual(Array.from(q));
    for (const point of [x, y, x, x, y]) {
      expect(o.f(point)).toBe(fresh().f(point));
      same(o.grad(point), fresh().grad(point));
      same(o.hess(point).data, fresh().hess(point).data);
      same(o.hvp(point, v), fresh().hvp(point, v));
      same(o.third(point, v), fresh().third(point, v));
    }
    // the weights handed out are a copy; a point changed in place is a new point
    const w = o.weights(x);
    w.fill(7);
    same(o.weights(x), fresh().weights(x));
    const z = x.slice();
    o.f(z);
    z[2] += 0.5;
    expect(o.f(z)).toBe(fresh().f(z));
    same(o.grad(z), fresh().grad(z));
  });

  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances', () => {
    const next = rng(7);
    for (const inst of instances) {
      const { v } = pointAndDirection(inst, next);
      const mu = Number(inst.name.params.mu);
      const n = inst.problem.dim;
      // (Ax − b)/μ spread over O(1), where f is not numerically affine; t0 = one unit of that spread
      const x = Float64Array.from(randomVector(n, next), (g) => (2 * mu * g) / Math.sqrt(n));
      const av = (inst.problem.oracle as LogSumExpOracle).A;
      const spread = normInf(matVec(av, v));
      expectDerivatives(inst, x, v, spread > 0 ? mu / spread : 1);
    }
  });

  it('Hessian equals (1/μ)(AᵀDiag(π)A − ∇f∇fᵀ) and D³f[v, v] the form of spec §5.2(A)', () => {
    const next = rng(11);
    for (let t = 0; t < 20; t++) {
      const m = 1 + Math.floor(next() * 20);
      const n = 1 + Math.floor(next() * 10);
      const mu = 0.2 + next();
      const o = logSumExp(randomMatrix(m, n, next), randomVector(m, next), mu);
      const x = randomVector(n, next);
      const v = randomVector(n, next);
      const pi = o.weights(x);
      const g = o.grad(x);
      const direct = matrix(n, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += o.A.data[k * n + i] * pi[k] * o.A.data[k * n + j];
          direct.data[i * n + j] = (s - g[i] * g[j]) / mu;
        }
      const h = o.hess(x);
      expect(normInf(h.data.map((e, k) => e - direct.data[k]))).toBeLessThanOrEqual(1e-12 * (1 + normInf(direct.data)) * m);
      // spec: (1/μ)[(1/μ)Aᵀ(π∘w∘(w − ⟨g,v⟩)) − ⟨g,v⟩∇²f v − ⟨∇²f v, v⟩ g]
      const w = Float64Array.from({ length: m }, (_, k) => o.A.data.subarray(k * n, (k + 1) * n).reduce((s, a, j) => s + a * v[j], 0));
      const gv = g.reduce((s, gi, i) => s + gi * v[i], 0);
      const hv = o.hvp(x, v);
      const vhv = hv.reduce((s, e, i) => s + e * v[i], 0);
      const inner = matTVec(o.A, Float64Array.from(w, (wk, k) => pi[k] * wk * (wk - gv)));
      const spec = Float64Array.from(inner, (e, i) => (e / mu - gv * hv[i] - vhv * g[i]) / mu);
      const third = o.third(x, v);
      expect(normInf(third.map((e, i) => e - spec[i]))).toBeLessThanOrEqual(1e-10 * (1 + normInf(spec)));
    }
  });

  it('keeps relative accuracy when π is nearly one-hot: m = 2, π₂ ≈ e⁻³⁰, against the closed form', () => {
    const next = rng(3);
    for (let t = 0; t < 10; t++) {
      const n = 1 + Math.floor(next() * 8);
      const mu = [0.1, 1, 3][t % 3];
      const a = randomMatrix(2, n, next);
      const d = Float64Array.from({ length: n }, (_, j) => a.data[j] - a.data[n + j]);
      const dd = d.reduce((s, e) => s + e * e, 0);
      const gap = 30;
      const x = Float64Array.from(d, (e) => (gap * mu * e) / dd);
      const o = logSumExp(a, new Float64Array(2), mu);
      const pi2 = 1 / (1 + Math.exp(gap));
      const pi1 = 1 / (1 + Math.exp(-gap));
      const h = o.hess(x);
      const v = randomVector(n, next);
      const dv = d.reduce((s, e, j) => s + e * v[j], 0);
      const hv = o.hvp(x, v);
      const third = o.third(x, v);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const exact = (pi1 * pi2 * d[i] * d[j]) / mu;
          expect(Math.abs(h.data[i * n + j] - exact)).toBeLessThanOrEqual(1e-12 * (pi1 * pi2 * dd) / mu);
        }
        expect(Math.abs(hv[i] - (pi1 * pi2 * dv * d[i]) / mu)).toBeLessThanOrEqual((1e-12 * pi1 * pi2 * Math.sqrt(dd) * Math.abs(dv) * Math.sqrt(dd)) / mu);
        // two terms: D³f[v, v] = π₁π₂(π₂ − π₁)·(dᵀv)²·d / μ²
        const exact3 = (pi1 * pi2 * (pi2 - pi1) * dv * dv * d[i]) / (mu * mu);
        expect(Math.abs(third[i] - exact3)).toBeLessThanOrEqual((1e-12 * pi1 * pi2 * dv * dv * dd) / (mu * mu));
      }
    }
  });

  it('is stable for large arguments: f(x) ≈ max zᵢ·μ where one term dominates', () => {
    const a: Matrix = matrix(2, 1, Float64Array.of(1, -1));
    const o = logSumExp(a, new Float64Array(2), 0.01);
    expect(o.f(Float64Array.of(1000))).toBeCloseTo(1000, 9);
    expect(o.grad(Float64Array.of(1000))[0]).toBe(1);
    expect(Number.isFinite(o.hess(Float64Array.of(1000)).data[0])).toBe(true);
  });

  it('returns NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    expectNaNAtNonFinite(instances[0]);
    const a = randomMatrix(3, 2, rng(1));
    const b = new Float64Array(3);
    expect(field(() => logSumExp(a, b, -1))).toBe('mu');
    expect(field(() => logSumExp(a, b, 0))).toBe('mu');
    expect(field(() => logSumExp(a, b, NaN))).toBe('mu');
    expect(field(() => logSumExp(a, new Float64Array(2), 1))).toBe('b');
    expect(field(() => logSumExp(matrix(3, 2, Float64Array.of(1, 2, 3, Infinity, 5, 6)), b, 1))).toBe('A');
    expect(field(() => logSumExpFamily.build({ family: 'logsumexp', params: { mu: 1, rows: 2 }, dim: 3, seed: 1 }))).toBe('rows');
    expect(field(() => logSumExpFamily.build({ family: 'logsumexp', params: { mu: -2, rows: 4 }, dim: 3, seed: 1 }))).toBe('mu');
  });
});

describe('logSumExp family (zero-shifted, B = A₀ᵀA₀)', () => {
  it('∇f(0) = 0 up to rounding, f* = f(0), f ≥ f*; x* = 0 is claimed exactly when m > n', () => {
    for (const inst of instances) {
      const o = inst.problem.oracle;
      expect(norm2(o.grad(new Float64Array(o.dim)))).toBeLessThanOrEqual(1e-14 * Number(inst.name.params.rows) * Math.sqrt(o.dim));
      expect(inst.certificate.fStar).toBe(o.f(new Float64Array(o.dim)));
      expectOptimum(inst, 10, 3, 1e-12 * Number(inst.name.params.rows));
      expect(inst.certificate.xStar !== undefined).toBe(Number(inst.name.params.rows) > inst.name.dim);
    }
  });

  it('the zero shift keeps π(0) and moves every row by the same vector', () => {
    const next = rng(5);
    const a0 = randomMatrix(6, 3, next);
    const b = randomVector(6, next);
    const a = zeroShiftedRows(a0, b, 0.7);
    const shift = Float64Array.from({ length: 3 }, (_, j) => a0.data[j] - a.data[j]);
    for (let i = 1; i < 6; i++) for (let j = 0; j < 3; j++) expect(a0.data[i * 3 + j] - a.data[i * 3 + j]).toBeCloseTo(shift[j], 14);
  });

  it('is convex, and its QSC (M = √2/μ), GSC and Lipschitz-gradient (L = 1/(2μ)) constants hold on samples', () => {
    for (const inst of instances.slice(0, 25)) {
      expectConvexOnSamples(inst, 5, 17);
      expectMemberships(inst, 20, 19);
    }
  });
});
