import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseProducts } from '../../src/linalg/dense-products.js';
import { matrix, matTVec, matVec } from '../../src/linalg/matrix.js';
import { centredRankK, symmetricRankK } from '../../src/linalg/rank-k.js';
import { wasmKernelsOn } from '../../src/linalg/wasm/cholesky-wasm.js';
import { denseProductsOn } from '../../src/linalg/wasm/dense-products-wasm.js';
import { instantiateLinalg, relaxedSimdSupported, type WasmVariant, wasmVariant } from '../../src/linalg/wasm/linalg-module.js';
import { exactFma } from '../support/exact-fma.js';
import { kernelReferences } from '../support/kernel-references.js';
import { rng } from '../support/random-matrices.js';

/**
 * The dense products of a resident matrix, each build bit for bit against its own reference: the plain
 * SIMD build against today's JS matVec/matTVec, the FMA build against the same loops with every
 * multiply–accumulate rounded once (exactFma); the Gram matrices against the rank-k kernels of the same
 * build. Residency is observed by changing A behind the pool's back (which callers must not do): a
 * resident copy keeps the old entries until it is evicted.
 */

const cpuHasFma = ((): boolean => {
  try {
    return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
})();

type MulAdd = (c: number, a: number, b: number) => number;

/** matVec with c + a·b as `mulAdd`: lanes s0 (even j and the odd tail) and s1 (odd j), y_i = s0 + s1. */
function matVecRef(mulAdd: MulAdd, a: Float64Array, m: number, n: number, x: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      s0 = mulAdd(s0, a[i * n + j], x[j]);
      s1 = mulAdd(s1, a[i * n + j + 1], x[j + 1]);
    }
    if (j < n) s0 = mulAdd(s0, a[i * n + j], x[j]);
    y[i] = s0 + s1;
  }
  return y;
}

/** matTVec with c + a·b as `mulAdd`: y_j ← y_j + x_i·a_ij, i ascending, rows with x_i = 0 skipped. */
function matTVecRef(mulAdd: MulAdd, a: Float64Array, m: number, n: number, x: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    if (x[i] === 0) continue;
    for (let j = 0; j < n; j++) y[j] = mulAdd(y[j], x[i], a[i * n + j]);
  }
  return y;
}

const MUL_ADD: Record<WasmVariant, MulAdd> = {
  simd: (c, a, b) => c + a * b,
  fma: (c, a, b) => exactFma(a, b, c),
};

/** A with entries in [-0.5, 0.5), x with about a third of its entries 0 and the rows of A at those entries infinite or NaN. */
function draw(m: number, n: number, seed: number): { a: Float64Array; x: Float64Array; xt: Float64Array } {
  const next = rng(seed);
  const a = Float64Array.from({ length: m * n }, () => next() - 0.5);
  const x = Float64Array.from({ length: n }, () => next() - 0.5);
  const xt = Float64Array.from({ length: m }, () => (next() < 0.35 ? (next() < 0.5 ? 0 : -0) : next() - 0.5));
  for (let i = 0; i < m; i++) if (xt[i] === 0 && n > 0) a[i * n + Math.floor(next() * n)] = next() < 0.5 ? Infinity : NaN;
  return { a, x, xt };
}

const SIZES: Record<WasmVariant, { m: number; n: number; runs: number }> = {
  simd: { m: 70, n: 70, runs: 150 },
  fma: { m: 30, n: 30, runs: 60 },
};

for (const build of ['simd', 'fma'] as const) {
  const available = build === 'simd' || (relaxedSimdSupported() && cpuHasFma);
  const mulAdd = MUL_ADD[build];
  const size = SIZES[build];

  describe.runIf(available)(`the ${build} build's dense products against their reference`, () => {
    const ex = instantiateLinalg(build)!;
    const prepare = denseProductsOn(ex);
    const rankK = wasmKernelsOn(instantiateLinalg(build)!);
    const ref = kernelReferences(build);

    it('A·x and Aᵀ·x: the same bits for every shape (odd sizes, no rows or columns), rows with xᵢ = 0 skipped', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: size.m }), fc.integer({ min: 0, max: size.n }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (m, n, seed) => {
          const { a, x, xt } = draw(m, n, seed);
          const p = prepare(a, m, n);
          const y = new Float64Array(m).fill(NaN);
          const yt = new Float64Array(n).fill(NaN);
          p.times(x, y);
          p.transposeTimes(xt, yt);
          expect(Array.from(y)).toEqual(Array.from(matVecRef(mulAdd, a, m, n, x)));
          expect(Array.from(yt)).toEqual(Array.from(matTVecRef(mulAdd, a, m, n, xt)));
          if (build === 'simd') {
            expect(Array.from(y)).toEqual(Array.from(matVec(matrix(m, n, a), x)));
            expect(Array.from(yt)).toEqual(Array.from(matTVec(matrix(m, n, a), xt)));
          }
        }),
        { seed: 18_31, numRuns: size.runs },
      );
    });

    it('the fused loops differ from the unfused ones somewhere (the references tell the builds apart)', () => {
      const { a, x } = draw(size.m, size.n, 7);
      const y = new Float64Array(size.m);
      prepare(a, size.m, size.n).times(x, y);
      const other = matVecRef(MUL_ADD[build === 'simd' ? 'fma' : 'simd'], a, size.m, size.n, x);
      expect(Array.from(y)).not.toEqual(Array.from(other));
    });

    it('Gram matrices AᵀDA (and d = I) and centred: the bits of the rank-k kernels of the same build', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: size.m }), fc.integer({ min: 0, max: size.n }), fc.boolean(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (m, n, identity, seed) => {
          const next = rng(seed);
          const a = Float64Array.from({ length: m * n }, () => next() - 0.5);
          const w = Float64Array.from({ length: m }, () => Math.exp(4 * next()));
          const sum = w.reduce((s, v) => s + v, 0);
          const d = w.map((v) => v / sum);
          const top = Math.floor(next() * m);
          const p = prepare(a, m, n);
          const c = new Float64Array(n * n).fill(NaN);
          const expected = new Float64Array(n * n);
          p.gram(identity ? null : d, c);
          rankK.rankK(a, m, n, identity ? null : d, expected);
          expect(Array.from(c)).toEqual(Array.from(expected));
          if (n <= 12) expect(Array.from(c)).toEqual(Array.from(ref.rankK(a, m, n, identity ? null : d)));
          p.centredGram(d, top, c);
          rankK.centredRankK(a, m, n, d, top, expected);
          expect(Array.from(c)).toEqual(Array.from(expected));
        }),
        { seed: 18_32, numRuns: Math.ceil(size.runs / 3) },
      );
    });

    it('matrices stay resident, are evicted least recently used first and are copied in again on their next use', () => {
      // 6×5 entries of 8 bytes take 256 bytes after alignment: the pool holds three
      const pool = denseProductsOn(instantiateLinalg(build)!, 3 * 256);
      const [m, n] = [6, 5];
      const mats = [1, 2, 3, 4].map((s) => draw(m, n, s).a);
      const stale = mats.map((a) => a.slice());
      const ps = mats.map((a) => pool(a, m, n));
      const x = Float64Array.from({ length: n }, (_, j) => j - 1.5);
      const y = new Float64Array(m);
      const check = (k: number, entries: Float64Array): void => {
        ps[k].times(x, y);
        expect(Array.from(y), `matrix ${k}`).toEqual(Array.from(matVecRef(mulAdd, entries, m, n, x)));
      };
      for (const k of [0, 1, 2]) check(k, mats[k]);
      for (const a of mats) a.fill(0.25);
      for (const k of [2, 0, 1]) check(k, stale[k]); // resident: the entries copied in first
      check(3, mats[3]); // evicts matrix 2, the least recently used
      check(0, stale[0]);
      check(1, stale[1]);
      check(2, mats[2]); // copied in again (evicting 3)
      check(3, mats[3]); // copied in again (evicting 0)
      check(1, stale[1]);
      check(0, mats[0]);
    });

    it('several matrices of different sizes interleaved in a small pool: every product right after any eviction', () => {
      const pool = denseProductsOn(instantiateLinalg(build)!, 4096);
      const shapes = [[7, 9], [13, 3], [1, 1], [20, 11], [0, 4], [5, 0], [9, 16]] as const;
      const cases = shapes.map(([m, n], s) => ({ m, n, ...draw(m, n, 100 + s) }));
      const ps = cases.map((c) => pool(c.a, c.m, c.n));
      const order = rng(18_33);
      for (let t = 0; t < 60; t++) {
        const k = Math.floor(order() * cases.length);
        const { m, n, a, x, xt } = cases[k];
        const y = new Float64Array(m);
        const yt = new Float64Array(n);
        ps[k].times(x, y);
        ps[k].transposeTimes(xt, yt);
        expect(Array.from(y)).toEqual(Array.from(matVecRef(mulAdd, a, m, n, x)));
        expect(Array.from(yt)).toEqual(Array.from(matTVecRef(mulAdd, a, m, n, xt)));
        if (k === 3) {
          const c = new Float64Array(n * n);
          const expected = new Float64Array(n * n);
          ps[k].gram(null, c);
          rankK.rankK(a, m, n, null, expected);
          expect(Array.from(c)).toEqual(Array.from(expected));
        }
      }
    });

    it('a matrix larger than the pool is copied in for each call and never kept', () => {
      const pool = denseProductsOn(instantiateLinalg(build)!, 1024);
      const [m, n] = [12, 17];
      const { a, x, xt } = draw(m, n, 5);
      const small = draw(3, 3, 6);
      const p = pool(a, m, n);
      const q = pool(small.a, 3, 3);
      const y = new Float64Array(m);
      const yt = new Float64Array(n);
      const y3 = new Float64Array(3);
      for (let round = 0; round < 2; round++) {
        q.times(small.x, y3);
        p.times(x, y);
        p.transposeTimes(xt, yt);
        expect(Array.from(y)).toEqual(Array.from(matVecRef(mulAdd, a, m, n, x)));
        expect(Array.from(yt)).toEqual(Array.from(matTVecRef(mulAdd, a, m, n, xt)));
        expect(Array.from(y3)).toEqual(Array.from(matVecRef(mulAdd, small.a, 3, 3, small.x)));
        a.fill(round + 0.5); // the next call reads these entries
      }
    });
  });
}

describe('the front picks the JS reference or the process build', () => {
  const mulAdd = MUL_ADD[wasmVariant() ?? 'simd'];

  it("'js' and 'auto' below the threshold give matVec/matTVec; 'wasm' the process build; Gram matrices those of symmetricRankK/centredRankK", () => {
    const { a, x, xt } = draw(9, 7, 11);
    const A = matrix(9, 7, a);
    for (const choice of ['js', 'auto'] as const) {
      const p = denseProducts(A, choice);
      expect(Array.from(p.times(x))).toEqual(Array.from(matVec(A, x)));
      expect(Array.from(p.transposeTimes(xt))).toEqual(Array.from(matTVec(A, xt)));
    }
    const w = wasmVariant() === null ? null : denseProducts(A, 'wasm');
    if (w !== null) {
      expect(Array.from(w.times(x))).toEqual(Array.from(matVecRef(mulAdd, a, 9, 7, x)));
      expect(Array.from(w.transposeTimes(xt))).toEqual(Array.from(matTVecRef(mulAdd, a, 9, 7, xt)));
    }
    const g = draw(9, 7, 12).a;
    const G = matrix(9, 7, g);
    const d = Float64Array.from({ length: 9 }, (_, i) => (i + 1) / 45);
    for (const choice of ['js', 'auto', 'wasm'] as const) {
      if (choice === 'wasm' && w === null) continue;
      const p = denseProducts(G, choice);
      const rankChoice = choice === 'auto' ? 'auto' : choice;
      expect(Array.from(p.gram(d).data)).toEqual(Array.from(symmetricRankK(G, d, rankChoice).data));
      expect(Array.from(p.gram().data)).toEqual(Array.from(symmetricRankK(G, undefined, rankChoice).data));
      expect(Array.from(p.centredGram(d, 4).data)).toEqual(Array.from(centredRankK(G, d, 4, rankChoice).data));
    }
  });

  it('shapes are checked as matVec and matTVec check them', () => {
    const p = denseProducts(matrix(4, 3), 'auto');
    expect(() => p.times(new Float64Array(4))).toThrow(RangeError);
    expect(() => p.transposeTimes(new Float64Array(3))).toThrow(RangeError);
    expect(() => p.gram(new Float64Array(3))).toThrow(RangeError);
    expect(() => p.centredGram(new Float64Array(4), 4)).toThrow(RangeError);
  });
});
