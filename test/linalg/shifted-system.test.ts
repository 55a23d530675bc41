import '../support/plain-simd-build.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { type Matrix, matrix, matVec } from '../../src/linalg/matrix.js';
import { denseMetric, identityMetric, type Metric } from '../../src/linalg/metric.js';
import { centredRankK, symmetricRankK } from '../../src/linalg/rank-k.js';
import { prepareShifted, type ShiftedSolveResult } from '../../src/linalg/shifted-system.js';
import { loadWasmCholeskyKernel, loadWasmRankKUpdate } from '../../src/linalg/wasm/cholesky-wasm.js';
import { loadLinalgExports } from '../../src/linalg/wasm/linalg-module.js';
import { diagonallyDominantSpd, randomMatrix, randomVector, rng } from '../support/random-matrices.js';

/**
 * The prepared shifted solve (H + λB)x = rhs: the wasm path (H, B resident in wasm memory, factor and
 * SIMD triangular solves there) against the JS path and against the one-shot cholesky(metric.shifted)
 * + choleskySolve it replaces: same pivot failures, same solutions.
 */

/** Symmetric n×n with eigenvalues of both signs (a shift λ decides definiteness). */
function symmetric(n: number, next: () => number, psdRank = -1): Matrix {
  if (psdRank >= 0) {
    const g = randomMatrix(Math.max(psdRank, 0), n, next);
    return psdRank === 0 ? matrix(n, n) : symmetricRankK(g);
  }
  const h = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = next() - 0.5;
      h.data[i * n + j] = v;
      h.data[j * n + i] = v;
    }
  }
  return h;
}

function spdMetric(n: number, next: () => number): Metric {
  const b = matrix(n, n, diagonallyDominantSpd(n, next));
  // a non-trivial scale so that λB differs from λ·diag
  for (let i = 0; i < b.data.length; i++) b.data[i] *= 0.3;
  const r = denseMetric(b);
  if (!r.ok) throw new Error('test metric not SPD');
  return r.metric;
}

/** The path `solveRegularized` took before prepared systems: a fresh shifted matrix, cholesky(), choleskySolve. */
function oneShot(h: Matrix, metric: Metric, lambda: number, rhs: Float64Array, kernel: 'js' | 'wasm'): ShiftedSolveResult {
  const f = cholesky(metric.shifted(h, lambda), kernel);
  return f.ok ? { ok: true, x: choleskySolve(f.factor, rhs) } : { ok: false, reason: f.reason, pivot: f.pivot };
}

function relDiff(x: Float64Array, y: Float64Array): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    d = Math.max(d, Math.abs(x[i] - y[i]));
    s = Math.max(s, Math.abs(y[i]));
  }
  return s === 0 ? d : d / s;
}

/** Same outcome: both fail at the same pivot, or both solve, agreeing to 1e-13 relative (and in fact bit for bit). */
function expectSame(a: ShiftedSolveResult, b: ShiftedSolveResult): void {
  expect(a.ok).toBe(b.ok);
  if (!a.ok || !b.ok) {
    expect(a.ok ? -1 : a.pivot).toBe(b.ok ? -1 : b.pivot);
    return;
  }
  expect(relDiff(a.x, b.x)).toBeLessThanOrEqual(1e-13);
  expect(Array.from(a.x)).toEqual(Array.from(b.x));
}

const metricOf = (n: number, next: () => number, identity: boolean): Metric => (identity ? identityMetric(n) : spdMetric(n, next));
const bOf = (m: Metric): Matrix | null => (m.isIdentity ? null : m.dense);

describe('prepareShifted: wasm against JS', () => {
  it('loads the wasm path', () => {
    expect(prepareShifted(matrix(2, 2), null).kernel).toBe('wasm');
    expect(prepareShifted(matrix(2, 2), null, 'js').kernel).toBe('js');
  });

  it('same pivot failures and solutions over random H, B and shifts (both sides of definiteness)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.boolean(),
        fc.constantFrom(-1, 0, 1, 3),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (n, seed, identity, rankChoice, logLambdas) => {
          const next = rng(seed);
          const h = symmetric(n, next, rankChoice < 0 ? -1 : Math.min(n, rankChoice === 0 ? 0 : Math.max(1, Math.floor(n / rankChoice))));
          const metric = metricOf(n, next, identity);
          const rhs = randomVector(n, next);
          const wasm = prepareShifted(h, bOf(metric), 'wasm');
          const js = prepareShifted(h, bOf(metric), 'js');
          for (const t of logLambdas) {
            const lambda = t <= -2.9 ? 0 : 10 ** t;
            const w = wasm.solve(lambda, rhs);
            expectSame(w, js.solve(lambda, rhs));
            expectSame(w, oneShot(h, metric, lambda, rhs, 'js'));
            expectSame(w, oneShot(h, metric, lambda, rhs, 'wasm'));
          }
        },
      ),
      { seed: 5150, numRuns: 250 },
    );
  });

  it('the same pivot rule on semidefinite H at λ = 0 (pivots decided by rounding) and every panel width', () => {
    const ex = loadLinalgExports()!;
    const saved = ex.getBlock();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(4, 8, 12, 192),
          fc.integer({ min: 2, max: 80 }),
          fc.integer({ min: 1, max: 80 }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.boolean(),
          (nb, n, rRaw, seed, identity) => {
            ex.setBlock(nb);
            const next = rng(seed);
            const h = symmetric(n, next, Math.min(n - 1, rRaw));
            const metric = metricOf(n, next, identity);
            const rhs = randomVector(n, next);
            const wasm = prepareShifted(h, bOf(metric), 'wasm');
            const js = prepareShifted(h, bOf(metric), 'js');
            for (const lambda of [0, 1e-300, 1e-14, 1e-3]) {
              const w = wasm.solve(lambda, rhs);
              expectSame(w, js.solve(lambda, rhs));
              expectSame(w, oneShot(h, metric, lambda, rhs, 'js'));
            }
          },
        ),
        { seed: 5151, numRuns: 200 },
      );
    } finally {
      ex.setBlock(saved);
    }
  });

  it('tests the pivots above a failure against the factor, not the input (rows above the failure hold L)', () => {
    // (i) a decoupled pivot with a tiny diagonal a₃₃ = 1e-20 passes the scale-invariant rule (d₃ = a₃₃)
    // and the failure is at the last pivot; (ii) a near-singular block [[1, c], [c, 1]] has
    // d₃ = 1 − c² ≤ 8(n+1)u·a₃₃ and fails at 3, though a₃₃ = 1. Testing the unfactored input would
    // get both wrong.
    for (const n of [6, 40, 97, 191, 200, 260]) {
      for (const kind of ['tiny-diagonal', 'near-singular'] as const) {
        const next = rng(900 + n);
        const h = matrix(n, n, diagonallyDominantSpd(n, next));
        for (let j = 0; j < n; j++) {
          for (const i of [2, 3]) {
            h.data[i * n + j] = 0;
            h.data[j * n + i] = 0;
          }
        }
        h.data[2 * n + 2] = 1;
        if (kind === 'tiny-diagonal') h.data[3 * n + 3] = 1e-20;
        else {
          h.data[3 * n + 3] = 1;
          h.data[2 * n + 3] = h.data[3 * n + 2] = 1 - 4 * 2 ** -53;
        }
        h.data[(n - 1) * n + (n - 1)] = -5 * n;
        const pivot = kind === 'tiny-diagonal' ? n - 1 : 3;
        const rhs = randomVector(n, next);
        const w = prepareShifted(h, null, 'wasm').solve(0, rhs);
        expect(w).toMatchObject({ ok: false, pivot });
        expectSame(w, prepareShifted(h, null, 'js').solve(0, rhs));
        expect(cholesky(h, 'wasm')).toMatchObject({ ok: false, pivot });
        expect(cholesky(h, 'js')).toMatchObject({ ok: false, pivot });
      }
    }
  });

  it('many sizes in random order with memory growth, interleaved systems and other wasm kernels', () => {
    const r = rng(777);
    const sizes = [1, 2, 3, 5, 17, 64, 96, 97, 193, 257, 420, 700, 1100];
    for (let i = sizes.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [sizes[i], sizes[j]] = [sizes[j], sizes[i]];
    }
    const factor = loadWasmCholeskyKernel()!;
    const rankK = loadWasmRankKUpdate()!;
    let previous: { sys: ReturnType<typeof prepareShifted>; js: ReturnType<typeof prepareShifted>; rhs: Float64Array } | null = null;
    for (const n of sizes) {
      const next = rng(31 + n);
      const h = matrix(n, n, diagonallyDominantSpd(n, next));
      for (let i = 0; i < n; i++) h.data[i * n + i] -= 0.5 * n + 1; // indefinite: small λ fails, large λ passes
      const identity = n % 2 === 1;
      const metric = metricOf(n, next, identity);
      const rhs = randomVector(n, next);
      const sys = prepareShifted(h, bOf(metric), 'wasm');
      const js = prepareShifted(h, bOf(metric), 'js');
      for (const lambda of [1e-3, 10 * n, 1, n]) {
        expectSame(sys.solve(lambda, rhs), js.solve(lambda, rhs));
        // another system and other kernels in between take over the wasm memory
        if (previous) expectSame(previous.sys.solve(2 * n, previous.rhs), previous.js.solve(2 * n, previous.rhs));
        if (lambda === 1) {
          expect(factor.factor(diagonallyDominantSpd(33, next), 33)).toBe(-1);
          const c = new Float64Array(9);
          rankK(randomVector(30, next), 10, 3, null, c);
        }
      }
      previous = { sys, js, rhs };
    }
  });

  it('H·x of a prepared system is matVec(h, x) bit for bit on both kernels, also after other kernels took the wasm memory', () => {
    const next = rng(11);
    for (const n of [1, 7, 64, 131]) {
      const h = symmetric(n, next);
      const x = randomVector(n, next);
      const expected = Array.from(matVec(h, x));
      for (const kernel of ['js', 'wasm'] as const) {
        const sys = prepareShifted(h, null, kernel);
        expect(Array.from(sys.times(x))).toEqual(expected);
        sys.solve(n, x);
        loadWasmCholeskyKernel()!.factor(diagonallyDominantSpd(9, next), 9);
        expect(Array.from(sys.times(x))).toEqual(expected);
      }
    }
  });

  it('leaves H, B and the right-hand side unchanged, and rejects a wrong length', () => {
    const next = rng(4);
    const n = 9;
    const h = symmetric(n, next);
    const metric = spdMetric(n, next);
    const b = metric.dense!;
    const [h0, b0] = [h.data.slice(), b.data.slice()];
    const rhs = randomVector(n, next);
    const rhs0 = rhs.slice();
    for (const kernel of ['js', 'wasm'] as const) {
      const sys = prepareShifted(h, b, kernel);
      sys.solve(0.1, rhs);
      sys.solve(100, rhs);
      expect(() => sys.solve(1, new Float64Array(n + 1))).toThrow(RangeError);
    }
    expect(Array.from(h.data)).toEqual(Array.from(h0));
    expect(Array.from(b.data)).toEqual(Array.from(b0));
    expect(Array.from(rhs)).toEqual(Array.from(rhs0));
    expect(prepareShifted(matrix(0, 0), null).solve(1, new Float64Array(0))).toMatchObject({ ok: true });
  });
});

describe('centredRankK', () => {
  it('gives the bits of symmetricRankK on the rows centred as (aᵢ − a_top) − Σ_{j≠top} dⱼ(aⱼ − a_top), on both kernels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (m, n, seed) => {
        const next = rng(seed);
        const a = randomMatrix(m, n, next);
        const w = Float64Array.from({ length: m }, () => Math.exp(8 * next()));
        const sum = w.reduce((s, v) => s + v, 0);
        const d = w.map((v) => v / sum);
        const top = Math.floor(next() * m);
        const rows = matrix(m, n, a.data.slice());
        const mean = new Float64Array(n);
        for (let i = 0; i < m; i++) {
          if (i === top) continue;
          for (let j = 0; j < n; j++) {
            rows.data[i * n + j] -= a.data[top * n + j];
            mean[j] += d[i] * rows.data[i * n + j];
          }
        }
        rows.data.fill(0, top * n, top * n + n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) rows.data[i * n + j] -= mean[j];
        const a0 = a.data.slice();
        for (const kernel of ['js', 'wasm'] as const) {
          expect(Array.from(centredRankK(a, d, top, kernel).data)).toEqual(Array.from(symmetricRankK(rows, d, kernel).data));
        }
        expect(Array.from(a.data)).toEqual(Array.from(a0));
      }),
      { seed: 6160, numRuns: 120 },
    );
  });
});
