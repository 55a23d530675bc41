import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalBackend } from '../../src/backends/decimal/backend.js';
import { FLOAT64_UNIT_ROUNDOFF } from '../../src/linalg/cholesky.js';
import { fromRows, identity, matMul, matVec, transpose } from '../../src/linalg/matrix.js';
import { denseMetric, identityMetric, metricMinEigenvalue, metricOperatorNorm, metricQuadraticForm } from '../../src/linalg/metric.js';
import { solveLowerInPlace } from '../../src/linalg/triangular.js';
import { norm2 } from '../../src/linalg/vector.js';
import { buildSpd, randomMatrix, randomVector, rng, spdCase } from '../support/random-matrices.js';

const u = FLOAT64_UNIT_ROUNDOFF;
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);

function metricOf(b: ReturnType<typeof buildSpd>) {
  const r = denseMetric(b);
  if (!r.ok) throw new Error('test metric is not SPD');
  return r.metric;
}

describe('metric norms', () => {
  it('‖h‖ and ‖s‖_* agree with the 40-digit decimal backend within n·κ(B)·u', () => {
    const dec = decimalBackend();
    fc.assert(
      fc.property(spdCase(24, 8), fc.integer(), (c, seed) => {
        const b = buildSpd(c);
        const next = rng(seed);
        const h = randomVector(c.n, next);
        const m = metricOf(b);
        const dm = dec.metric(dec.matrix(b));
        if (!dm.ok) return false;
        const tol = 8 * (c.n + 1) * 10 ** c.logCond * u;
        return (
          rel(m.dualNorm(h), dm.metric.dualNorm(dec.vector(h))) <= tol &&
          rel(m.norm(h), dm.metric.norm(dec.vector(h))) <= 8 * (c.n + 1) * u
        );
      }),
      { seed: 23, numRuns: 40 },
    );
  });

  it('apply, solve and the norms are consistent: ‖h‖² = ⟨Bh,h⟩, ‖Bh‖_* = ‖h‖, B⁻¹Bh = h', () => {
    fc.assert(
      fc.property(spdCase(40, 6), fc.integer(), (c, seed) => {
        const b = buildSpd(c);
        const h = randomVector(c.n, rng(seed));
        const m = metricOf(b);
        const bh = m.apply(h);
        const back = m.solve(bh);
        const err = norm2(Float64Array.from(back, (v, i) => v - h[i])) / norm2(h);
        const tol = 16 * (c.n + 1) * 10 ** c.logCond * u;
        return (
          rel(m.norm(h) ** 2, metricQuadraticForm(b, h)) <= 16 * (c.n + 1) * u &&
          rel(m.dualNorm(bh), m.norm(h)) <= tol &&
          err <= tol &&
          rel(norm2(bh), norm2(matVec(b, h))) <= 16 * (c.n + 1) * u
        );
      }),
      { seed: 29, numRuns: 100 },
    );
  });

  it('norms in any order of calls are those of fresh vectors, bit for bit, and leave their argument as it was', () => {
    // JS path (n below the wasm threshold): one scratch vector serves every call
    fc.assert(
      fc.property(spdCase(40, 6), fc.integer(), fc.array(fc.boolean(), { minLength: 2, maxLength: 8 }), (c, seed, order) => {
        const m = metricOf(buildSpd(c));
        const l = m.factor!.l;
        const next = rng(seed);
        return order.every((dual) => {
          const v = randomVector(c.n, next);
          const before = v.slice();
          const got = dual ? m.dualNorm(v) : m.norm(v);
          const lt = new Float64Array(c.n);
          for (let i = 0; i < c.n; i++) for (let k = 0; k <= i; k++) if (v[i] !== 0) lt[k] += l[i * c.n + k] * v[i];
          const want = dual ? norm2(solveLowerInPlace(l, c.n, v.slice())) : norm2(lt);
          return Object.is(got, want) && v.every((x, i) => Object.is(x, before[i]));
        });
      }),
      { seed: 31, numRuns: 100 },
    );
  });

  it('the identity metric is the Euclidean norm and shifts the diagonal', () => {
    const m = identityMetric(3);
    const h = Float64Array.of(3, 0, 4);
    expect(m.norm(h)).toBe(5);
    expect(m.dualNorm(h)).toBe(5);
    expect(Array.from(m.shifted(identity(3), 2).data)).toEqual([3, 0, 0, 0, 3, 0, 0, 0, 3]);
    expect(m.factor).toBeNull();
  });

  it('an indefinite B is reported, not factored', () => {
    expect(denseMetric(fromRows([[1, 2], [2, 1]]))).toMatchObject({ ok: false, reason: 'not-positive-definite', pivot: 1 });
  });

  it('‖E‖_B and λ_min relative to B agree with the decimal backend', () => {
    const dec = decimalBackend();
    fc.assert(
      fc.property(spdCase(10, 4), fc.integer(), (c, seed) => {
        const b = buildSpd(c);
        const g = randomMatrix(c.n, c.n, rng(seed));
        const e = matMul(g, transpose(g));
        for (let i = 0; i < c.n; i++) e.data[i * c.n + i] -= 1;
        for (let i = 0; i < c.n; i++) for (let j = 0; j < i; j++) e.data[j * c.n + i] = e.data[i * c.n + j];
        const m = metricOf(b);
        const dm = dec.metric(dec.matrix(b));
        if (!dm.ok) return false;
        const de = dec.matrix(e);
        const tol = 64 * (c.n + 1) * 10 ** c.logCond * u;
        const norm = metricOperatorNorm(e, m);
        return (
          rel(norm, dec.operatorNorm(de, dm.metric)) <= tol &&
          Math.abs(metricMinEigenvalue(e, m) - dec.minEigenvalue(de, dm.metric)) <= tol * norm
        );
      }),
      { seed: 31, numRuns: 20 },
    );
  });
});
