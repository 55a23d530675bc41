import fc from 'fast-check';
import { CholeskyDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { relativeDifference } from '../support/compare.js';
import { describe, expect, it } from 'vitest';
import { decimalBackend } from '../../src/backends/decimal/backend.js';
import { cholesky, choleskyKernel, choleskySolve, FLOAT64_UNIT_ROUNDOFF, type KernelChoice, solveSpd } from '../../src/linalg/cholesky.js';
import { type Matrix, matrix, matVec, normInfMatrix, toRows } from '../../src/linalg/matrix.js';
import { lowerInverse } from '../../src/linalg/triangular.js';
import { normInf } from '../../src/linalg/vector.js';
import { buildSpd, randomVector, rng, spdCase, withPivots } from '../support/random-matrices.js';

const u = FLOAT64_UNIT_ROUNDOFF;
const kernels: KernelChoice[] = ['js', 'wasm'];

function backwardError(a: Matrix, x: Float64Array, b: Float64Array): number {
  const ax = matVec(a, x);
  for (let i = 0; i < b.length; i++) ax[i] -= b[i];
  return normInf(ax) / (normInfMatrix(a) * normInf(x) + normInf(b));
}


describe('cholesky', () => {
  it('uses the wasm SIMD kernel by default', () => {
    expect(choleskyKernel('auto').name).toBe('wasm');
  });

  for (const kernel of kernels) {
    it(`${kernel}: backward error ≤ 1e-14·n on SPD matrices n = 1…64 with κ up to 1e10`, () => {
      fc.assert(
        fc.property(spdCase(64, 10), fc.integer(), (c, bSeed) => {
          const a = buildSpd(c);
          const b = randomVector(c.n, rng(bSeed));
          const r = solveSpd(a, b, kernel);
          if (!r.ok) return false;
          return backwardError(a, r.x, b) <= 1e-14 * c.n;
        }),
        { seed: 20261123, numRuns: 300 },
      );
    });
  }

  // the default wasm build may fuse multiply–adds (test/linalg/kernel-builds.test.ts checks each build
  // bit for bit against its own reference); two roundings of the same algorithm differ within what κ predicts
  it('wasm and JS factors agree within the accuracy κ predicts', () => {
    fc.assert(
      fc.property(spdCase(64, 10), (c) => {
        const a = buildSpd(c);
        const fj = cholesky(a, 'js');
        const fw = cholesky(a, 'wasm');
        if (!fj.ok || !fw.ok) return false;
        return relativeDifference(fw.factor.l, fj.factor.l) <= 8 * c.n * 10 ** c.logCond * u;
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('agrees with ml-matrix within the accuracy κ predicts', () => {
    fc.assert(
      fc.property(spdCase(64, 10), fc.integer(), (c, bSeed) => {
        const a = buildSpd(c);
        const b = randomVector(c.n, rng(bSeed));
        const ours = solveSpd(a, b);
        const ml = new CholeskyDecomposition(new MlMatrix(toRows(a)));
        if (!ours.ok || !ml.isPositiveDefinite()) return false;
        const theirs = ml.solve(MlMatrix.columnVector(Array.from(b))).getColumn(0);
        return relativeDifference(ours.x, theirs) <= 8 * c.n * 10 ** c.logCond * u;
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('agrees with the 40-digit decimal backend within the accuracy κ predicts', () => {
    const dec = decimalBackend({ digits: 40 });
    fc.assert(
      fc.property(spdCase(40, 10), fc.integer(), (c, bSeed) => {
        const a = buildSpd(c);
        const b = randomVector(c.n, rng(bSeed));
        const ours = solveSpd(a, b);
        const exact = dec.solveRegularized(dec.matrix(a), 0, dec.identityMetric(c.n), dec.vector(b));
        if (!ours.ok || !exact.ok) return false;
        return relativeDifference(ours.x, dec.toFloat64(exact.x)) <= 8 * c.n * 10 ** c.logCond * u;
      }),
      { seed: 13, numRuns: 25 },
    );
  });

  for (const kernel of kernels) {
    it(`${kernel}: an indefinite matrix fails at its first negative pivot (last pivot and odd n included)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 64 }), fc.integer(), fc.boolean(), (n, seed, atLast) => {
          const next = rng(seed);
          const k = atLast ? n - 1 : Math.floor(next() * n);
          const d = Float64Array.from({ length: n }, (_, i) => (i === k ? -(0.1 + next()) : 0.1 + next()));
          const r = cholesky(withPivots(d, next), kernel);
          return !r.ok && r.pivot === k;
        }),
        { seed: 17, numRuns: 300 },
      );
    });

    it(`${kernel}: a singular matrix is reported not positive definite at its zero pivot`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 64 }), fc.integer(), fc.boolean(), (n, seed, atLast) => {
          const next = rng(seed);
          const k = atLast ? n - 1 : Math.floor(next() * n);
          const d = Float64Array.from({ length: n }, (_, i) => (i === k ? 0 : 0.1 + next()));
          const r = cholesky(withPivots(d, next), kernel);
          return !r.ok && r.pivot === k;
        }),
        { seed: 19, numRuns: 300 },
      );
    });
  }

  it('fixed cases: 1×1, the zero matrix, NaN, and a 3×3 that fails only at the last pivot', () => {
    for (const kernel of kernels) {
      const one = cholesky(matrix(1, 1, Float64Array.of(4)), kernel);
      expect(one.ok && Array.from(one.factor.l)).toEqual([2]);
      expect(cholesky(matrix(1, 1, Float64Array.of(0)), kernel)).toMatchObject({ ok: false, pivot: 0 });
      expect(cholesky(matrix(1, 1, Float64Array.of(-1)), kernel)).toMatchObject({ ok: false, pivot: 0 });
      expect(cholesky(matrix(2, 2, Float64Array.of(1, 0, NaN, 1)), kernel)).toMatchObject({ ok: false, pivot: 1 });
      expect(cholesky(matrix(2, 2, Float64Array.of(1, 0, 0, Infinity)), kernel)).toMatchObject({ ok: false, pivot: 1 });
      // leading minors 2, 3, −1
      const a = matrix(3, 3, Float64Array.of(2, 1, 1, 1, 2, 1, 1, 1, 0));
      expect(cholesky(a, kernel)).toMatchObject({ ok: false, pivot: 2 });
      expect(cholesky(matrix(0, 0), kernel)).toMatchObject({ ok: true });
    }
  });

  it('reads only the lower triangle and returns zeros above the diagonal', () => {
    const a = matrix(3, 3, Float64Array.of(4, 99, 99, 2, 5, 99, 2, 1, 6));
    const r = cholesky(a);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const l = r.factor.l;
    expect([l[1], l[2], l[5]]).toEqual([0, 0, 0]);
    const x = choleskySolve(r.factor, Float64Array.of(1, 2, 3));
    const sym = matrix(3, 3, Float64Array.of(4, 2, 2, 2, 5, 1, 2, 1, 6));
    expect(backwardError(sym, x, Float64Array.of(1, 2, 3))).toBeLessThan(1e-15);
  });
});

describe('lowerInverse', () => {
  it('L·L⁻¹ = I to n·u·κ(L), lower triangular, for Cholesky factors of random SPD matrices', () => {
    fc.assert(
      fc.property(spdCase(40, 8), (c) => {
        const a = buildSpd(c);
        const f = cholesky(a);
        if (!f.ok) return true;
        const n = c.n;
        const l = f.factor.l;
        const inv = lowerInverse(l, n);
        let worst = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (j > i) expect(inv[i * n + j]).toBe(0);
            let s = 0;
            for (let k = 0; k < n; k++) s += l[i * n + k] * inv[k * n + j];
            worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
          }
        }
        const kappaL = Math.sqrt(10 ** c.logCond);
        return worst <= 8 * n * FLOAT64_UNIT_ROUNDOFF * kappaL;
      }),
      { seed: 77, numRuns: 60 },
    );
  });
});
