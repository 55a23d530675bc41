import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalJacobiEigenvalues } from '../../../src/backends/decimal/linalg.js';
import { decimalContext, exactDecimal } from '../../../src/backends/decimal/exact.js';
import { symmetricEigenvalues } from '../../../src/linalg/eigen.js';
import { frobeniusNorm, matrix } from '../../../src/linalg/matrix.js';
import { symmetricRankK } from '../../../src/linalg/rank-k.js';
import { eigenvalueEnclosure, gramEigenvalueEnclosure, normUpperBound } from '../../../src/problems/families/certified-spectral-bounds.js';
import { buildSpd, randomMatrix, randomVector, rng, spdCase } from '../../support/random-matrices.js';

const DIGITS = 40;
const D = decimalContext(DIGITS);
const ex = (v: number) => exactDecimal(v, D);

describe('certified spectral bounds', () => {
  it('enclose the 40-digit eigenvalues of the exact Aᵀ·Diag(w)·A (w ≥ 0), with margins of a few 1e-14 relative', () => {
    let widest = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.nat(), (m, n, weighted, seed) => {
        const next = rng(seed);
        const a = randomMatrix(m, n, next);
        const w = weighted ? randomVector(m, next).map(Math.abs) : undefined;
        const exact = [];
        for (let j = 0; j < n; j++) {
          for (let k = 0; k < n; k++) {
            let s = new D(0);
            for (let i = 0; i < m; i++) s = s.plus(ex(a.data[i * n + j]).times(ex(a.data[i * n + k])).times(w ? ex(w[i]) : 1));
            exact.push(s);
          }
        }
        const values = decimalJacobiEigenvalues({ rows: n, cols: n, data: exact }, DIGITS);
        const { min, max } = gramEigenvalueEnclosure(a, w);
        const scale = frobeniusNorm(symmetricRankK(a, w));
        widest = Math.max(widest, (max - values[n - 1].toNumber()) / scale);
        return values[0].gte(ex(min)) && values[n - 1].lte(ex(max));
      }),
      { seed: 5, numRuns: 60 },
    );
    expect(widest).toBeLessThan(1e-12);
  });

  it('the eigensolver error on SPD matrices stays far inside the assumed 16·(n+1)·u·‖A‖_F', () => {
    let worst = 0;
    fc.assert(
      fc.property(spdCase(10, 8), (c) => {
        const a = buildSpd(c);
        const n = a.rows;
        const values = decimalJacobiEigenvalues({ rows: n, cols: n, data: Array.from(a.data, ex) }, DIGITS);
        const computed = symmetricEigenvalues(a);
        const unit = (n + 1) * 2 ** -53 * frobeniusNorm(a);
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(ex(computed[i]).minus(values[i]).toNumber()) / unit);
        const { min, max } = eigenvalueEnclosure(a);
        return values[0].gte(ex(min)) && values[n - 1].lte(ex(max));
      }),
      { seed: 8, numRuns: 40 },
    );
    expect(worst).toBeLessThan(4);
  });

  it('normUpperBound is ≥ the exact Euclidean norm (to the 40-digit reference\'s rounding) and within 1e-14 of it', () => {
    const normalOrZero = fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((t) => t === 0 || Math.abs(t) >= 2 ** -1000);
    fc.assert(
      fc.property(fc.array(normalOrZero, { minLength: 1, maxLength: 50 }), (entries) => {
        const v = Float64Array.from(entries);
        const exact = v.reduce((s, t) => s.plus(ex(t).times(ex(t))), new D(0)).sqrt();
        const bound = normUpperBound(v);
        return ex(bound).gte(exact.times(1 - 1e-35)) && (exact.isZero() ? bound === 0 : ex(bound).div(exact).minus(1).lt(1e-14));
      }),
      { seed: 9, numRuns: 200 },
    );
    expect(normUpperBound(matrix(1, 3, Float64Array.of(3, 4, 0)).data)).toBeGreaterThanOrEqual(5);
  });
});
