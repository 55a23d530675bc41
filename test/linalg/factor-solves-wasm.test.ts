import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseMetric } from '../../src/linalg/metric.js';
import { matrix } from '../../src/linalg/matrix.js';
import { solveLowerInPlace, solveLowerTransposeInPlace } from '../../src/linalg/triangular.js';
import { norm2 } from '../../src/linalg/vector.js';
import { wasmFactorSolves } from '../../src/linalg/wasm/factor-solves-wasm.js';
import { diagonallyDominantSpd, randomVector, rng } from '../support/random-matrices.js';

/** Lᵀ·h as Metric.norm forms it in JS: y_k += l_ik·h_i, i ascending, rows with h_i = 0 skipped. */
function lowerTransposeTimes(l: Float64Array, n: number, h: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (h[i] === 0) continue;
    for (let k = 0; k <= i; k++) y[k] += l[i * n + k] * h[i];
  }
  return y;
}

describe('a metric factor in wasm memory', () => {
  it('L⁻¹s, L⁻ᵀL⁻¹s and Lᵀh have the bits of the JS functions (zeros in h included), reused for many vectors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n, seed) => {
        const next = rng(seed);
        const m = denseMetric(matrix(n, n, diagonallyDominantSpd(n, next)));
        if (!m.ok) throw new Error('test metric not SPD');
        const l = m.metric.factor!.l;
        const w = wasmFactorSolves(l, n)!;
        for (let r = 0; r < 3; r++) {
          const s = randomVector(n, next);
          if (r === 1) for (let i = 0; i < n; i += 3) s[i] = 0;
          expect(Array.from(w.forward(s))).toEqual(Array.from(solveLowerInPlace(l, n, s.slice())));
          expect(Array.from(w.solve(s))).toEqual(Array.from(solveLowerTransposeInPlace(l, n, solveLowerInPlace(l, n, s.slice()))));
          expect(Array.from(w.transposeTimes(s))).toEqual(Array.from(lowerTransposeTimes(l, n, s)));
        }
        expect(() => w.forward(new Float64Array(n + 1))).toThrow(RangeError);
      }),
      { seed: 1807, numRuns: 80 },
    );
  });

  it('a dense metric of n ≥ 48 gives the same norms and solves as its JS operations', () => {
    const next = rng(5);
    const n = 64;
    const m = denseMetric(matrix(n, n, diagonallyDominantSpd(n, next)));
    if (!m.ok) throw new Error('test metric not SPD');
    const l = m.metric.factor!.l;
    const s = randomVector(n, next);
    const js = solveLowerInPlace(l, n, s.slice());
    expect(m.metric.dualNorm(s)).toBe(norm2(js));
    expect(m.metric.norm(s)).toBe(norm2(lowerTransposeTimes(l, n, s)));
    expect(Array.from(m.metric.solve(s))).toEqual(Array.from(solveLowerTransposeInPlace(l, n, js.slice())));
  });
});
