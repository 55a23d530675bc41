import { describe, expect, it } from 'vitest';
import { solveSpd } from '../../src/linalg/cholesky.js';
import { type Matrix, matMul, matrix, matVec, transpose } from '../../src/linalg/matrix.js';
import { norm2 } from '../../src/linalg/vector.js';
import { curvatureMatrix, curvatureRows, kfacFactors } from '../../src/problems/curvature.js';
import { denseNetworkModel } from '../../src/problems/dense-network.js';
import { allRows } from '../../src/problems/supervised-model.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { kroneckerEigenbasis, kroneckerSolve, splitDampedSolve } from '../../src/solvers/kronecker-solve.js';
import { lazyInverseApply, lazyInverseTolerance } from '../../src/solvers/lazy-inverse.js';
import { newtonSchulzInverse, residualMatrix } from '../../src/solvers/newton-schulz.js';
import { pushThroughSolve } from '../../src/solvers/push-through.js';

const randomVector = (n: number, next: () => number): Float64Array => Float64Array.from({ length: n }, () => gaussian(next));
const randomMatrix = (r: number, c: number, next: () => number): Matrix => matrix(r, c, randomVector(r * c, next));
const relativeError = (a: Float64Array, b: Float64Array): number => norm2(a.map((v, i) => v - b[i])) / norm2(b);
/** a solve that must have succeeded */
function solved(x: Float64Array | null): Float64Array {
  expect(x).not.toBeNull();
  return x as Float64Array;
}

/** Q·diag(e)·Qᵀ with eigenvalues geometric in [lo, hi] (Q from Gram–Schmidt of a Gaussian matrix) */
function spdMatrix(n: number, lo: number, hi: number, next: () => number): Matrix {
  const q = randomMatrix(n, n, next);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q.data[i * n + j] * q.data[i * n + p];
      for (let i = 0; i < n; i++) q.data[i * n + j] -= d * q.data[i * n + p];
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q.data[i * n + j] ** 2;
    for (let i = 0; i < n; i++) q.data[i * n + j] /= Math.sqrt(s);
  }
  const scaled = matrix(n, n, q.data.slice());
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled.data[i * n + j] *= lo * (hi / lo) ** (j / (n - 1));
  return matMul(scaled, transpose(q));
}

function shifted(a: Matrix, mu: number): Matrix {
  const out = matrix(a.rows, a.cols, a.data.slice());
  for (let i = 0; i < a.rows; i++) out.data[i * a.cols + i] += mu;
  return out;
}

function solveDense(a: Matrix, b: Float64Array): Float64Array {
  const r = solveSpd(a, b);
  if (!r.ok) throw new Error('not SPD');
  return r.x;
}

/** a tanh MLP 3 → 5 → 4 with biases on softmax cross-entropy, N rows, its weights x */
function mlp(rows: number, seed: number) {
  const next = rng(seed);
  const model = denseNetworkModel({
    features: randomMatrix(rows, 3, next),
    labels: Float64Array.from({ length: rows }, () => Math.floor(next() * 4)),
    loss: 'softmax-cross-entropy',
    l2: 0,
    layers: [
      { outputs: 5, bias: true, activation: 'tanh' },
      { outputs: 4, bias: true, activation: 'identity' },
    ],
  });
  return { model, x: randomVector(model.dim, next) };
}

describe('push-through (Kalman) form of the damped curvature solve', () => {
  it('equals the dense solve (C + μI)⁻¹q to ~1e-15 relative (docs/theory.md#natural-gradient-methods)', () => {
    let worst = 0;
    for (const seed of [1, 2, 3]) {
      const { model, x } = mlp(6, seed);
      const rows = allRows(model);
      const batch = { kind: 'ggn' as const, rows, labels: null };
      const q = randomVector(model.dim, rng(seed + 100));
      for (const mu of [1, 0.1]) {
        const dense = solveDense(shifted(curvatureMatrix(model, x, batch), mu), q);
        const push = pushThroughSolve(curvatureRows(model, x, batch), rows.length, mu, q);
        worst = Math.max(worst, relativeError(push as Float64Array, dense));
      }
    }
    // both solves are backward stable on systems with κ ≤ 1 + ‖C‖/μ ≈ 10: errors of a few u each (measured 7.3e-16; [V]: 3e-15)
    expect(worst).toBeLessThan(1e-14);
  });
});

describe('Newton–Schulz inverse', () => {
  it('converges quadratically from Aᵀ/(‖A‖₁‖A‖_∞): e_{j+1} ≤ e_j² above rounding, and warm-starts from a near inverse', () => {
    const a = spdMatrix(20, 0.01, 1, rng(7));
    const ns = newtonSchulzInverse(a, { previous: null, tolerance: 1e-13, maxIterations: 100 });
    expect(ns.warmStart).toBe(false);
    expect(ns.residual).toBeLessThan(1e-12);
    const e = ns.residuals;
    let checked = 0;
    for (let j = 0; j + 1 < e.length; j++) {
      // I − AX_{j+1} = (I − AX_j)², ‖R²‖_F ≤ ‖R‖_F²; past 1e-10 the residual is at its rounding floor
      if (e[j] < 1 && e[j + 1] > 1e-10) {
        expect(e[j + 1] / e[j] ** 2).toBeLessThanOrEqual(1 + 1e-6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    const nearby = shifted(a, 1e-4);
    const warm = newtonSchulzInverse(nearby, { previous: ns.inverse, tolerance: 1e-13, maxIterations: 100 });
    expect(warm.warmStart).toBe(true);
    expect(warm.residuals.length).toBeLessThan(e.length);
    const r = residualMatrix(nearby, warm.inverse);
    expect(Math.max(...r.data.map(Math.abs))).toBeLessThan(1e-12);
  });
});

describe('lazy inverse with the first-order correction', () => {
  it('has error O((μ − μ₀)²): slope 2 in log–log (1 without the correction), within its promised tolerance', () => {
    const a = spdMatrix(12, 0.05, 2, rng(11));
    const q = randomVector(12, rng(12));
    const mu0 = 0.5;
    const inverse = matrix(12, 12);
    for (let j = 0; j < 12; j++) {
      const e = new Float64Array(12);
      e[j] = 1;
      const col = solveDense(shifted(a, mu0), e);
      for (let i = 0; i < 12; i++) inverse.data[i * 12 + j] = col[i];
    }
    const shifts = [1e-1, 3e-2, 1e-2, 3e-3, 1e-3];
    const errors = shifts.map((d) => relativeError(lazyInverseApply(inverse, mu0, mu0 + d, q), solveDense(shifted(a, mu0 + d), q)));
    const stale = shifts.map((d) => relativeError(matVec(inverse, q), solveDense(shifted(a, mu0 + d), q)));
    for (let i = 0; i + 1 < shifts.length; i++) {
      const slope = Math.log(errors[i] / errors[i + 1]) / Math.log(shifts[i] / shifts[i + 1]);
      expect(Math.abs(slope - 2)).toBeLessThan(0.1);
      const staleSlope = Math.log(stale[i] / stale[i + 1]) / Math.log(shifts[i] / shifts[i + 1]);
      expect(Math.abs(staleSlope - 1)).toBeLessThan(0.1);
    }
    for (const d of shifts) {
      const delta = lazyInverseApply(inverse, mu0, mu0 + d, q);
      const residual = matVec(shifted(a, mu0 + d), delta).map((v, i) => v - q[i]);
      expect(norm2(residual) / norm2(q)).toBeLessThanOrEqual(lazyInverseTolerance(1 / mu0, mu0, mu0 + d) * (1 + 1e-6) + 1e-14);
    }
  });
});

describe('K-FAC in the Kronecker eigenbasis', () => {
  /** a linear softmax layer (k outputs, d inputs + bias) on one row: its GGN is Γ ⊗ Λ exactly */
  function softmaxOnOneRow(k: number, d: number, seed: number) {
    const next = rng(seed);
    const model = denseNetworkModel({
      features: randomMatrix(1, d, next),
      labels: Float64Array.of(1),
      loss: 'softmax-cross-entropy',
      l2: 0,
      layers: [{ outputs: k, bias: true, activation: 'identity' }],
    });
    return { model, x: randomVector(model.dim, next), g: randomVector(model.dim, next) };
  }

  it('C = Γ ⊗ Λ for a linear layer on one input, and the eigen-solve of (Γ ⊗ Λ + μI)δ = g matches the dense solve to 1e-10', () => {
    for (const [k, d, seed] of [[3, 4, 1], [4, 2, 2], [2, 5, 3]]) {
      const { model, x, g } = softmaxOnOneRow(k, d, seed);
      const batch = { kind: 'ggn' as const, rows: allRows(model), labels: null };
      const c = curvatureMatrix(model, x, batch);
      const [{ gamma, lambda }] = kfacFactors(model, x, batch);
      const inputs = d + 1;
      for (let o = 0; o < k; o++)
        for (let j = 0; j < inputs; j++)
          for (let o2 = 0; o2 < k; o2++)
            for (let j2 = 0; j2 < inputs; j2++) expect(Math.abs(c.data[(o * inputs + j) * model.dim + o2 * inputs + j2] - gamma.data[o * k + o2] * lambda.data[j * inputs + j2])).toBeLessThan(1e-14);
      const basis = kroneckerEigenbasis(gamma, lambda);
      for (const mu of [1e-3, 0.1, 1]) {
        const dense = solveDense(shifted(c, mu), g);
        expect(relativeError(solved(kroneckerSolve(basis, g, mu)), dense)).toBeLessThan(1e-10);
        // the π-split is an approximation of (Γ ⊗ Λ + μI)⁻¹: finite, not asserted equal
        expect(Number.isFinite(relativeError(solved(splitDampedSolve(basis, g, mu)), dense))).toBe(true);
      }
      // the factors on the wrong sides (the block read as inputs × outputs) solve another system
      const transposed = kroneckerEigenbasis(lambda, gamma);
      expect(relativeError(solved(kroneckerSolve(transposed, g, 0.1)), solveDense(shifted(c, 0.1), g))).toBeGreaterThan(1e-3);
    }
  });

  it('π = √((tr Λ/dim Λ)/(tr Γ/dim Γ)) and the split equals (Γ + (√μ/π)I)⁻¹G(Λ + π√μI)⁻¹', () => {
    const next = rng(5);
    const gamma = spdMatrix(3, 0.1, 2, next);
    const lambda = spdMatrix(4, 0.5, 5, next);
    const basis = kroneckerEigenbasis(gamma, lambda);
    const tr = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => m.data[i * m.rows + i]).reduce((s, v) => s + v, 0);
    expect(basis.split).toBeCloseTo(Math.sqrt(tr(lambda) / 4 / (tr(gamma) / 3)), 14);
    const g = randomVector(12, next);
    const mu = 0.3;
    const root = Math.sqrt(mu);
    const leftInverse = (b: Float64Array) => solveDense(shifted(gamma, root / basis.split), b);
    const rightInverse = (b: Float64Array) => solveDense(shifted(lambda, basis.split * root), b);
    // (Γ + aI)⁻¹·G·(Λ + bI)⁻¹: rows through the right factor, then columns through the left
    const afterRight = matrix(3, 4);
    for (let o = 0; o < 3; o++) afterRight.data.set(rightInverse(g.subarray(o * 4, o * 4 + 4)), o * 4);
    const expected = matrix(3, 4);
    for (let j = 0; j < 4; j++) {
      const col = leftInverse(Float64Array.from({ length: 3 }, (_, o) => afterRight.data[o * 4 + j]));
      for (let o = 0; o < 3; o++) expected.data[o * 4 + j] = col[o];
    }
    expect(relativeError(solved(splitDampedSolve(basis, g, mu)), expected.data)).toBeLessThan(1e-12);
  });

  it('a singular damped system (a zero eigenvalue of a factor and μ = 0) is a failed solve: null, not a division by zero', () => {
    const next = rng(8);
    const singular = matrix(2, 2, Float64Array.of(1, 0, 0, 0));
    const basis = kroneckerEigenbasis(spdMatrix(3, 0.5, 2, next), singular);
    const g = randomVector(6, next);
    expect(kroneckerSolve(basis, g, 0)).toBeNull();
    expect(splitDampedSolve(basis, g, 0)).toBeNull();
    expect(solved(kroneckerSolve(basis, g, 1e-3)).every(Number.isFinite)).toBe(true);
    expect(solved(splitDampedSolve(basis, g, 1e-3)).every(Number.isFinite)).toBe(true);
  });
});
