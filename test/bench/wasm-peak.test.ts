import { describe, expect, it } from 'vitest';
import { CHAINS, peakLoop, wasmPeakGflops } from '../../bench/wasm-peak.js';
import { relaxedSimdSupported, wasmSimdSupported } from '../../src/linalg/wasm/linalg-module.js';

/** Σᵢ of acc_i after k updates acc ← acc·b + c from acc_i = i/CHAINS, in JS (two roundings per update) */
function expected(k: number): number {
  let sum = 0;
  for (let i = 1; i <= CHAINS; i++) {
    let acc = i / CHAINS;
    for (let j = 0; j < k; j++) acc = acc * 0.999999 + 1e-7;
    sum = i === 1 ? acc : sum + acc;
  }
  return sum;
}

describe('the packed-double peak probe (bench/wasm-peak.ts)', () => {
  for (const build of ['simd', 'fma'] as const) {
    const available = wasmSimdSupported() && (build === 'simd' || relaxedSimdSupported());
    it.runIf(available)(`${build}: the module computes ${CHAINS} chains of acc·b + c for the iterations asked`, () => {
      const peak = peakLoop(build)!;
      for (const k of [1, 2, 7]) {
        const got = peak(k);
        // the plain build rounds as JS does; the fused one differs from it by rounding only
        if (build === 'simd') expect(got).toBe(expected(k));
        else expect(Math.abs(got - expected(k))).toBeLessThanOrEqual(1e-14 * expected(k));
      }
    });
    it.runIf(available)(`${build}: the measured peak is a finite positive rate`, () => {
      const g = wasmPeakGflops(build);
      expect(g).not.toBeNull();
      expect(g!).toBeGreaterThan(0);
      expect(Number.isFinite(g!)).toBe(true);
    });
  }
});
