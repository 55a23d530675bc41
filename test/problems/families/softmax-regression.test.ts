import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalContext, exactDecimal } from '../../../src/backends/decimal/exact.js';
import { maxAbsEigenvalue } from '../../../src/linalg/eigen.js';
import { type Matrix, matrix } from '../../../src/linalg/matrix.js';
import { membership } from '../../../src/problems/certificate.js';
import { type SoftmaxOracle, softmaxRegression, softmaxRegressionFamily } from '../../../src/problems/families/softmax-regression.js';
import { type Instance, formatName } from '../../../src/problems/instance.js';
import { relativeDifference } from '../../support/compare.js';
import { randomMatrix, randomVector, rng } from '../../support/random-matrices.js';
import {
  expectConvexOnSamples,
  expectGeneralizedSelfConcordance,
  expectMemberships,
  expectNaNAtNonFinite,
  expectRebuildsFromName,
  instanceErrorField as field,
  sampleInstances,
  selfCheckTests,
} from './family-checks.js';

const instances = sampleInstances(softmaxRegressionFamily, 50, 77);
const oracleOf = (inst: Instance) => inst.problem.oracle as SoftmaxOracle;

/** f, ∇f and ∇²f at 40 digits from the exact float64 inputs; x = vec(W), x[k·d + j] = W[j, k] */
function decimalReference(a: Matrix, c: Int32Array, K: number, rho: number, x: Float64Array) {
  const D = decimalContext(40);
  const N = a.rows;
  const d = a.cols;
  const n = d * K;
  const ex = (v: number) => exactDecimal(v, D);
  const xs = Array.from(x, ex);
  let loss = new D(0);
  const grad = Array.from({ length: n }, () => new D(0));
  const hess = Array.from({ length: n * n }, () => new D(0));
  for (let i = 0; i < N; i++) {
    const row = Array.from(a.data.subarray(i * d, (i + 1) * d), ex);
    const u = Array.from({ length: K }, (_, k) => row.reduce((s, aij, j) => s.plus(aij.times(xs[k * d + j])), new D(0)));
    const total = u.reduce((s, uk) => s.plus(uk.exp()), new D(0));
    loss = loss.plus(total.ln().minus(u[c[i]]));
    const p = u.map((uk) => uk.exp().div(total));
    for (let k = 0; k < K; k++) {
      const r = k === c[i] ? p[k].minus(1) : p[k];
      for (let j = 0; j < d; j++) grad[k * d + j] = grad[k * d + j].plus(r.times(row[j]));
      for (let l = 0; l < K; l++) {
        const w = (k === l ? p[k] : new D(0)).minus(p[k].times(p[l]));
        for (let j = 0; j < d; j++) for (let s = 0; s < d; s++) hess[(k * d + j) * n + l * d + s] = hess[(k * d + j) * n + l * d + s].plus(w.times(row[j]).times(row[s]));
      }
    }
  }
  const r = ex(rho);
  return {
    f: loss.div(N).plus(r.div(2).times(xs.reduce((s, xj) => s.plus(xj.times(xj)), new D(0)))).toNumber(),
    grad: grad.map((g, j) => g.div(N).plus(r.times(xs[j])).toNumber()),
    hess: hess.map((h, k) => h.div(N).plus(k % (n + 1) === 0 ? r : 0).toNumber()),
  };
}

describe('softmax regression oracle', () => {
  selfCheckTests(instances, 'the gradient check');

  it('agrees with 40-digit decimal evaluations to 1e-13 relative (f, ∇f, ∇²f)', () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }), fc.constantFrom(0, 0.1), fc.nat(), (N, d, K, rho, seed) => {
        const next = rng(seed);
        const a = randomMatrix(N, d, next);
        const c = Int32Array.from({ length: N }, () => Math.floor(next() * K));
        const x = randomVector(d * K, next).map((v) => 2 * v);
        const o = softmaxRegression({ features: a, labels: c, classes: K, rho });
        const ref = decimalReference(a, c, K, rho, x);
        const errors = [Math.abs(o.f(x) - ref.f) / Math.abs(ref.f), relativeDifference(o.grad(x), ref.grad), relativeDifference(o.hess(x).data, ref.hess)];
        worst = Math.max(worst, ...errors);
        return errors.every((e) => e <= 1e-13);
      }),
      { seed: 19, numRuns: 120 },
    );
    expect(worst).toBeLessThanOrEqual(1e-13);
  });

  it('with K = 2 it is logistic regression in w₁ − w₂', () => {
    const next = rng(9);
    for (let t = 0; t < 10; t++) {
      const N = 1 + Math.floor(next() * 10);
      const d = 1 + Math.floor(next() * 5);
      const a = randomMatrix(N, d, next);
      const c = Int32Array.from({ length: N }, () => (next() < 0.5 ? 0 : 1));
      const x = randomVector(2 * d, next);
      const o = softmaxRegression({ features: a, labels: c, classes: 2, rho: 0 });
      let expected = 0;
      for (let i = 0; i < N; i++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += a.data[i * d + j] * (x[j] - x[d + j]);
        expected += Math.log1p(Math.exp(c[i] === 0 ? -z : z));
      }
      expect(o.f(x)).toBeCloseTo(expected / N, 13);
    }
  });

  it('probabilities are rows of a stochastic matrix, finite for huge logits', () => {
    const o = softmaxRegression({ features: matrix(1, 1, Float64Array.of(1)), labels: Int32Array.of(0), classes: 3, rho: 0 });
    const x = Float64Array.of(800, -800, 0);
    expect(Array.from(o.probabilities(x).data)).toEqual([1, 0, Math.exp(-800)]);
    expect(o.f(x)).toBe(0);
    expect(o.f(Float64Array.of(-800, 800, 0))).toBe(1600);
  });

  it('gives NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    const a = matrix(2, 1, Float64Array.of(1, 2));
    expect(field(() => softmaxRegression({ features: a, labels: Int32Array.of(0, 3), classes: 3, rho: 0 }))).toBe('labels');
    expect(field(() => softmaxRegression({ features: a, labels: Int32Array.of(0, 0), classes: 1, rho: 0 }))).toBe('classes');
    expect(field(() => softmaxRegression({ features: a, labels: Int32Array.of(0, 0), classes: 2, rho: Infinity }))).toBe('rho');
    expect(field(() => softmaxRegressionFamily.build({ family: 'softmax-regression', params: { classes: 3 }, dim: 10, seed: 1 }))).toBe('dim');
    expect(field(() => softmaxRegressionFamily.build({ family: 'softmax-regression', params: { classes: 1 }, dim: 10, seed: 1 }))).toBe('classes');
  });

  it('rebuilds the same instance from its name, with n = d·K ≤ 50 by default', () => {
    for (const inst of instances) {
      expect(inst.problem.dim % Number(inst.name.params.classes)).toBe(0);
      expect(inst.problem.dim).toBeLessThanOrEqual(50);
    }
    for (const inst of instances.slice(0, 10)) expectRebuildsFromName(softmaxRegressionFamily, inst);
  });
});

describe('softmax regression certificate', () => {
  it('every stated membership holds on samples', () => {
    for (const [k, inst] of instances.slice(0, 25).entries()) expectMemberships(inst, 12, 200 + k);
  });

  it('the generalized self-concordance inequalities hold for ν = 2 and, with ρ > 0, ν = 3', () => {
    expectGeneralizedSelfConcordance(instances, 10, 22);
  });

  it('the Lipschitz constant is attained at x = 0 for K = 2 and bounds ‖∇²f(0)‖ = λ_max(AᵀA)/(KN) + ρ otherwise', () => {
    for (const inst of instances) {
      const [m] = membership(inst.certificate, 'lipschitz-gradient');
      const K = Number(inst.name.params.classes);
      const rho = oracleOf(inst).data.rho;
      const top = maxAbsEigenvalue(inst.problem.hess(new Float64Array(inst.problem.dim)));
      expect(top / m.L, formatName(inst.name)).toBeLessThanOrEqual(1);
      const attained = (((2 / K) * (m.L - rho)) + rho) / m.L;
      expect(top / m.L, formatName(inst.name)).toBeGreaterThan(attained * (1 - 1e-11));
    }
  });

  it('is convex on samples (strongly with ρ > 0), and f is invariant under W → W + w1ᵀ when ρ = 0', () => {
    const next = rng(4);
    for (const [k, inst] of instances.entries()) {
      expectConvexOnSamples(inst, 4, k);
      const { classes: K, rho, features } = oracleOf(inst).data;
      expect(inst.certificate.convexity).toBe(rho > 0 ? 'strongly-convex' : 'convex');
      if (rho > 0) continue;
      const d = features.cols;
      const w = randomVector(d, next);
      const shifted = inst.x0.map((xi, i) => xi + w[i % d]);
      expect(inst.problem.f(shifted)).toBeCloseTo(inst.problem.f(inst.x0), 10);
      expect(K).toBeGreaterThanOrEqual(2);
    }
  });
});
