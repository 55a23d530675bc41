import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalContext, exactDecimal } from '../../../src/backends/decimal/exact.js';
import { solveSpd } from '../../../src/linalg/cholesky.js';
import { maxAbsEigenvalue } from '../../../src/linalg/eigen.js';
import { frobeniusNorm, type Matrix, matrix } from '../../../src/linalg/matrix.js';
import { norm2 } from '../../../src/linalg/vector.js';
import { membership } from '../../../src/problems/certificate.js';
import { type LogisticOracle, logisticFamily, logisticRegression } from '../../../src/problems/families/logistic.js';
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
  pointAndDirection,
  sampleInstances,
  selfCheckTests,
} from './family-checks.js';

const instances = sampleInstances(logisticFamily, 50, 2024);
const oracleOf = (inst: Instance) => inst.problem.oracle as LogisticOracle;

/** f, ∇f and ∇²f at 40 digits, from the exact values of the float64 inputs */
function decimalReference(a: Matrix, y: Float64Array, rho: number, x: Float64Array) {
  const D = decimalContext(40);
  const N = a.rows;
  const n = a.cols;
  const ex = (v: number) => exactDecimal(v, D);
  const xs = Array.from(x, ex);
  const one = new D(1);
  let loss = new D(0);
  const grad = Array.from({ length: n }, () => new D(0));
  const hess = Array.from({ length: n * n }, () => new D(0));
  for (let i = 0; i < N; i++) {
    const row = Array.from(a.data.subarray(i * n, (i + 1) * n), ex);
    const z = row.reduce((s, aij, j) => s.plus(aij.times(xs[j])), new D(0)).times(y[i]);
    loss = loss.plus(one.plus(z.neg().exp()).ln());
    const s = one.div(one.plus(z.exp()));
    const w = s.times(one.minus(s));
    for (let j = 0; j < n; j++) {
      grad[j] = grad[j].minus(s.times(y[i]).times(row[j]));
      for (let k = 0; k < n; k++) hess[j * n + k] = hess[j * n + k].plus(w.times(row[j]).times(row[k]));
    }
  }
  const r = ex(rho);
  const f = loss.div(N).plus(r.div(2).times(xs.reduce((s, xj) => s.plus(xj.times(xj)), new D(0))));
  return {
    f: f.toNumber(),
    grad: grad.map((g, j) => g.div(N).plus(r.times(xs[j])).toNumber()),
    hess: hess.map((h, k) => h.div(N).plus(k % (n + 1) === 0 ? r : 0).toNumber()),
  };
}

/** Damped Newton to ‖∇f‖ ≤ 1e-12 (strongly convex f only) */
function minimize(o: LogisticOracle, x0: Float64Array): Float64Array {
  let x = x0.slice();
  for (let k = 0; k < 200 && norm2(o.grad(x)) > 1e-12; k++) {
    const solved = solveSpd(o.hess(x), o.grad(x));
    if (!solved.ok) throw new Error('Hessian not SPD');
    let t = 1;
    const fx = o.f(x);
    let trial = x.map((xi, i) => xi - t * solved.x[i]);
    while (o.f(trial) > fx && t > 1e-12) {
      t /= 2;
      trial = x.map((xi, i) => xi - t * solved.x[i]);
    }
    x = trial;
  }
  return x;
}

describe('logistic regression oracle', () => {
  selfCheckTests(instances, 'the gradient check');

  it('agrees with 40-digit decimal evaluations to 1e-13 relative (f, ∇f, ∇²f)', () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, 0.1, 2), fc.nat(), (N, n, rho, seed) => {
        const next = rng(seed);
        const a = randomMatrix(N, n, next);
        const y = Float64Array.from({ length: N }, () => (next() < 0.5 ? -1 : 1));
        const x = randomVector(n, next).map((v) => 2 * v);
        const o = logisticRegression({ features: a, labels: y, rho });
        const ref = decimalReference(a, y, rho, x);
        const errors = [Math.abs(o.f(x) - ref.f) / Math.abs(ref.f), relativeDifference(o.grad(x), ref.grad), relativeDifference(o.hess(x).data, ref.hess)];
        worst = Math.max(worst, ...errors);
        return errors.every((e) => e <= 1e-13);
      }),
      { seed: 17, numRuns: 150 },
    );
    expect(worst).toBeLessThanOrEqual(1e-13);
  });

  it('is accurate far out: f ≈ e^(−z) for one sample with z = 800 and f ≈ −z for z = −800', () => {
    const o = logisticRegression({ features: matrix(1, 1, Float64Array.of(1)), labels: Float64Array.of(1), rho: 0 });
    expect(o.f(Float64Array.of(800))).toBe(0);
    expect(o.f(Float64Array.of(30))).toBeCloseTo(Math.exp(-30), 25);
    expect(o.f(Float64Array.of(-800))).toBe(800);
    expect(o.grad(Float64Array.of(-800))[0]).toBe(-1);
    expect(o.hess(Float64Array.of(40)).data[0] / Math.exp(-40)).toBeCloseTo(1, 12);
  });

  it('exposes sᵢ and the per-sample gradients: (1/N)Σ∇ℓᵢ + ρx = ∇f', () => {
    const next = rng(8);
    for (const inst of instances.slice(0, 20)) {
      const o = oracleOf(inst);
      const { x } = pointAndDirection(inst, next);
      const N = o.data.features.rows;
      const n = o.dim;
      const s = o.residuals(x);
      expect(s.every((si) => si >= 0 && si <= 1)).toBe(true);
      const g = o.sampleGradients(x);
      const mean = Float64Array.from({ length: n }, (_, j) => {
        let acc = 0;
        for (let i = 0; i < N; i++) acc += g.data[i * n + j];
        return acc / N + o.data.rho * x[j];
      });
      expect(relativeDifference(mean, o.grad(x))).toBeLessThanOrEqual(1e-13);
      const z = o.margins(x);
      expect(z.every((zi, i) => Math.abs(s[i] - 1 / (1 + Math.exp(zi))) <= 1e-15)).toBe(true);
    }
  });

  it('gives NaN, not exceptions, at non-finite points', () => {
    for (const inst of instances.slice(0, 5)) expectNaNAtNonFinite(inst);
    const o = oracleOf(instances[0]);
    expect(Array.from(o.sampleGradients(new Float64Array(o.dim).fill(NaN)).data).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad data with an InstanceError naming the field', () => {
    const a = matrix(2, 2, Float64Array.of(1, 2, 3, 4));
    expect(field(() => logisticRegression({ features: a, labels: Float64Array.of(1, 0), rho: 0 }))).toBe('labels');
    expect(field(() => logisticRegression({ features: a, labels: Float64Array.of(1), rho: 0 }))).toBe('labels');
    expect(field(() => logisticRegression({ features: matrix(2, 2, Float64Array.of(1, NaN, 3, 4)), labels: Float64Array.of(1, -1), rho: 0 }))).toBe('features');
    expect(field(() => logisticRegression({ features: a, labels: Float64Array.of(1, -1), rho: -1 }))).toBe('rho');
    expect(field(() => logisticRegression({ features: a, labels: Float64Array.of(1, -1), rho: NaN }))).toBe('rho');
    const name = { family: 'logistic', params: {}, dim: 3, seed: 1 };
    expect(field(() => logisticFamily.build({ ...name, params: { samples: 0 } }))).toBe('samples');
    expect(field(() => logisticFamily.build({ ...name, params: { lambda: 1 } }))).toBe('lambda');
    expect(field(() => logisticFamily.build({ ...name, params: { rho: 'big' } }))).toBe('rho');
    expect(field(() => logisticFamily.build({ ...name, dim: 0 }))).toBe('dim');
  });

  it('rebuilds the same instance from its name', () => {
    for (const inst of instances.slice(0, 10)) {
      const again = expectRebuildsFromName(logisticFamily, inst);
      expect(Array.from(oracleOf(again).data.labels)).toEqual(Array.from(oracleOf(inst).data.labels));
    }
  });
});

describe('logistic regression certificate', () => {
  it('every stated membership holds on samples (Lipschitz gradient, QSC, Hölder Hessian ν = 0 and 1, Hölder third, (L0, L1))', () => {
    for (const [k, inst] of instances.slice(0, 25).entries()) expectMemberships(inst, 12, 100 + k);
  });

  it('(L0, L1) = (0, σ_max²/σ_min) holds on separable instances (ρ = 0, N ≤ n), where f* = 0 is the infimum', () => {
    let checked = 0;
    for (let seed = 0; seed < 12; seed++) {
      const n = 2 + (seed % 9);
      const inst = logisticFamily.build({ family: 'logistic', params: { samples: 1 + (seed % n), rho: 0, featureScale: [0.25, 1, 4][seed % 3] }, dim: n, seed });
      const m = membership(inst.certificate, 'l0-l1-smooth');
      expect(m).toHaveLength(1);
      expect(inst.certificate.fStar).toBe(0);
      expect(inst.certificate.xStar).toBeUndefined();
      expectMemberships(inst, 30, seed);
      checked++;
    }
    expect(checked).toBe(12);
  });

  it('the generalized self-concordance inequalities hold for ν = 2 and, with ρ > 0, ν = 3', () => {
    expectGeneralizedSelfConcordance(instances, 10, 21);
  });

  it('the Lipschitz constant is attained at x = 0 (s ≡ 1/2): λ_max(∇²f(0)) = L', () => {
    for (const inst of instances) {
      const [m] = membership(inst.certificate, 'lipschitz-gradient');
      const h = inst.problem.hess(new Float64Array(inst.problem.dim));
      const top = maxAbsEigenvalue(h);
      // L bounds the exact λ_max; the computed ∇²f(0) = fl(AᵀDA/N + ρI) and its eigensolver round by
      // ≲ (N + n)·u·‖∇²f(0)‖_F (Higham, Accuracy and Stability §3.5; a backward-stable eigensolver),
      // which the FMA and plain builds spend differently
      const rounding = 4 * (oracleOf(inst).data.features.rows + inst.problem.dim) * 2 ** -53 * frobeniusNorm(h);
      expect(top, formatName(inst.name)).toBeLessThanOrEqual(m.L + rounding);
      expect(top / m.L, formatName(inst.name)).toBeGreaterThan(1 - 1e-11);
    }
  });

  it('is convex on samples, strongly so with ρ > 0, and the sublevel radius bounds ‖x0 − x*‖', () => {
    for (const [k, inst] of instances.entries()) {
      expectConvexOnSamples(inst, 4, k);
      const rho = oracleOf(inst).data.rho;
      expect(inst.certificate.convexity).toBe(rho > 0 ? 'strongly-convex' : 'convex');
      if (rho === 0) continue;
      const xStar = minimize(oracleOf(inst), inst.x0);
      const distance = norm2(inst.x0.map((xi, i) => xi - xStar[i]));
      expect(distance, formatName(inst.name)).toBeLessThanOrEqual(inst.certificate.sublevelRadius!);
    }
  });
});
