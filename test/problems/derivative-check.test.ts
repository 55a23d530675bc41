import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/linalg/matrix.js';
import { checkDerivatives, gradientRemainderOrder, hessianRemainderOrder } from '../../src/problems/derivative-check.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { randomVector, rng } from '../support/random-matrices.js';

/** f(x) = Σ exp(xᵢ) + x₀²·x₁: smooth, with every derivative known in closed form. */
function smooth(n: number): Oracle {
  return {
    dim: n,
    f: (x) => x.reduce((s, v) => s + Math.exp(v), 0) + (n > 1 ? x[0] * x[0] * x[1] : 0),
    grad: (x) => {
      const g = Float64Array.from(x, Math.exp);
      if (n > 1) {
        g[0] += 2 * x[0] * x[1];
        g[1] += x[0] * x[0];
      }
      return g;
    },
    hess: (x) => {
      const h = matrix(n, n);
      for (let i = 0; i < n; i++) h.data[i * n + i] = Math.exp(x[i]);
      if (n > 1) {
        h.data[0] += 2 * x[1];
        h.data[1] += 2 * x[0];
        h.data[n] += 2 * x[0];
      }
      return h;
    },
    hvp(x, v) {
      const h = this.hess(x);
      return Float64Array.from({ length: n }, (_, i) => h.data.subarray(i * n, (i + 1) * n).reduce((s, hij, j) => s + hij * v[j], 0));
    },
    third: (x, v) => {
      const t = Float64Array.from(x, (xi, i) => Math.exp(xi) * v[i] * v[i]);
      if (n > 1) {
        // D³(x₀²x₁)[v,v,w] = 2(2v₀v₁w₀ + v₀²w₁)
        t[0] += 4 * v[0] * v[1];
        t[1] += 2 * v[0] * v[0];
      }
      return t;
    },
  };
}

function perturbed(o: Oracle, part: 'grad' | 'hess' | 'third'): Oracle {
  if (part === 'grad') return { ...o, grad: (x) => { const g = o.grad(x); g[0] *= 1.01; return g; } };
  if (part === 'hess') return { ...o, hess: (x) => { const h = o.hess(x); h.data[0] *= 1.01; return h; }, hvp: (x, v) => { const r = o.hvp(x, v); r[0] += 0.01 * o.hess(x).data[0] * v[0]; return r; } };
  return { ...o, third: (x, v) => { const t = o.third!(x, v); t[0] *= 1.01; return t; } };
}

const cases = fc.record({ n: fc.integer({ min: 1, max: 6 }), seed: fc.integer() });

describe('derivative self-checks', () => {
  it('pass on a correct oracle', () => {
    fc.assert(
      fc.property(cases, ({ n, seed }) => {
        const next = rng(seed);
        const report = checkDerivatives(smooth(n), randomVector(n, next), randomVector(n, next), {}, 0.5);
        return report.ok;
      }),
      { seed: 1, numRuns: 100 },
    );
  });

  it.each(['grad', 'hess', 'third'] as const)('catch a deliberately wrong %s', (part) => {
    fc.assert(
      fc.property(cases, ({ n, seed }) => {
        const next = rng(seed);
        const x = randomVector(n, next);
        const v = Float64Array.from(randomVector(n, next), (vi, i) => (i === 0 ? 1 + Math.abs(vi) : vi));
        return !checkDerivatives(perturbed(smooth(n), part), x, v, {}, 0.5).ok;
      }),
      { seed: 2, numRuns: 50 },
    );
  });

  it('reads the orders 2 and 1 + ν off |x|^{2+ν}, and "exact" off a quadratic', () => {
    const nu = 0.5;
    const holder: Oracle = {
      dim: 1,
      f: (x) => Math.abs(x[0]) ** (2 + nu) / ((1 + nu) * (2 + nu)),
      grad: (x) => Float64Array.of((Math.sign(x[0]) * Math.abs(x[0]) ** (1 + nu)) / (1 + nu)),
      hess: (x) => matrix(1, 1, Float64Array.of(Math.abs(x[0]) ** nu)),
      hvp: (x, v) => Float64Array.of(Math.abs(x[0]) ** nu * v[0]),
    };
    const at0 = hessianRemainderOrder(holder, Float64Array.of(0), Float64Array.of(1));
    expect(at0.order).toBeCloseTo(1 + nu, 1);
    expect(gradientRemainderOrder(holder, Float64Array.of(0), Float64Array.of(1)).order).toBeCloseTo(2 + nu, 1);
    expect(checkDerivatives(holder, Float64Array.of(0), Float64Array.of(1), { hessianOrder: 1 + nu }).ok).toBe(true);
    expect(checkDerivatives(holder, Float64Array.of(0), Float64Array.of(1)).ok).toBe(false);
    const quad: Oracle = {
      dim: 1,
      f: (x) => 1.5 * x[0] * x[0],
      grad: (x) => Float64Array.of(3 * x[0]),
      hess: () => matrix(1, 1, Float64Array.of(3)),
      hvp: (_, v) => Float64Array.of(3 * v[0]),
    };
    expect(hessianRemainderOrder(quad, Float64Array.of(0.3), Float64Array.of(1)).order).toBe('exact');
    expect(checkDerivatives(quad, Float64Array.of(0.3), Float64Array.of(1)).ok).toBe(true);
  });
});
