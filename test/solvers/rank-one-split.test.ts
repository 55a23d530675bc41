import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { type Matrix, matrix, matVec } from '../../src/linalg/matrix.js';
import { dot, norm2 } from '../../src/linalg/vector.js';
import { backendMetric } from '../../src/solvers/metric-spec.js';
import { backendHessian, regularizedStep, SHERMAN_MORRISON_CONDITION_LIMIT } from '../../src/solvers/regularized-step.js';
import { diagonallyDominantSpd, randomVector, rng } from '../support/random-matrices.js';

/**
 * The rank-one step beyond SHERMAN_MORRISON_CONDITION_LIMIT (docs/theory.md#rank-one-step): the
 * B-orthogonal split is backward stable — ‖(αvvᵀ + λB)h + g‖ ≤ c·n·u·(‖g‖ + (λ‖B‖ + α‖v‖²)‖h‖) with
 * c = 16 — for X/λ = α⟨v, B⁻¹v⟩/λ from 10⁶ to 10¹⁴, where Sherman–Morrison's residual grows like
 * u·‖g‖·X/λ (shown failing the same bound, so that the test can tell the two apart).
 */

const u = 2 ** -53;
const cpu = cpuBackend();

function residualRatio(b: Matrix, alpha: number, v: Float64Array, lambda: number, g: Float64Array, h: Float64Array): number {
  const n = g.length;
  const bh = matVec(b, h);
  const vh = dot(v, h);
  const r = g.map((gi, i) => gi + lambda * bh[i] + alpha * vh * v[i]);
  let normB = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(b.data[i * n + j]);
    normB = Math.max(normB, row);
  }
  const scale = norm2(g) + (lambda * normB + alpha * dot(v, v)) * norm2(h);
  return norm2(r) / (16 * n * u * scale);
}

/** Sherman–Morrison as the solver computes it below the limit: h = −(B⁻¹g − c·B⁻¹v)/λ. */
function shermanMorrison(solve: (s: Float64Array) => Float64Array, alpha: number, v: Float64Array, lambda: number, g: Float64Array): Float64Array {
  const bg = solve(g);
  const bv = solve(v);
  const c = (alpha * dot(v, bg)) / (lambda + alpha * dot(v, bv));
  return bg.map((x, i) => -(x - c * bv[i]) / lambda);
}

describe('rank-one step: the B-orthogonal split beyond the Sherman–Morrison limit', () => {
  it('is backward stable for X/λ ∈ [1e6, 1e14], g generic or parallel to v; Sherman–Morrison is not', () => {
    let smWorst = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 6.5, max: 14, noNaN: true }), fc.boolean(), (n, seed, logRatio, parallel) => {
        const next = rng(seed);
        const b = matrix(n, n, diagonallyDominantSpd(n, next));
        const m = backendMetric(cpu, { kind: 'dense', B: b }, n);
        if (!m.ok) throw new Error('test metric not SPD');
        const v = randomVector(n, next);
        const alpha = 0.5 + next();
        const g = parallel ? v.map((x) => 3 * x) : randomVector(n, next);
        const X = alpha * dot(v, m.metric.solve(v));
        const lambda = X / 10 ** logRatio;
        expect(X / lambda).toBeGreaterThan(SHERMAN_MORRISON_CONDITION_LIMIT);
        const step = regularizedStep(cpu, backendHessian(cpu, { kind: 'rank-one', alpha, v }), lambda, m.metric, g);
        if (!step.ok) throw new Error('rank-one step failed');
        expect(residualRatio(b, alpha, v, lambda, g, step.h)).toBeLessThanOrEqual(1);
        smWorst = Math.max(smWorst, residualRatio(b, alpha, v, lambda, g, shermanMorrison((s) => m.metric.solve(s), alpha, v, lambda, g)));
      }),
      { seed: 1806, numRuns: 200 },
    );
    expect(smWorst).toBeGreaterThan(1);
  });
});
