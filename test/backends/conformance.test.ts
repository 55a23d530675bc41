import fc from 'fast-check';
import { relativeDifference } from '../support/compare.js';
import { describe, expect, it } from 'vitest';
import type { AnyBackend } from '../../src/backends/backend.js';
import type { DecimalVector } from '../../src/backends/decimal/backend.js';
import type { DecimalMatrix } from '../../src/backends/decimal/linalg.js';
import { backendByName, cpuBackend, decimalBackend } from '../../src/backends/index.js';
import { fromRows, matrix } from '../../src/linalg/matrix.js';
import { buildSpd, randomMatrix, randomVector, rng, spdCase } from '../support/random-matrices.js';

/**
 * Every backend implements the same operations: run each on the same float64 inputs and compare with
 * the 40-digit decimal backend, at a tolerance set by the backend's own unit roundoff.
 */
const backends: [string, AnyBackend][] = [
  ['cpu (wasm kernel)', cpuBackend()],
  ['cpu (js kernel)', cpuBackend({ kernel: 'js' })],
  ['decimal (30 digits)', decimalBackend({ digits: 30 })],
];
const reference = decimalBackend({ digits: 40 });


describe.each(backends)('backend %s', (_, be) => {
  const tol = (n: number, cond = 1) => 64 * (n + 2) * cond * Math.max(be.precision.unitRoundoff, 2 ** -53);

  it('vector and matrix operations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (m, n, seed) => {
        const next = rng(seed);
        const a = randomMatrix(m, n, next);
        const x = randomVector(n, next);
        const y = randomVector(n, next);
        const z = randomVector(m, next);
        const [A, X, Y, Z] = [be.matrix(a), be.vector(x), be.vector(y), be.vector(z)];
        const [rA, rX, rY, rZ] = [reference.matrix(a), reference.vector(x), reference.vector(y), reference.vector(z)];
        const t = tol(m + n);
        const vec = (v: unknown, r: DecimalVector) => relativeDifference(be.toFloat64(v), reference.toFloat64(r)) <= t;
        const mat = (v: unknown, r: DecimalMatrix) => relativeDifference(be.matrixToFloat64(v).data, reference.matrixToFloat64(r).data) <= t;
        return (
          be.length(X) === n &&
          relativeDifference([be.dot(X, Y)], [reference.dot(rX, rY)]) <= t * n &&
          relativeDifference([be.norm2(X)], [reference.norm2(rX)]) <= t &&
          vec(be.add(X, Y), reference.add(rX, rY)) &&
          vec(be.sub(X, Y), reference.sub(rX, rY)) &&
          vec(be.scale(-1.5, X), reference.scale(-1.5, rX)) &&
          vec(be.axpy(0.25, X, Y), reference.axpy(0.25, rX, rY)) &&
          vec(be.matVec(A, X), reference.matVec(rA, rX)) &&
          vec(be.matTVec(A, Z), reference.matTVec(rA, rZ)) &&
          mat(be.symmetricRankK(A, Z), reference.symmetricRankK(rA, rZ)) &&
          mat(be.symmetricRankK(A), reference.symmetricRankK(rA)) &&
          mat(be.addScaled(be.symmetricRankK(A), 3, be.symmetricRankK(A)), reference.addScaled(reference.symmetricRankK(rA), 3, reference.symmetricRankK(rA)))
        );
      }),
      { seed: 41, numRuns: 30 },
    );
  });

  it('operations leave their arguments unchanged', () => {
    const x = be.vector([1, 2, 3]);
    const y = be.vector([4, 5, 6]);
    be.axpy(2, x, y);
    be.scale(3, x);
    be.add(x, y);
    expect(Array.from(be.toFloat64(x))).toEqual([1, 2, 3]);
    expect(Array.from(be.toFloat64(y))).toEqual([4, 5, 6]);
  });

  it('metrics, the regularized solve and the spectral diagnostics', () => {
    fc.assert(
      fc.property(spdCase(7, 5), fc.integer(), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (c, seed, lambda) => {
        const next = rng(seed);
        const b = buildSpd(c);
        const g = randomMatrix(c.n, c.n, next);
        const h = reference.matrixToFloat64(reference.symmetricRankK(reference.matrix(g)));
        const s = randomVector(c.n, next);
        const bm = be.metric(be.matrix(b));
        const rm = reference.metric(reference.matrix(b));
        if (!bm.ok || !rm.ok) return false;
        const cond = 10 ** c.logCond;
        const t = tol(c.n, cond);
        const sol = be.solveRegularized(be.matrix(h), lambda, bm.metric, be.vector(s));
        const ref = reference.solveRegularized(reference.matrix(h), lambda, rm.metric, reference.vector(s));
        if (!sol.ok || !ref.ok) return false;
        const solTol = tol(c.n, cond * (1 + 1 / lambda) * (1 + lambda));
        const eig = reference.operatorNorm(reference.matrix(h), rm.metric);
        return (
          relativeDifference([bm.metric.norm(be.vector(s))], [rm.metric.norm(reference.vector(s))]) <= t &&
          relativeDifference([bm.metric.dualNorm(be.vector(s))], [rm.metric.dualNorm(reference.vector(s))]) <= t &&
          relativeDifference(be.toFloat64(bm.metric.apply(be.vector(s))), reference.toFloat64(rm.metric.apply(reference.vector(s)))) <= t &&
          relativeDifference(be.toFloat64(bm.metric.solve(be.vector(s))), reference.toFloat64(rm.metric.solve(reference.vector(s)))) <= t &&
          relativeDifference(be.toFloat64(sol.x), reference.toFloat64(ref.x)) <= solTol &&
          relativeDifference([be.operatorNorm(be.matrix(h), bm.metric)], [eig]) <= t &&
          Math.abs(be.minEigenvalue(be.matrix(h), bm.metric) - reference.minEigenvalue(reference.matrix(h), rm.metric)) <= t * eig
        );
      }),
      { seed: 43, numRuns: 15 },
    );
  });

  it('prepareRegularized: one prepared system answers every shift as the one-shot solve does', () => {
    fc.assert(
      fc.property(
        spdCase(7, 4),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.double({ min: -4, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (c, seed, identity, logLambdas) => {
          const next = rng(seed);
          const b = buildSpd(c);
          // H = GᵀG − (shift)·I: indefinite, so small λ fail and large λ pass
          const g = randomMatrix(c.n, c.n, next);
          const hm = reference.matrixToFloat64(reference.symmetricRankK(reference.matrix(g)));
          for (let i = 0; i < c.n; i++) hm.data[i * c.n + i] -= 0.5;
          const s = randomVector(c.n, next);
          const bm = identity ? { ok: true as const, metric: be.identityMetric(c.n) } : be.metric(be.matrix(b));
          const rm = identity ? { ok: true as const, metric: reference.identityMetric(c.n) } : reference.metric(reference.matrix(b));
          if (!bm.ok || !rm.ok) return false;
          const H = be.matrix(hm);
          const rhs = be.vector(s);
          const system = be.prepareRegularized(H, bm.metric);
          const refSystem = reference.prepareRegularized(reference.matrix(hm), rm.metric);
          if (system.n !== c.n || refSystem.n !== c.n) return false;
          for (const t of logLambdas) {
            const lambda = 10 ** t;
            const prepared = system.solve(lambda, rhs);
            const oneShot = be.solveRegularized(H, lambda, bm.metric, rhs);
            const ref = refSystem.solve(lambda, reference.vector(s));
            if (prepared.ok !== oneShot.ok) return false;
            if (!prepared.ok || !oneShot.ok) {
              if (prepared.ok || oneShot.ok || prepared.pivot !== oneShot.pivot) return false;
              continue;
            }
            // the same computation: the same bits
            if (!be.toFloat64(prepared.x).every((v, i) => Object.is(v, be.toFloat64(oneShot.x)[i]))) return false;
            if (prepared.residualBound !== oneShot.residualBound) return false;
            // and, where it is well conditioned, the 40-digit answer
            if (ref.ok && lambda >= 1) {
              const cond = (identity ? 1 : 10 ** c.logCond) * (1 + 1 / lambda) * (1 + lambda) * 8 * c.n;
              if (relativeDifference(be.toFloat64(prepared.x), reference.toFloat64(ref.x)) > tol(c.n, cond)) return false;
            }
          }
          // the arguments are left as they were
          return relativeDifference(be.matrixToFloat64(H).data, hm.data) === 0 && relativeDifference(be.toFloat64(rhs), s) === 0;
        },
      ),
      { seed: 47, numRuns: 25 },
    );
  });

  it('prepareRegularized reports the failing pivot and recovers at a larger shift', () => {
    const system = be.prepareRegularized(be.matrix(fromRows([[1, 0], [0, -2]])), be.identityMetric(2));
    expect(system.solve(1, be.vector([1, 1]))).toMatchObject({ ok: false, pivot: 1 });
    const ok = system.solve(3, be.vector([4, 1]));
    expect(ok.ok && Array.from(be.toFloat64(ok.x))).toEqual([1, 1]);
    expect(system.solve(2, be.vector([1, 1]))).toMatchObject({ ok: false, pivot: 1 });
  });

  it('reports a regularized system that is not positive definite, and an indefinite metric', () => {
    const h = be.matrix(fromRows([[1, 0], [0, -2]]));
    expect(be.solveRegularized(h, 1, be.identityMetric(2), be.vector([1, 1]))).toMatchObject({ ok: false, pivot: 1 });
    const ok = be.solveRegularized(h, 3, be.identityMetric(2), be.vector([4, 1]));
    expect(ok.ok && Array.from(be.toFloat64(ok.x))).toEqual([1, 1]);
    expect(be.metric(be.matrix(fromRows([[0, 1], [1, 0]])))).toMatchObject({ ok: false, pivot: 0 });
    expect(be.minEigenvalue(be.matrix(matrix(2, 2, Float64Array.of(2, 0, 0, -3))))).toBe(-3);
    expect(be.operatorNorm(be.matrix(matrix(2, 2, Float64Array.of(2, 0, 0, -3))))).toBe(3);
  });
});

describe('backend registry', () => {
  it('names the backends and rejects unknown ones with a message', () => {
    expect(backendByName('cpu')).toMatchObject({ ok: true });
    expect(backendByName('decimal')).toMatchObject({ ok: true });
    expect(backendByName('gpu')).toMatchObject({ ok: false, message: expect.stringMatching(/unknown backend 'gpu'/) });
    expect(() => decimalBackend({ digits: 5 })).toThrow(/digits/);
  });
});
