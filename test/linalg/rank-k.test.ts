import fc from 'fast-check';
import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { decimalBackend } from '../../src/backends/decimal/backend.js';
import { FLOAT64_UNIT_ROUNDOFF } from '../../src/linalg/cholesky.js';
import { asymmetry, toRows } from '../../src/linalg/matrix.js';
import { symmetricRankK } from '../../src/linalg/rank-k.js';
import { randomMatrix, randomVector, rng } from '../support/random-matrices.js';

const u = FLOAT64_UNIT_ROUNDOFF;

/** |C − C_ref| ≤ c·m·u·(|A|ᵀ|D||A|): the componentwise bound of a length-m dot product. */
function withinDotBound(c: Float64Array, ref: ArrayLike<number>, absBound: Float64Array, m: number): boolean {
  for (let i = 0; i < c.length; i++) if (Math.abs(c[i] - ref[i]) > 2 * (m + 2) * u * absBound[i] + 1e-300) return false;
  return true;
}

describe('symmetricRankK: C = AᵀDA', () => {
  const shape = fc.record({
    m: fc.integer({ min: 1, max: 300 }),
    n: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer(),
    signed: fc.boolean(),
    unit: fc.boolean(),
  });

  it.each(['js', 'wasm'] as const)('%s: matches ml-matrix within the dot-product rounding bound, and is exactly symmetric', (kernel) => {
    fc.assert(
      fc.property(shape, ({ m, n, seed, signed, unit }) => {
        const next = rng(seed);
        const a = randomMatrix(m, n, next);
        const d = unit ? undefined : Float64Array.from(randomVector(m, next), (v) => (signed ? v : Math.abs(v)));
        const c = symmetricRankK(a, d, kernel);
        const A = new MlMatrix(toRows(a));
        const Dm = MlMatrix.diag(d ? Array.from(d) : new Array(m).fill(1));
        const ref = A.transpose().mmul(Dm).mmul(A).to1DArray();
        const absA = A.abs();
        const bound = Float64Array.from(absA.transpose().mmul(Dm.abs()).mmul(absA).to1DArray());
        return asymmetry(c) === 0 && withinDotBound(c.data, ref, bound, m);
      }),
      { seed: 3, numRuns: 150 },
    );
  });

  it.each(['js', 'wasm'] as const)('%s: matches the 40-digit decimal backend', (kernel) => {
    const dec = decimalBackend();
    fc.assert(
      fc.property(shape.filter((s) => s.m <= 30 && s.n <= 12), ({ m, n, seed, signed }) => {
        const next = rng(seed);
        const a = randomMatrix(m, n, next);
        const d = Float64Array.from(randomVector(m, next), (v) => (signed ? v : Math.abs(v)));
        const c = symmetricRankK(a, d, kernel);
        const exact = dec.matrixToFloat64(dec.symmetricRankK(dec.matrix(a), dec.vector(d)));
        const absA = new MlMatrix(toRows(a)).abs();
        const bound = Float64Array.from(absA.transpose().mmul(MlMatrix.diag(Array.from(d, Math.abs))).mmul(absA).to1DArray());
        return withinDotBound(c.data, exact.data, bound, m);
      }),
      { seed: 5, numRuns: 40 },
    );
  });

  it('rejects a weight vector of the wrong length', () => {
    expect(() => symmetricRankK(randomMatrix(3, 2, rng(1)), new Float64Array(2))).toThrow(/3 rows/);
  });
});
