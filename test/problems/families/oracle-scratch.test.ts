import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/linalg/matrix.js';
import { holderPowerPiece } from '../../../src/problems/families/holder-power-sum.js';
import { logisticRegression } from '../../../src/problems/families/logistic.js';
import { separableSumOracle } from '../../../src/problems/families/separable-sum.js';
import type { Oracle } from '../../../src/problems/oracle.js';
import { randomMatrix, randomVector, rng } from '../../support/random-matrices.js';

type Call = (o: Oracle) => Float64Array | Matrix | number;

/** ∇f, ∇²f·v, D³f[v, v] and f of Σᵢ cᵢ(⟨aᵢ, x⟩) + ½ρ‖x‖² summed row by row from the scalar pieces cᵢ, c′ᵢ, c″ᵢ, c‴ᵢ */
interface RowPieces {
  readonly a: Matrix;
  readonly rho: number;
  piece(i: number, t: number): [number, number, number, number];
}

/** the oracle's values from their definitions, with the magnitude of their summands (for a rounding tolerance) */
function reference(p: RowPieces, x: Float64Array, v: Float64Array) {
  const { rows: m, cols: n, data } = p.a;
  const [grad, hvp, third, scale] = [0, 1, 2, 3].map(() => new Float64Array(n));
  let f = 0.5 * p.rho * x.reduce((s, t) => s + t * t, 0);
  for (let i = 0; i < m; i++) {
    const row = data.subarray(i * n, (i + 1) * n);
    const t = row.reduce((s, aij, j) => s + aij * x[j], 0);
    const av = row.reduce((s, aij, j) => s + aij * v[j], 0);
    const [c0, c1, c2, c3] = p.piece(i, t);
    f += c0;
    for (let j = 0; j < n; j++) {
      grad[j] += c1 * row[j];
      hvp[j] += c2 * av * row[j];
      third[j] += c3 * av * av * row[j];
      scale[j] += (Math.abs(c1) + Math.abs(c2 * av) + Math.abs(c3 * av * av)) * Math.abs(row[j]);
    }
  }
  for (let j = 0; j < n; j++) {
    grad[j] += p.rho * x[j];
    hvp[j] += p.rho * v[j];
  }
  return { f, grad, hvp, third, scale };
}

/** the oracle's ∇f, ∇²f·v, D³f[v, v] and f agree with their definitions within rounding */
function expectDefinitions(o: Oracle, p: RowPieces, x: Float64Array, v: Float64Array): void {
  const r = reference(p, x, v);
  const near = (got: Float64Array, want: Float64Array) => got.forEach((g, j) => expect(Math.abs(g - want[j])).toBeLessThanOrEqual(1e-12 * (r.scale[j] + Math.abs(want[j]) + 1)));
  near(o.grad(x), r.grad);
  near(o.hvp(x, v), r.hvp);
  near(o.third!(x, v), r.third);
  expect(Math.abs(o.f(x) - r.f)).toBeLessThanOrEqual(1e-12 * (Math.abs(r.f) + 1));
}

/**
 * The oracles that keep scratch vectors between calls (Ax − b, Av, the margins) must give every call
 * the bits a fresh oracle gives it, and must not touch what an earlier call returned.
 */
function expectCallsIndependent(make: () => Oracle, n: number, seed: number): void {
  const next = rng(seed);
  const [x1, x2, v] = [randomVector(n, next), randomVector(n, next), randomVector(n, next)];
  const calls: Call[] = [
    (o) => o.grad(x1),
    (o) => o.hvp(x2, v),
    (o) => o.third?.(x1, v) ?? NaN,
    (o) => o.f(x2),
    (o) => o.hess(x1),
    (o) => o.grad(x2),
    (o) => o.hvp(x1, x2),
  ];
  const copy = (r: Float64Array | Matrix | number) => (typeof r === 'number' ? r : 'data' in r ? r.data.slice() : r.slice());
  const used = make();
  const results = calls.map((call) => call(used));
  const taken = results.map(copy);
  for (let k = 0; k < calls.length; k++) {
    expect(copy(calls[k](make()))).toEqual(taken[k]);
    // an earlier result is the caller's: later calls leave it as it was returned
    expect(copy(results[k])).toEqual(taken[k]);
  }
}

describe('oracles with scratch vectors: each call right, and independent of the ones before it', () => {
  // 12×3 runs the products in JS, 120×5 in wasm (WASM_PRODUCTS_MIN_ENTRIES)
  for (const [m, n] of [
    [12, 3],
    [120, 5],
  ]) {
    it(`separable sums ψ(Ax − b), A ${m}×${n}`, () => {
      const next = rng(m);
      const data = { a: randomMatrix(m, n, next), b: randomVector(m, next), w: randomVector(m, next).map((t) => 1 + t * t) };
      const psi = holderPowerPiece(0.5, 'abs');
      expectCallsIndependent(() => separableSumOracle(data, psi), n, 7);
      const pieces: RowPieces = {
        a: data.a,
        rho: 0,
        piece: (i, t) => [psi.value, psi.d1, psi.d2, psi.d3].map((d) => data.w[i] * d(t - data.b[i])) as [number, number, number, number],
      };
      expectDefinitions(separableSumOracle(data, psi), pieces, randomVector(n, next), randomVector(n, next));
    });

    it(`logistic regression, features ${m}×${n}`, () => {
      const next = rng(m + 1);
      const data = { features: randomMatrix(m, n, next), labels: randomVector(m, next).map((t) => (t < 0 ? -1 : 1)), rho: 0.01 };
      expectCallsIndependent(() => logisticRegression(data), n, 8);
      // ℓ(t) = log(1 + e^{−yt})/N: ℓ′ = −yσ(−yt)/N, ℓ″ = σσ(−)/N, ℓ‴ = −yσσ(−)·tanh(yt/2)/N
      const sigma = (t: number) => 1 / (1 + Math.exp(-t));
      const pieces: RowPieces = {
        a: data.features,
        rho: data.rho,
        piece: (i, t) => {
          const [y, z] = [data.labels[i], data.labels[i] * t];
          const s2 = sigma(z) * sigma(-z);
          return [Math.log1p(Math.exp(-z)) / m, (-y * sigma(-z)) / m, s2 / m, (-y * s2 * Math.tanh(z / 2)) / m];
        },
      };
      expectDefinitions(logisticRegression(data), pieces, randomVector(n, next), randomVector(n, next));
    });
  }
});
