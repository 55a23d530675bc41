import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { decimalBackend } from '../../src/backends/decimal/backend.js';
import { decimalJacobiEigenvalues } from '../../src/backends/decimal/linalg.js';
import {
  frobeniusNorm,
  fromRows,
  identity,
  matMul,
  matrix,
  mirrorLowerInPlace,
  toRows,
  transpose,
  type Matrix,
} from '../../src/linalg/matrix.js';
import {
  isPositiveSemidefinite,
  maxAbsEigenvalue,
  minEigenvalue,
  symmetricEigen,
  symmetricEigenvalues,
} from '../../src/linalg/eigen.js';
import { randomOrthogonal, rng, withEigenvalues } from '../support/random-matrices.js';

const U = 2 ** -53;
const C = 10;
const PARAMS = { seed: 0x5eed_e16, numRuns: 60 } as const;

function randomSymmetric(n: number, seed: number, scale = 1): Matrix {
  const rnd = rng(seed);
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = (2 * rnd() - 1) * scale;
      a.data[i * n + j] = x;
      a.data[j * n + i] = x;
    }
  }
  return a;
}

/** Q·diag(d)·Qᵀ with a random orthogonal Q named by `seed`. */
function withSpectrum(d: readonly number[], seed: number): Matrix {
  return withEigenvalues(d, randomOrthogonal(d.length, rng(seed)));
}

function sortedAscending(d: readonly number[]): number[] {
  return [...d].sort((x, y) => x - y);
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** ‖A·V − V·diag(λ)‖_F */
function residual(a: Matrix, values: Float64Array, v: Matrix): number {
  const n = a.rows;
  const av = matMul(a, v);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) av.data[r * n + c] -= v.data[r * n + c] * values[c];
  return frobeniusNorm(av);
}

/** ‖VᵀV − I‖_F */
function orthogonalityError(v: Matrix): number {
  const g = matMul(transpose(v), v);
  const n = v.rows;
  for (let i = 0; i < n; i++) g.data[i * n + i] -= 1;
  return frobeniusNorm(g);
}

function mlEigenvalues(a: Matrix): number[] {
  const evd = new EigenvalueDecomposition(new MlMatrix(toRows(a)), { assumeSymmetric: true });
  return sortedAscending(evd.realEigenvalues);
}

function expectDecomposition(a: Matrix): { values: Float64Array; residualRatio: number; orthRatio: number } {
  const n = a.rows;
  const { values, vectors } = symmetricEigen(a, { vectors: true });
  expect(vectors).toBeDefined();
  const v = vectors as Matrix;
  expect(v.rows).toBe(n);
  expect(v.cols).toBe(n);
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  const normA = frobeniusNorm(a);
  const res = residual(a, values, v);
  const orth = orthogonalityError(v);
  expect(res).toBeLessThanOrEqual(C * n * U * normA + n * n * Number.MIN_VALUE);
  expect(orth).toBeLessThanOrEqual(C * n * U);
  expect(symmetricEigenvalues(a)).toEqual(values);
  return { values, residualRatio: normA === 0 ? 0 : res / (n * U * normA), orthRatio: orth / (n * U) };
}

const sizeArb = fc.integer({ min: 1, max: 40 });
const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

describe('symmetricEigen: shapes and special matrices', () => {
  test('non-square input is a RangeError', () => {
    expect(() => symmetricEigen(matrix(2, 3))).toThrow(RangeError);
    expect(() => symmetricEigenvalues(matrix(3, 2))).toThrow(RangeError);
    expect(() => minEigenvalue(matrix(1, 0))).toThrow(RangeError);
  });

  test('n = 0', () => {
    const r = symmetricEigen(matrix(0, 0), { vectors: true });
    expect(r.values.length).toBe(0);
    expect(r.vectors?.rows).toBe(0);
    expect(minEigenvalue(matrix(0, 0))).toBe(Infinity);
    expect(maxAbsEigenvalue(matrix(0, 0))).toBe(0);
    expect(isPositiveSemidefinite(matrix(0, 0))).toBe(true);
  });

  test('n = 1', () => {
    const r = symmetricEigen(fromRows([[-3.25]]), { vectors: true });
    expect(Array.from(r.values)).toEqual([-3.25]);
    expect(Array.from(r.vectors?.data ?? [])).toEqual([1]);
    expect(Array.from(symmetricEigenvalues(fromRows([[1e-310]])))).toEqual([1e-310]);
    expect(Array.from(symmetricEigenvalues(fromRows([[1.5e308]])))).toEqual([1.5e308]);
  });

  test('zero matrix', () => {
    for (const n of [1, 2, 5, 16]) {
      const r = symmetricEigen(matrix(n, n), { vectors: true });
      expect(Array.from(r.values)).toEqual(new Array(n).fill(0));
      expect(orthogonalityError(r.vectors as Matrix)).toBe(0);
    }
  });

  test('multiples of the identity', () => {
    for (const n of [2, 7, 20]) {
      const a = identity(n);
      for (let i = 0; i < n; i++) a.data[i * n + i] = -2.5;
      const r = expectDecomposition(a);
      expect(Array.from(r.values)).toEqual(new Array(n).fill(-2.5));
    }
  });

  test.prop([sizeArb, seedArb], PARAMS)('diagonal matrices: sorted diagonal exactly, vectors a permutation', (n, seed) => {
    const rnd = rng(seed);
    const diag: number[] = [];
    const a = matrix(n, n);
    for (let i = 0; i < n; i++) {
      diag.push(rnd() < 0.3 ? Math.round(4 * rnd()) : 2 * rnd() - 1);
      a.data[i * n + i] = diag[i];
    }
    const { values, vectors } = symmetricEigen(a, { vectors: true });
    expect(Array.from(values)).toEqual(sortedAscending(diag));
    const v = vectors as Matrix;
    for (let c = 0; c < n; c++) {
      let ones = 0;
      for (let r = 0; r < n; r++) {
        const x = Math.abs(v.data[r * n + c]);
        expect(x === 0 || x === 1).toBe(true);
        if (x === 1) {
          ones++;
          expect(diag[r]).toBe(values[c]);
        }
      }
      expect(ones).toBe(1);
    }
  });

  test('only the lower triangle is read', () => {
    const a = randomSymmetric(9, 17);
    const junk = matrix(9, 9, a.data.slice());
    for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) junk.data[i * 9 + j] = j % 2 === 0 ? NaN : 1e300;
    const r1 = symmetricEigen(a, { vectors: true });
    const r2 = symmetricEigen(junk, { vectors: true });
    expect(r2.values).toEqual(r1.values);
    expect(r2.vectors?.data).toEqual(r1.vectors?.data);
    expect(Array.from(junk.data.subarray(1, 9)).some(Number.isNaN)).toBe(true);
  });

  test('the input is not modified', () => {
    const a = randomSymmetric(12, 3);
    const before = a.data.slice();
    symmetricEigen(a, { vectors: true });
    symmetricEigenvalues(a);
    expect(a.data).toEqual(before);
  });
});

describe('symmetricEigen: 2×2 closed form', () => {
  const entry = fc.double({ min: -1e3, max: 1e3, noNaN: true });
  test.prop([entry, entry, entry], { seed: 2024, numRuns: 300 })(
    'λ = (a+c)/2 ∓ hypot((a−c)/2, b)',
    (a, b, c) => {
      const m = fromRows([
        [a, b],
        [b, c],
      ]);
      const mid = (a + c) / 2;
      const rad = Math.hypot((a - c) / 2, b);
      const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
      const { values } = expectDecomposition(m);
      const tol = 8 * U * scale + 4 * Number.MIN_VALUE;
      expect(Math.abs(values[0] - (mid - rad))).toBeLessThanOrEqual(tol);
      expect(Math.abs(values[1] - (mid + rad))).toBeLessThanOrEqual(tol);
    },
  );
});

describe('symmetricEigen: random symmetric matrices', () => {
  test('every n from 1 to 40: backward error and orthogonality', () => {
    let worstRes = 0;
    let worstOrth = 0;
    for (let n = 1; n <= 40; n++) {
      const r = expectDecomposition(randomSymmetric(n, 1000 + n));
      worstRes = Math.max(worstRes, r.residualRatio);
      worstOrth = Math.max(worstOrth, r.orthRatio);
    }
    expect(worstRes).toBeLessThanOrEqual(C);
    expect(worstOrth).toBeLessThanOrEqual(C);
  });

  test.prop([sizeArb, seedArb, fc.constantFrom(1, 1e-3, 2 ** 40, 3e-200, 7e250)], PARAMS)(
    '‖AV − VΛ‖_F ≤ c·n·u·‖A‖_F and ‖VᵀV − I‖_F ≤ c·n·u at any scale',
    (n, seed, scale) => {
      expectDecomposition(randomSymmetric(n, seed, scale));
    },
  );

  test.prop([sizeArb, seedArb, fc.constantFrom(1, 1e-3, 2 ** 40)], PARAMS)(
    'eigenvalues agree with ml-matrix EigenvalueDecomposition',
    (n, seed, scale) => {
      const a = randomSymmetric(n, seed, scale);
      const values = symmetricEigenvalues(a);
      const ref = mlEigenvalues(a);
      expect(maxAbsDiff(values, ref)).toBeLessThanOrEqual(1e-12 * frobeniusNorm(a));
    },
  );

  test.prop([sizeArb, seedArb, fc.integer({ min: -900, max: 900 })], PARAMS)(
    'scaling by a power of two scales the eigenvalues exactly',
    (n, seed, k) => {
      const a = randomSymmetric(n, seed);
      const b = matrix(n, n, a.data.map((x) => x * 2 ** k));
      const va = symmetricEigenvalues(a);
      const vb = symmetricEigenvalues(b);
      expect(Array.from(vb)).toEqual(Array.from(va, (x) => x * 2 ** k));
    },
  );
});

describe('symmetricEigen: prescribed spectra Q·diag(d)·Qᵀ', () => {
  function expectSpectrum(d: number[], seed: number): Float64Array {
    const a = withSpectrum(d, seed);
    const { values } = expectDecomposition(a);
    expect(maxAbsDiff(values, sortedAscending(d))).toBeLessThanOrEqual(1e-12 * maxAbs(d));
    return values;
  }

  test.prop([sizeArb, seedArb], PARAMS)('random spectrum', (n, seed) => {
    const rnd = rng(seed ^ 0x9e3779b9);
    const d = Array.from({ length: n }, () => 10 * (2 * rnd() - 1));
    expectSpectrum(d, seed);
  });

  test.prop([sizeArb, seedArb], PARAMS)('repeated eigenvalues', (n, seed) => {
    const rnd = rng(seed ^ 0x85ebca6b);
    const pool = [-3, 0.5, 2, 2 + 2 ** -20];
    const d = Array.from({ length: n }, () => pool[Math.floor(rnd() * pool.length)]);
    expectSpectrum(d, seed);
  });

  test.prop([fc.integer({ min: 2, max: 40 }), seedArb], PARAMS)('clustered eigenvalues', (n, seed) => {
    const rnd = rng(seed ^ 0xc2b2ae35);
    const d = Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 + 1e-10 * rnd() : -5 + 1e-13 * i));
    expectSpectrum(d, seed);
  });

  test.prop([fc.integer({ min: 2, max: 40 }), seedArb], PARAMS)(
    'indefinite: one eigenvalue −1e-6, the rest in [1, 10]',
    (n, seed) => {
      const rnd = rng(seed ^ 0x27d4eb2f);
      const d = Array.from({ length: n }, (_, i) => (i === 0 ? -1e-6 : 1 + 9 * rnd()));
      const a = withSpectrum(d, seed);
      expectSpectrum(d, seed);
      const lo = minEigenvalue(a);
      expect(Math.abs(lo + 1e-6)).toBeLessThanOrEqual(1e-12 * 10);
      expect(isPositiveSemidefinite(a)).toBe(false);
      expect(isPositiveSemidefinite(a, 1e-9)).toBe(false);
      expect(isPositiveSemidefinite(a, 1e-6)).toBe(true);
      expect(Math.abs(maxAbsEigenvalue(a) - Math.max(...d))).toBeLessThanOrEqual(1e-12 * 10);
    },
  );

  test.prop([fc.integer({ min: 2, max: 40 }), seedArb], PARAMS)(
    'PSD and rank-deficient: λ_min ≈ 0 within tolerance',
    (n, seed) => {
      const rnd = rng(seed ^ 0x165667b1);
      const rank = 1 + Math.floor(rnd() * (n - 1));
      const d = Array.from({ length: n }, (_, i) => (i < rank ? 0.1 + 4 * rnd() : 0));
      const a = withSpectrum(d, seed);
      expectSpectrum(d, seed);
      const big = maxAbsEigenvalue(a);
      expect(Math.abs(minEigenvalue(a))).toBeLessThanOrEqual(1e-12 * big);
      expect(isPositiveSemidefinite(a, 1e-12)).toBe(true);
    },
  );

  test('isPositiveSemidefinite rejects a bad tolerance', () => {
    expect(() => isPositiveSemidefinite(identity(2), -1e-3)).toThrow(RangeError);
    expect(() => isPositiveSemidefinite(identity(2), NaN)).toThrow(RangeError);
    expect(isPositiveSemidefinite(identity(3))).toBe(true);
  });
});

describe('symmetricEigen: non-finite input', () => {
  test.prop([sizeArb, seedArb, fc.constantFrom(NaN, Infinity, -Infinity)], PARAMS)(
    'NaN or ±Infinity in the lower triangle gives NaN, quickly',
    (n, seed, bad) => {
      const a = randomSymmetric(n, seed);
      const rnd = rng(seed);
      const i = Math.floor(rnd() * n);
      const j = Math.floor(rnd() * (i + 1));
      a.data[i * n + j] = bad;
      const t0 = performance.now();
      const { values, vectors } = symmetricEigen(a, { vectors: true });
      const ev = symmetricEigenvalues(a);
      expect(performance.now() - t0).toBeLessThan(500);
      expect(Array.from(values).every(Number.isNaN)).toBe(true);
      expect(Array.from(ev).every(Number.isNaN)).toBe(true);
      expect(Array.from(vectors?.data ?? []).every(Number.isNaN)).toBe(true);
      expect(minEigenvalue(a)).toBeNaN();
      expect(maxAbsEigenvalue(a)).toBeNaN();
      expect(isPositiveSemidefinite(a, 0.5)).toBe(false);
    },
  );
});

describe('symmetricEigen: against 40-digit Jacobi (decimal.js)', () => {
  const dec = decimalBackend({ digits: 40 });

  test.prop([fc.integer({ min: 1, max: 8 }), seedArb, fc.boolean()], { seed: 77, numRuns: 40 })(
    'n ≤ 8: |λ − λ_ref| ≤ 1e-13·‖A‖₂',
    (n, seed, prescribed) => {
      let a: Matrix;
      if (prescribed) {
        const rnd = rng(seed ^ 0x2545f491);
        const d = Array.from({ length: n }, () => (rnd() < 0.3 ? 1 : 2 * rnd() - 1));
        a = withSpectrum(d, seed);
      } else {
        a = randomSymmetric(n, seed);
      }
      const ref = decimalJacobiEigenvalues(dec.matrix(a), 40);
      const values = symmetricEigenvalues(a);
      const norm2 = Math.max(Math.abs(ref[0].toNumber()), Math.abs(ref[n - 1].toNumber()));
      for (let i = 0; i < n; i++) {
        const err = dec.fromFloat64(values[i]).minus(ref[i]).abs().toNumber();
        expect(err).toBeLessThanOrEqual(1e-13 * norm2);
      }
    },
  );
});
