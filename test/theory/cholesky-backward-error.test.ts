import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { matrix, matVec } from '../../src/linalg/matrix.js';
import { metricOf } from '../../src/problems/metric.js';
import { rng } from '../../src/random/prng.js';
import { choleskyResidualBound } from '../../src/theory/cholesky-backward-error.js';

const U = 2 ** -53;

/** A random symmetric PSD H = GᵀDG with eigenvalues spread over `decades`, one of them 0 when `singular`. */
function psd(n: number, seed: number, decades: number, singular: boolean) {
  const next = rng(seed);
  const g = matrix(n, n, Float64Array.from({ length: n * n }, () => next() - 0.5));
  const d = Float64Array.from({ length: n }, (_, i) => (singular && i === 0 ? 0 : 10 ** (-decades * next())));
  const h = matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) h.data[i * n + j] += g.data[k * n + i] * d[k] * g.data[k * n + j];
  return h;
}

function worstRatio(n: number, seed: number, lambda: number, metricKind: 'identity' | 'gram', perturb = 0): number {
  const next = rng(seed + 1);
  const H = psd(n, seed, 8, true);
  const spec = metricKind === 'identity' ? ({ kind: 'identity' } as const) : ({ kind: 'dense', B: psd(n, seed + 7, 6, false) } as const);
  const metric = metricOf(spec, n);
  const g = Float64Array.from({ length: n }, () => next() - 0.5);
  const f = cholesky(metric.shifted(H, lambda));
  if (!f.ok) return NaN;
  const h = choleskySolve(f.factor, g.map((v) => -v)).map((v, i) => (i === 0 ? v * (1 + perturb) : v));
  const res = matVec(H, h).map((v, i) => v + lambda * metric.apply(h)[i] + g[i]);
  const bound = choleskyResidualBound(H, lambda, metric, h, g, U)!;
  return Math.max(...Array.from(res, (v, i) => Math.abs(v) / bound[i]));
}

describe('choleskyResidualBound', () => {
  it('bounds the residual of the float64 Cholesky solve of (H + λB)h = −g entry by entry, also for a singular H and λ down to 1e-12', () => {
    let worst = 0;
    for (let seed = 1; seed <= 40; seed++) {
      for (const lambda of [1, 1e-4, 1e-8, 1e-12]) {
        for (const m of ['identity', 'gram'] as const) {
          const r = worstRatio(2 + (seed % 11), seed, lambda, m);
          if (Number.isNaN(r)) continue;
          worst = Math.max(worst, r);
        }
      }
    }
    console.log(`worst |res_i|/bound_i over 320 systems: ${worst.toExponential(3)}`);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('a step off by 1e-8 relative in one entry exceeds it', () => {
    expect(worstRatio(6, 3, 1e-2, 'identity', 1e-8)).toBeGreaterThan(1);
    expect(worstRatio(6, 3, 1e-2, 'gram', 1e-8)).toBeGreaterThan(1);
  });

  it('returns null when fl(H + λB) is not positive definite', () => {
    const H = matrix(2, 2, Float64Array.of(-1, 0, 0, 1));
    expect(choleskyResidualBound(H, 1e-3, metricOf({ kind: 'identity' }, 2), Float64Array.of(1, 1), Float64Array.of(1, 1), U)).toBeNull();
  });
});
