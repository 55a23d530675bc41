import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveLowerInPlace, solveLowerTransposeInPlace } from '../../src/linalg/triangular.js';
import { wasmKernelsOn } from '../../src/linalg/wasm/cholesky-wasm.js';
import { denseProductsOn } from '../../src/linalg/wasm/dense-products-wasm.js';
import { instantiateLinalg, relaxedSimdSupported, type WasmVariant, wasmVariant } from '../../src/linalg/wasm/linalg-module.js';
import { kernelReferences } from '../support/kernel-references.js';
import { rng } from '../support/random-matrices.js';

/**
 * Both builds of the linalg module, each bit for bit against its own scalar reference
 * (test/support/kernel-references.ts): 'simd' rounds every multiply–accumulate twice, 'fma' once.
 * The FMA reference is BigInt-exact and slow, so its cases are smaller; the blocking paths (several
 * panels, several L2 strip blocks, several depth chunks of the rank-k update) are reached on small n by
 * narrowing the panel and the strip block.
 */

const cpuHasFma = ((): boolean => {
  try {
    return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
})();

describe('the FMA build is chosen where relaxed SIMD fuses', () => {
  it('relaxed_nmadd fuses in the fma build and not in the simd build', () => {
    const a = 1 + 2 ** -30;
    const b = 1 - 2 ** -30;
    expect(instantiateLinalg('simd')!.mulSubProbe(1, a, b)).toBe(0);
    if (!relaxedSimdSupported() || !cpuHasFma) return;
    expect(instantiateLinalg('fma')!.mulSubProbe(1, a, b)).toBe(2 ** -60);
  });

  it.runIf(cpuHasFma)('the process runs the fma build on this FMA machine (node 20: the flag is set by the package)', () => {
    expect(wasmVariant()).toBe('fma');
  });
});

/** A = M·Mᵀ (+ shift·I) with M n×rank uniform in [-0.5, 0.5): semidefinite when rank < n and shift = 0. */
function gram(n: number, rank: number, shift: number, next: () => number): Float64Array {
  const m = Float64Array.from({ length: n * rank }, () => next() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = i === j ? shift : 0;
      for (let k = 0; k < rank; k++) t += m[i * rank + k] * m[j * rank + k];
      a[i * n + j] = t;
      a[j * n + i] = t;
    }
  }
  return a;
}

function lower(a: Float64Array, n: number, rows = n): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j <= i; j++) out.push(a[i * n + j]);
  return out;
}

const SIZES: Record<WasmVariant, { n: number; runs: number; m: number }> = {
  simd: { n: 90, runs: 120, m: 300 },
  fma: { n: 40, runs: 40, m: 120 },
};

for (const build of ['simd', 'fma'] as const) {
  const ex = build === 'fma' && (!relaxedSimdSupported() || !cpuHasFma) ? null : instantiateLinalg(build);
  const kernels = ex === null ? null : wasmKernelsOn(ex);
  const ref = kernelReferences(build);
  const size = SIZES[build];

  describe.runIf(kernels !== null)(`the ${build} build against its reference`, () => {
    const withBlocks = (nb: number, stripBytes: number, body: () => void): void => {
      const [savedNb, savedStrip] = [ex!.getBlock(), ex!.getStripBlockBytes()];
      ex!.setBlock(nb);
      ex!.setStripBlockBytes(stripBytes);
      try {
        body();
      } finally {
        ex!.setBlock(savedNb);
        ex!.setStripBlockBytes(savedStrip);
      }
    };

    it('Cholesky: same factor bits and the same failing pivot (semidefinite and indefinite input, every panel and strip block)', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(4, 8, 12, 192),
          fc.constantFrom(128, 1024, 256 << 10),
          fc.integer({ min: 1, max: size.n }),
          fc.integer({ min: 1, max: size.n }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
          (nb, stripBytes, n, rankRaw, seed, failAt) => {
            const next = rng(seed);
            const rank = Math.min(n, rankRaw);
            const a = gram(n, rank, rank < n ? 0 : 1e-3, next);
            if (failAt !== undefined) a[(failAt % n) * n + (failAt % n)] = -1;
            const x = a.slice();
            const y = a.slice();
            const expected = ref.cholesky(x, n);
            withBlocks(nb, stripBytes, () => expect(kernels!.cholesky.factor(y, n)).toBe(expected));
            expect(lower(y, n, expected < 0 ? n : expected)).toEqual(lower(x, n, expected < 0 ? n : expected));
          },
        ),
        { seed: 18_01, numRuns: size.runs },
      );
    });

    it('rank-k update AᵀDA (and d = I): the same bits, exactly symmetric, across depth chunks and strip blocks', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: size.m }),
          fc.integer({ min: 1, max: size.n }),
          fc.constantFrom(128, 4096, 256 << 10),
          fc.boolean(),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          (m, n, stripBytes, identity, seed) => {
            const next = rng(seed);
            const a = Float64Array.from({ length: m * n }, () => next() - 0.5);
            const d = identity ? null : Float64Array.from({ length: m }, () => next() + 0.5);
            const c = new Float64Array(n * n).fill(Number.NaN);
            withBlocks(ex!.getBlock(), stripBytes, () => kernels!.rankK(a, m, n, d, c));
            expect(Array.from(c)).toEqual(Array.from(ref.rankK(a, m, n, d)));
          },
        ),
        { seed: 18_02, numRuns: size.runs },
      );
    });

    it('centred rank-k update: the same bits', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: size.m }), fc.integer({ min: 1, max: size.n }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (m, n, seed) => {
          const next = rng(seed);
          const a = Float64Array.from({ length: m * n }, () => next() - 0.5);
          const w = Float64Array.from({ length: m }, () => Math.exp(8 * next()));
          const sum = w.reduce((s, v) => s + v, 0);
          const d = w.map((v) => v / sum);
          const top = Math.floor(next() * m);
          const c = new Float64Array(n * n);
          kernels!.centredRankK(a, m, n, d, top, c);
          expect(Array.from(c)).toEqual(Array.from(ref.centredRankK(a, m, n, d, top)));
        }),
        { seed: 18_03, numRuns: size.runs },
      );
    });

    it('shifted system: H·x on the resident H has the bits of the same build\'s dense product, before and after a solve and an eviction', () => {
      const products = denseProductsOn(ex!);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: size.n }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n, seed) => {
          const next = rng(seed);
          const h = gram(n, n, 0.5, next);
          const x = Float64Array.from({ length: n }, () => next() - 0.5);
          const expected = new Float64Array(n);
          products(h, n, n).times(x, expected);
          const system = kernels!.shifted(h, null, n);
          const out = new Float64Array(n);
          system.times(x, out);
          expect(Array.from(out)).toEqual(Array.from(expected));
          system.solve(1, x, 8 * (n + 1) * 2 ** -53, new Float64Array(n));
          kernels!.cholesky.factor(gram(n, n, 1, next), n);
          system.times(x, out);
          expect(Array.from(out)).toEqual(Array.from(expected));
        }),
        { seed: 18_05, numRuns: Math.ceil(size.runs / 2) },
      );
    });

    it('shifted system: H + λB formed as in JS, the reference factor (every panel width and strip block), the JS triangular solves and the pivot rule of cholesky()', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(4, 8, 12, 192),
          fc.constantFrom(128, 1024, 256 << 10),
          fc.integer({ min: 1, max: size.n }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.boolean(),
          (nb, stripBytes, n, seed, identity) => withBlocks(nb, stripBytes, () => {
            const next = rng(seed);
            const h = gram(n, Math.max(1, n >> 1), 0, next);
            for (let i = 0; i < n; i++) h[i * n + i] -= 0.05 * n;
            const b = identity ? null : gram(n, n, 1, next);
            const rhs = Float64Array.from({ length: n }, () => next() - 0.5);
            const tol = 8 * (n + 1) * 2 ** -53;
            const system = kernels!.shifted(h, b, n);
            for (const lambda of [0, 1e-3, 0.05 * n, 2 * n]) {
              const w = new Float64Array(n * n);
              for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) w[i * n + j] = b === null ? h[i * n + j] + (i === j ? lambda : 0) : h[i * n + j] + lambda * b[i * n + j];
              const failed = ref.cholesky(w, n);
              let expected = failed;
              for (let k = 0; k < (failed >= 0 ? failed : n); k++) {
                const akk = b === null ? h[k * n + k] + lambda : h[k * n + k] + lambda * b[k * n + k];
                if (w[k * n + k] * w[k * n + k] <= tol * akk) {
                  expected = k;
                  break;
                }
              }
              const out = new Float64Array(n);
              expect(system.solve(lambda, rhs, tol, out)).toBe(expected);
              if (expected < 0) expect(Array.from(out)).toEqual(Array.from(solveLowerTransposeInPlace(w, n, solveLowerInPlace(w, n, rhs.slice()))));
            }
          }),
        ),
        { seed: 18_04, numRuns: Math.ceil(size.runs / 2) },
      );
    });
  });
}
