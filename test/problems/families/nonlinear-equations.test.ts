import { describe, expect, it } from 'vitest';
import { matTVec, matVec, matrix } from '../../../src/linalg/matrix.js';
import { symmetricRankK } from '../../../src/linalg/rank-k.js';
import { norm2, normInf } from '../../../src/linalg/vector.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { InstanceError } from '../../../src/problems/family.js';
import { chebyshevResidual } from '../../../src/problems/families/chebyshev-residual.js';
import { linearResidual } from '../../../src/problems/families/linear-residual.js';
import { nonlinearEquations } from '../../../src/problems/families/nonlinear-equations.js';
import { rosenbrockResidual } from '../../../src/problems/families/rosenbrock-residual.js';
import type { Oracle } from '../../../src/problems/oracle.js';
import { randomMatrix, randomVector, rng } from '../../support/random-matrices.js';
import { unit } from './family-checks.js';

describe('nonlinearEquations: f = (1/p)‖u‖^p', () => {
  it('∇²f = ‖u‖^(p−2)(JᵀJ + Σuᵢ∇²uᵢ) + (p−2)‖u‖^(p−4)(Jᵀu)(Jᵀu)ᵀ (spec §5.2(C)) for the Chebyshev residuals', () => {
    const next = rng(2);
    for (const p of [2, 2.5, 3, 4, 7]) {
      const n = 6;
      const res = chebyshevResidual(n);
      const o = nonlinearEquations(res, p);
      const x = randomVector(n, next);
      const u = res.value(x);
      const r = norm2(u);
      const j = res.jacobian(x);
      const q = matTVec(j, u);
      const expected = symmetricRankK(j);
      const curvature = res.weightedHessian(x, u);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) {
          const k = a * n + b;
          expected.data[k] = r ** (p - 2) * (expected.data[k] + curvature.data[k]) + (p - 2) * r ** (p - 4) * q[a] * q[b];
        }
      const h = o.hess(x);
      expect(normInf(h.data.map((e, k) => e - expected.data[k]))).toBeLessThanOrEqual(1e-13 * normInf(expected.data));
      expect(normInf(o.grad(x).map((g, i) => g - r ** (p - 2) * q[i]))).toBeLessThanOrEqual(1e-14 * r ** (p - 2) * normInf(q));
    }
  });

  it('the authors’ Hessian (Σuᵢ∇²uᵢ scaled by an extra p/‖u‖²) fails the derivative self-check that ours passes', () => {
    const next = rng(4);
    const n = 5;
    const p = 4;
    const res = chebyshevResidual(n);
    const o = nonlinearEquations(res, p);
    const x = randomVector(n, next);
    const v = unit(randomVector(n, next));
    const authors: Oracle = {
      ...o,
      hess(y) {
        const h = o.hess(y);
        const u = res.value(y);
        const r2 = norm2(u) ** 2;
        const extra = res.weightedHessian(y, u);
        for (let k = 0; k < h.data.length; k++) h.data[k] += (p / r2 - 1) * r2 ** ((p - 2) / 2) * extra.data[k];
        return h;
      },
      hvp(y, w) {
        return matVec(this.hess(y), w);
      },
    };
    delete (authors as { third?: unknown }).third;
    expect(checkDerivatives(o, x, v, {}, 0.1).ok).toBe(true);
    expect(checkDerivatives(authors, x, v, {}, 0.1).ok).toBe(false);
  });

  it('at a root u = 0: ∇²f = JᵀJ for p = 2 and 0 for p > 2; D³f[v, v] = 2Gv + Jᵀu″ for p = 2, 0 for p > 3, NaN for 2 < p ≤ 3', () => {
    const res = rosenbrockResidual(1.5, 10);
    const root = Float64Array.of(1.5, 2.25);
    const v = Float64Array.of(0.3, -0.7);
    const j = res.jacobian(root);
    const s = Math.sqrt(10);
    const p2 = nonlinearEquations(res, 2);
    expect(Array.from(p2.hess(root).data)).toEqual(Array.from(symmetricRankK(j).data));
    // ½‖u‖²: D³f[v, v] = 2·Σ(Jv)ᵢ∇²uᵢv + Jᵀ(D²u[v, v]) with ∇²u₂ = diag(−2√b, 0)
    const jv = matVec(j, v);
    const expected = matTVec(j, Float64Array.of(0, -2 * s * v[0] * v[0]));
    expected[0] += 2 * jv[1] * -2 * s * v[0];
    const third = p2.third(root, v);
    expect(normInf(third.map((t, i) => t - expected[i]))).toBeLessThanOrEqual(1e-13 * normInf(expected));
    for (const p of [2.5, 3, 4, 5]) {
      const o = nonlinearEquations(res, p);
      expect(Array.from(o.hess(root).data)).toEqual([0, 0, 0, 0]);
      expect(Array.from(o.hvp(root, v))).toEqual([0, 0]);
      expect(Array.from(o.grad(root))).toEqual([0, 0]);
      expect(o.f(root)).toBe(0);
      const t = Array.from(o.third(root, v));
      if (p > 3) expect(t).toEqual([0, 0]);
      else expect(t.every(Number.isNaN)).toBe(true);
    }
  });

  it('passes the derivative self-checks for every residual kind and p in {2, 2.5, 3, 3.5, 4, 6}', () => {
    const next = rng(8);
    for (const p of [2, 2.5, 3, 3.5, 4, 6]) {
      for (let t = 0; t < 5; t++) {
        const m = 1 + Math.floor(next() * 6);
        const n = 1 + Math.floor(next() * 6);
        const residuals = [linearResidual(randomMatrix(m, n, next), randomVector(m, next)), chebyshevResidual(n + 1), rosenbrockResidual(1, 10)];
        for (const res of residuals) {
          const o = nonlinearEquations(res, p);
          const x = randomVector(res.dim, next);
          const v = unit(randomVector(res.dim, next));
          const r = norm2(res.value(x));
          const jv = norm2(matVec(res.jacobian(x), v));
          const report = checkDerivatives(o, x, v, {}, jv > 0 ? Math.min(0.5, (0.25 * r) / jv) : 0.5);
          expect(report.failures, `${res.kind} p=${p} m=${m} n=${n} ${JSON.stringify(report.orders)}`).toEqual([]);
        }
      }
    }
  });

  it('rejects p < 2 and non-finite p with an InstanceError on p', () => {
    for (const p of [1.5, -1, NaN, Infinity]) {
      expect(() => nonlinearEquations(chebyshevResidual(3), p)).toThrow(InstanceError);
      try {
        nonlinearEquations(chebyshevResidual(3), p);
      } catch (e) {
        expect((e as InstanceError).field).toBe('p');
      }
    }
    expect(() => nonlinearEquations(linearResidual(matrix(2, 2, Float64Array.of(1, 0, 0, 1)), Float64Array.of(1, 2)), 2)).not.toThrow();
  });
});
