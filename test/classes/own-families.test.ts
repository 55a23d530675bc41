import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../src/linalg/matrix.js';
import { matVec } from '../../src/linalg/matrix.js';
import { checkDerivatives } from '../../src/problems/derivative-check.js';
import type { Family } from '../../src/problems/family.js';
import { InstanceError } from '../../src/problems/family.js';
import { holderPowerSum, holderPowerSumOracle } from '../../src/problems/families/holder-power-sum.js';
import { l0l1Family } from '../../src/problems/families/l0-l1-family.js';
import { thirdOrderPowerSum, thirdOrderPowerSumOracle } from '../../src/problems/families/third-order-power-sum.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { formatName, type InstanceName } from '../../src/problems/instance.js';
import { linearFormSetup, type MetricChoice, type RowKind } from '../../src/problems/families/separable-sum.js';
import { gaussian, rng } from '../../src/random/prng.js';

const families: readonly Family[] = [holderPowerSum, thirdOrderPowerSum, l0l1Family];

function unit(n: number, next: () => number): Float64Array {
  const v = Float64Array.from({ length: n }, () => gaussian(next));
  const s = Math.hypot(...v);
  return v.map((x) => x / s);
}

/** a step t0 such that x ± t·v (t ≤ t0) crosses no kink sᵢ = 0 of the family's linear forms */
function kinkFreeStep(name: InstanceName, x: Float64Array, v: Float64Array): number {
  const p = name.params;
  const m = name.dim + (typeof p.extraRows === 'number' ? p.extraRows : 0);
  const setup = linearFormSetup(p.rows as RowKind, m, name.dim, p.metric as MetricChoice, name.seed);
  const s = matVec(setup.data.a, x);
  const av = matVec(setup.data.a, v);
  let t0 = 0.1;
  for (let i = 0; i < m; i++) t0 = Math.min(t0, (0.5 * Math.abs(s[i] - setup.data.b[i])) / Math.abs(av[i]));
  return t0;
}

const withoutThird = (o: Oracle): Oracle => ({ dim: o.dim, f: o.f, grad: o.grad, hess: o.hess, hvp: o.hvp });

describe('own families: derivative self-checks (Taylor remainders)', () => {
  for (const family of families) {
    it(`${family.id}: correct orders at random points, with steps too short to reach a kink (smooth there)`, () => {
      const names = fc.sample(family.arbitrary({ minDim: 1, maxDim: 12 }), { seed: 77, numRuns: 60 });
      let checked = 0;
      for (const name of names) {
        const inst = family.build(name);
        const next = rng(name.seed);
        for (let attempt = 0; attempt < 8; attempt++) {
          const x = inst.x0.map((v) => v + 0.3 * gaussian(next));
          const v = unit(inst.problem.dim, next);
          const t0 = family === l0l1Family ? 0.5 : kinkFreeStep(name, x, v);
          if (t0 < 1e-2) continue;
          const report = checkDerivatives(inst.problem.oracle, x, v, { hessianOrder: 2 }, t0);
          expect(report.failures, formatName(name)).toEqual([]);
          checked++;
          break;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('holder-power-sum: Hessian remainder of order 1 + ν on a kink (s = 0), for both kinds', () => {
    const a = fromRows([
      [1, 0.5],
      [-0.3, 2],
    ]);
    const x = Float64Array.of(0.4, -0.2);
    const b = matVec(a, x);
    const w = Float64Array.of(1, 0.7);
    for (const [nu, kind] of [[1, 'abs'], [0.5, 'abs'], [0.25, 'plus'], [0, 'plus']] as const) {
      const o = withoutThird(holderPowerSumOracle({ a, b, w }, nu, kind));
      const v = Float64Array.of(0.6, 0.8);
      const report = checkDerivatives(o, x, v, { hessianOrder: 1 + nu, tolerance: 0.15 });
      expect(report.failures, `ν = ${nu}, ${kind}`).toEqual([]);
      expect(report.orders.hessian as number).toBeLessThan(1 + nu + 0.15);
    }
  });

  it('third-order-power-sum: third derivative consistent with hvp away from kinks; second-order model of order ≥ 3 at a kink', () => {
    const a = fromRows([[1.5, -0.5]]);
    const x = Float64Array.of(0.2, 0.6);
    const b = matVec(a, x);
    const o = thirdOrderPowerSumOracle({ a, b, w: Float64Array.of(0.9) }, 0.5, 'abs');
    const report = checkDerivatives(withoutThird(o), x, Float64Array.of(0.6, 0.8), { hessianOrder: 2 });
    expect(report.failures).toEqual([]);
  });
});

describe('own families: names, determinism, parameter errors', () => {
  it('build is deterministic in the name', () => {
    for (const family of families) {
      for (const name of fc.sample(family.arbitrary(), { seed: 5, numRuns: 10 })) {
        const a = family.build(name);
        const b = family.build(name);
        expect(a.problem.f(a.x0)).toBe(b.problem.f(b.x0));
        expect(a.certificate.memberships).toEqual(b.certificate.memberships);
      }
    }
  });

  it('rejects parameters it cannot build from, naming the parameter', () => {
    const base = { dim: 3, seed: 1 };
    const cases: [Family, Record<string, number | string>, string][] = [
      [holderPowerSum, { nu: 2 }, 'nu'],
      [holderPowerSum, { nu: 0, kind: 'abs' }, 'nu'],
      [holderPowerSum, { metric: 'gram', extraRows: -1 }, 'extraRows'],
      [holderPowerSum, { rows: 'orthogonal', metric: 'identity', extraRows: 1 }, 'extraRows'],
      [thirdOrderPowerSum, { kind: 'quartic', nu: 0.5 }, 'nu'],
      [l0l1Family, { gscNu: 1.5 }, 'gscNu'],
      [l0l1Family, { bogus: 1 }, 'bogus'],
    ];
    for (const [family, params, field] of cases) {
      let error: unknown;
      try {
        family.build({ family: family.id, params, ...base });
      } catch (e) {
        error = e;
      }
      expect(error, `${family.id} ${JSON.stringify(params)}`).toBeInstanceOf(InstanceError);
      expect((error as InstanceError).field).toBe(field);
    }
  });

  it('the (L0, L1) family is not Lipschitz-smooth: ‖∇²f‖ grows without bound along a ray', () => {
    const inst = l0l1Family.build({ family: 'l0-l1-family', params: { kind: 'exp', metric: 'identity' }, dim: 2, seed: 3 });
    const d = Float64Array.of(1, 1);
    const curvature = (t: number) => {
      const h = inst.problem.hess(inst.x0.map((v, i) => v + t * d[i]));
      return Math.max(Math.abs(h.data[0]), Math.abs(h.data[3]));
    };
    expect(Math.max(curvature(30), curvature(-30))).toBeGreaterThan(1e6 * curvature(0));
  });
});
