import fc from 'fast-check';
import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  addScaled, asymmetry, copyMatrix, frobeniusNorm, fromRows, identity, matMul, matTVec, matVec, matrix,
  mirrorLowerInPlace, symmetrizeInPlace, toRows, transpose,
} from '../../src/linalg/matrix.js';
import { allFinite, axpy, dot, linearCombination, norm1, norm2, normInf, scale } from '../../src/linalg/vector.js';
import { randomMatrix, randomVector, rng } from '../support/random-matrices.js';

const close = (x: ArrayLike<number>, y: ArrayLike<number>, tol: number) =>
  Array.from(x).every((v, i) => Math.abs(v - y[i]) <= tol * (1 + Math.abs(y[i])));

describe('vector kernels', () => {
  it('dot, axpy, scale, norms agree with direct formulas', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer(), (n, seed) => {
        const next = rng(seed);
        const x = randomVector(n, next);
        const y = randomVector(n, next);
        let d = 0;
        let s2 = 0;
        let s1 = 0;
        for (let i = 0; i < n; i++) {
          d += x[i] * y[i];
          s2 += x[i] * x[i];
          s1 += Math.abs(x[i]);
        }
        const z = axpy(2.5, x, y.slice());
        return (
          Math.abs(dot(x, y) - d) <= 1e-13 * (1 + Math.abs(d)) &&
          Math.abs(norm2(x) - Math.sqrt(s2)) <= 1e-13 * (1 + Math.sqrt(s2)) &&
          Math.abs(norm1(x) - s1) <= 1e-13 * (1 + s1) &&
          close(z, Array.from(x, (v, i) => 2.5 * v + y[i]), 1e-15) &&
          close(scale(-3, x.slice()), Array.from(x, (v) => -3 * v), 0) &&
          close(linearCombination(2, x, -1, y), Array.from(x, (v, i) => 2 * v - y[i]), 1e-15)
        );
      }),
      { seed: 1, numRuns: 100 },
    );
  });

  it('norm2 neither overflows nor underflows; normInf sees NaN', () => {
    expect(norm2(Float64Array.of(3e200, 4e200))).toBeCloseTo(5e200, -190);
    expect(norm2(Float64Array.of(3e-200, 4e-200)) / 5e-200).toBeCloseTo(1, 14);
    expect(norm2(new Float64Array(3))).toBe(0);
    expect(normInf(Float64Array.of(1, NaN, 2))).toBeNaN();
    expect(norm2(Float64Array.of(1, Infinity))).toBe(Infinity);
    expect(allFinite(Float64Array.of(1, 2))).toBe(true);
    expect(allFinite(Float64Array.of(1, -Infinity))).toBe(false);
  });
});

describe('dense matrix kernels', () => {
  it('matVec, matTVec, matMul and transpose agree with ml-matrix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (m, p, n, seed) => {
        const next = rng(seed);
        const a = randomMatrix(m, p, next);
        const b = randomMatrix(p, n, next);
        const x = randomVector(p, next);
        const y = randomVector(m, next);
        const A = new MlMatrix(toRows(a));
        return (
          close(matVec(a, x), A.mmul(MlMatrix.columnVector(Array.from(x))).getColumn(0), 1e-13) &&
          close(matTVec(a, y), A.transpose().mmul(MlMatrix.columnVector(Array.from(y))).getColumn(0), 1e-13) &&
          close(matMul(a, b).data, A.mmul(new MlMatrix(toRows(b))).to1DArray(), 1e-13) &&
          close(transpose(a).data, A.transpose().to1DArray(), 0)
        );
      }),
      { seed: 2, numRuns: 100 },
    );
  });

  it('symmetrize, mirror, addScaled, norms, shapes', () => {
    const a = fromRows([[1, 2], [4, 3]]);
    expect(asymmetry(a)).toBeCloseTo(0.5);
    expect(toRows(symmetrizeInPlace(copyMatrix(a)))).toEqual([[1, 3], [3, 3]]);
    expect(toRows(mirrorLowerInPlace(copyMatrix(a)))).toEqual([[1, 4], [4, 3]]);
    expect(toRows(addScaled(a, 2, identity(2)))).toEqual([[3, 2], [4, 5]]);
    expect(frobeniusNorm(fromRows([[3, 0], [0, 4]]))).toBe(5);
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow(/needs 4/);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => matVec(a, new Float64Array(3))).toThrow(/x has 3/);
    expect(() => matMul(a, randomMatrix(3, 1, rng(1)))).toThrow(/matMul/);
  });
});
