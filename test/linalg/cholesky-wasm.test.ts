import '../support/plain-simd-build.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsCholeskyKernel } from '../../src/linalg/cholesky-kernel.js';
import { loadWasmCholeskyKernel, loadWasmRankKUpdate } from '../../src/linalg/wasm/cholesky-wasm.js';
import { findLinalgWasm, loadLinalgExports, wasmSimdSupported, wasmVariant } from '../../src/linalg/wasm/linalg-module.js';
import { diagonallyDominantSpd, rng } from '../support/random-matrices.js';

const SEED = 20240611;

/** A = M·Mᵀ + shift·I with M uniform in [-0.5, 0.5); stored in full. */
function randomSpd(n: number, seed: number, shift = 0.1 * n + 1e-3): Float64Array {
  const r = rng(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < m.length; i++) m[i] = r() - 0.5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += m[i * n + k] * m[j * n + k];
      if (i === j) t += shift;
      a[i * n + j] = t;
      a[j * n + i] = t;
    }
  }
  return a;
}

const cheapSpd = (n: number, seed: number): Float64Array => diagonallyDominantSpd(n, rng(seed));

/** Max |x − y| over the lower triangle divided by max |y| there. */
function relLowerDiff(x: Float64Array, y: Float64Array, n: number): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      d = Math.max(d, Math.abs(x[i * n + j] - y[i * n + j]));
      s = Math.max(s, Math.abs(y[i * n + j]));
    }
  }
  return s === 0 ? d : d / s;
}

function residual(l: Float64Array, a: Float64Array, n: number): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = 0; k <= j; k++) t += l[i * n + k] * l[j * n + k];
      d = Math.max(d, Math.abs(t - a[i * n + j]));
      s = Math.max(s, Math.abs(a[i * n + j]));
    }
  }
  return d / s;
}

const wasm = loadWasmCholeskyKernel();

describe('wasm Cholesky kernel', () => {
  it('loads: node 20 has wasm SIMD and `npm test` builds build/wasm/linalg.wasm first', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(findLinalgWasm()).not.toBeNull();
    expect(wasm?.name).toBe('wasm');
    expect(wasmVariant()).toBe('simd');
  });

  it('agrees with the JS kernel on random SPD matrices, n = 1..64', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n, seed) => {
        const a = randomSpd(n, seed);
        const x = a.slice();
        const y = a.slice();
        expect(jsCholeskyKernel.factor(x, n)).toBe(-1);
        expect(wasm!.factor(y, n)).toBe(-1);
        expect(relLowerDiff(y, x, n)).toBeLessThan(1e-13);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('agrees with the JS kernel for every panel width (multi-panel paths on small n)', () => {
    const ex = loadLinalgExports()!;
    const saved = ex.getBlock();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(4, 8, 12, 16, 32),
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
          (nb, n, seed, failAt) => {
            ex.setBlock(nb);
            expect(ex.getBlock()).toBe(nb);
            const a = randomSpd(n, seed);
            let k = -1;
            if (failAt !== undefined) {
              k = failAt % n;
              a[k * n + k] = -1 - Math.abs(a[k * n + k]);
            }
            const x = a.slice();
            const y = a.slice();
            expect(jsCholeskyKernel.factor(x, n)).toBe(k);
            expect(wasm!.factor(y, n)).toBe(k);
            if (k < 0) expect(relLowerDiff(y, x, n)).toBeLessThan(1e-13);
          },
        ),
        { seed: SEED + 6, numRuns: 300 },
      );
    } finally {
      ex.setBlock(saved);
    }
  });

  it('is bit-identical to the JS kernel, including on rank-deficient (semidefinite) input', () => {
    // Every entry is formed as ((a − p₀) − p₁) − … with p_k in ascending k and the same divisions as
    // jsCholeskyKernel, so even pivots decided by rounding (A = M·Mᵀ with M n×r, r < n) agree.
    const ex = loadLinalgExports()!;
    const saved = ex.getBlock();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(8, 12, 192),
          fc.integer({ min: 1, max: 90 }),
          fc.integer({ min: 1, max: 90 }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          (nb, n, rRaw, seed) => {
            ex.setBlock(nb);
            const rank = Math.min(n, rRaw);
            const r = rng(seed);
            const m = new Float64Array(n * rank);
            for (let i = 0; i < m.length; i++) m[i] = r() - 0.5;
            const a = new Float64Array(n * n);
            for (let i = 0; i < n; i++) {
              for (let j = 0; j <= i; j++) {
                let t = 0;
                for (let k = 0; k < rank; k++) t += m[i * rank + k] * m[j * rank + k];
                a[i * n + j] = t;
                a[j * n + i] = t;
              }
            }
            const x = a.slice();
            const y = a.slice();
            const ej = jsCholeskyKernel.factor(x, n);
            const ew = wasm!.factor(y, n);
            expect(ew).toBe(ej);
            // after a failure the contract leaves garbage below the diagonal: only the index is compared
            if (ej < 0) expect(Array.from(y)).toEqual(Array.from(x));
          },
        ),
        { seed: SEED + 7, numRuns: 200 },
      );
    } finally {
      ex.setBlock(saved);
    }
  });

  it('exact small cases n = 1, 2, 3', () => {
    const a1 = new Float64Array([9]);
    expect(wasm!.factor(a1, 1)).toBe(-1);
    expect(a1[0]).toBe(3);
    const a2 = new Float64Array([4, 99, 2, 10]);
    expect(wasm!.factor(a2, 2)).toBe(-1);
    expect(Array.from(a2)).toEqual([2, 99, 1, 3]);
    const a3 = new Float64Array([4, 0, 0, 2, 5, 0, -2, 3, 14]);
    expect(wasm!.factor(a3, 3)).toBe(-1);
    expect(Array.from(a3)).toEqual([2, 0, 0, 1, 2, 0, -1, 2, 3]);
  });

  it('reports the same first failing pivot as the JS kernel on indefinite matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 260 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom('negative', 'zero', 'nan', 'inf', 'offdiag-nan', 'offdiag-inf'),
        (n, kRaw, seed, kind) => {
          const k = kRaw % n;
          const a = n <= 100 ? randomSpd(n, seed) : cheapSpd(n, seed);
          // Replace the trailing block at k by something whose Schur complement pivot is bad.
          if (kind === 'negative') a[k * n + k] = -1 - Math.abs(a[k * n + k]);
          else if (kind === 'zero') {
            // make row/column k a copy of row/column 0 scaled: the pivot at k becomes exactly 0 in exact
            // arithmetic, so instead force it clearly negative via a large off-diagonal entry
            if (k === 0) a[0] = 0;
            else {
              const big = 10 * Math.sqrt(a[k * n + k] * a[0]) + 1;
              a[k * n] = big;
              a[k] = big;
            }
          } else if (kind === 'offdiag-nan' || kind === 'offdiag-inf') {
            const v = kind === 'offdiag-nan' ? Number.NaN : Number.POSITIVE_INFINITY;
            a[k * n + (k === 0 ? 0 : Math.floor(k / 2))] = v;
          } else if (kind === 'nan') a[k * n + k] = Number.NaN;
          else a[k * n + k] = Number.POSITIVE_INFINITY;
          const x = a.slice();
          const y = a.slice();
          const ej = jsCholeskyKernel.factor(x, n);
          const ew = wasm!.factor(y, n);
          expect(ej).toBe(k);
          expect(ew).toBe(ej);
        },
      ),
      { seed: SEED + 1, numRuns: 300 },
    );
  });

  it('fails only at the last pivot for odd n and block-boundary n', () => {
    for (const n of [1, 3, 5, 7, 33, 95, 96, 97, 129, 193, 255]) {
      const a = randomSpd(n, 1000 + n);
      // the last pivot is a_nn − ‖l_n‖²: lowering a_nn just below ‖l_n‖² fails only there
      const x = a.slice();
      jsCholeskyKernel.factor(x, n);
      const last = x[(n - 1) * n + (n - 1)];
      a[(n - 1) * n + (n - 1)] -= last * last * 1.5;
      const ej = jsCholeskyKernel.factor(a.slice(), n);
      const ew = wasm!.factor(a.slice(), n);
      expect(ej).toBe(n - 1);
      expect(ew).toBe(n - 1);
    }
  });

  it('many sizes in one process in random order, including ones that grow memory', () => {
    const r = rng(SEED + 2);
    const sizes = [1, 700, 3, 1200, 5, 64, 2, 257, 17, 801, 4, 96, 97, 31];
    for (let i = sizes.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [sizes[i], sizes[j]] = [sizes[j], sizes[i]];
    }
    for (const n of [1, 700, 3, 1200, 5, ...sizes]) {
      const a = n <= 300 ? randomSpd(n, 77 + n) : cheapSpd(n, 77 + n);
      const y = a.slice();
      expect(wasm!.factor(y, n)).toBe(-1);
      if (n <= 300) {
        const x = a.slice();
        jsCholeskyKernel.factor(x, n);
        expect(relLowerDiff(y, x, n)).toBeLessThan(1e-13);
      } else {
        // spot-check L·Lᵀ = A on a sample of rows to keep the test fast
        let d = 0;
        let s = 0;
        for (let t = 0; t < 40; t++) {
          const i = Math.floor(r() * n);
          const j = Math.floor(r() * (i + 1));
          let v = 0;
          for (let k = 0; k <= j; k++) v += y[i * n + k] * y[j * n + k];
          d = Math.max(d, Math.abs(v - a[i * n + j]));
          s = Math.max(s, Math.abs(a[i * n + j]));
        }
        expect(d / s).toBeLessThan(1e-12);
      }
    }
  });

  it('leaves the upper triangle of the caller array untouched', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n, seed) => {
        const a = randomSpd(n, seed);
        const r = rng(seed ^ 0x5a5a);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = r() < 0.5 ? Number.NaN : 1e300 * (r() - 0.5);
        const y = a.slice();
        expect(wasm!.factor(y, n)).toBe(-1);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) expect(Object.is(y[i * n + j], a[i * n + j])).toBe(true);
        }
        expect(residual(y, a, n)).toBeLessThan(1e-13);
      }),
      { seed: SEED + 3, numRuns: 60 },
    );
  });
});

describe('wasm rank-k update', () => {
  const rankK = loadWasmRankKUpdate();

  function reference(a: Float64Array, m: number, n: number, d: Float64Array | null): Float64Array {
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let t = 0;
        for (let k = 0; k < m; k++) t += a[k * n + i] * (d === null ? 1 : d[k]) * a[k * n + j];
        c[i * n + j] = t;
        c[j * n + i] = t;
      }
    }
    return c;
  }

  it('loads together with the Cholesky kernel', () => {
    expect(rankK).not.toBeNull();
  });

  it('C = Aᵀ·diag(d)·A matches the reference and is exactly symmetric', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.boolean(),
        (m, n, seed, identity) => {
          const r = rng(seed);
          const a = new Float64Array(m * n);
          for (let i = 0; i < a.length; i++) a[i] = r() - 0.5;
          const d = identity ? null : Float64Array.from({ length: m }, () => r() + 1);
          const c = new Float64Array(n * n).fill(Number.NaN);
          rankK!(a, m, n, d, c);
          const ref = reference(a, m, n, d);
          let scale = 1e-300;
          for (const v of ref) scale = Math.max(scale, Math.abs(v));
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(Math.abs(c[i * n + j] - ref[i * n + j])).toBeLessThanOrEqual(1e-13 * scale + 1e-300);
              expect(c[i * n + j]).toBe(c[j * n + i]);
            }
          }
        },
      ),
      { seed: SEED + 4, numRuns: 150 },
    );
  });

  it('interleaves with Cholesky calls of other sizes (shared, growing memory)', () => {
    const m = 600;
    const n = 90;
    const r = rng(SEED + 5);
    const a = new Float64Array(m * n);
    for (let i = 0; i < a.length; i++) a[i] = r() - 0.5;
    const d = Float64Array.from({ length: m }, () => r() + 1);
    const c = new Float64Array(n * n);
    rankK!(a, m, n, d, c);
    const ref = reference(a, m, n, d);
    expect(wasm!.factor(cheapSpd(900, 3), 900)).toBe(-1);
    const c2 = new Float64Array(n * n);
    rankK!(a, m, n, d, c2);
    expect(Array.from(c2)).toEqual(Array.from(c));
    // AᵀDA + I is SPD: factor it with both kernels
    for (let i = 0; i < n; i++) c[i * n + i] += 1;
    const x = c.slice();
    const y = c.slice();
    expect(jsCholeskyKernel.factor(x, n)).toBe(-1);
    expect(wasm!.factor(y, n)).toBe(-1);
    expect(relLowerDiff(y, x, n)).toBeLessThan(1e-13);
    let scale = 0;
    for (const v of ref) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < n * n; i++) expect(Math.abs(c2[i] - ref[i])).toBeLessThanOrEqual(1e-13 * scale);
  });
});
