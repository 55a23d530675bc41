import { describe, expect, it } from 'vitest';
import { matVec, matrix } from '../../../src/linalg/matrix.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { InstanceError } from '../../../src/problems/family.js';
import { type PolytopeFeasibilityOracle, polytopeFeasibility, polytopeFeasibilityFamily } from '../../../src/problems/families/polytope-feasibility.js';
import { rng } from '../../support/random-matrices.js';
import {
  expectConvexOnSamples,
  expectDerivatives,
  expectMemberships,
  expectNaNAtNonFinite,
  expectOptimum,
  pointAndDirection,
  sampleInstances,
} from './family-checks.js';

const instances = sampleInstances(polytopeFeasibilityFamily, 50, 606, { maxDim: 30 });

/** The largest step from x along v that crosses no kink sᵢ = 0, halved. */
function kinkFreeStep(o: PolytopeFeasibilityOracle, x: Float64Array, v: Float64Array): number {
  const s = matVec(o.A, x);
  const av = matVec(o.A, v);
  let t = 1;
  for (let i = 0; i < s.length; i++) {
    const si = s[i] - o.b[i];
    if (av[i] !== 0) t = Math.min(t, (0.5 * Math.abs(si)) / Math.abs(av[i]));
  }
  return t;
}

describe('polytope feasibility Σ(⟨aᵢ,x⟩ − bᵢ)₊^p', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances, away from kinks', () => {
    const next = rng(61);
    let checked = 0;
    for (const inst of instances) {
      // of 20 random points and directions, the one farthest from a kink
      let best = { ...pointAndDirection(inst, next), t0: 0 };
      for (let k = 0; k < 20; k++) {
        const c = pointAndDirection(inst, next);
        const t0 = kinkFreeStep(inst.problem.oracle as PolytopeFeasibilityOracle, c.x, c.v);
        if (t0 > best.t0) best = { ...c, t0 };
      }
      if (best.t0 < 1e-3) continue;
      expectDerivatives(inst, best.x, best.v, best.t0);
      checked++;
    }
    expect(checked).toBe(instances.length);
  });

  it('across a kink at p = 2.5 the Hessian remainder has order 1 + ν = 1.5 (Hölder, not C²)', () => {
    const { third: _singular, ...o } = polytopeFeasibility(matrix(1, 1, Float64Array.of(1)), Float64Array.of(0), 2.5);
    const report = checkDerivatives(o, Float64Array.of(0), Float64Array.of(1), { hessianOrder: 1.5, tolerance: 0.05 });
    expect(report.failures).toEqual([]);
    expect(report.orders.hessian).toBeCloseTo(1.5, 6);
  });

  it('f* = 0 is attained (f ≥ 0 everywhere); no x* is claimed (the minimizers form the polytope)', () => {
    for (const inst of instances) {
      expect(inst.certificate.xStar).toBeUndefined();
      expectOptimum(inst, 5, 67, 0);
    }
  });

  it('is convex, and its Hölder-Hessian, Lipschitz-gradient and Hölder-third constants (B = AᵀA) hold on samples', () => {
    for (const inst of instances) {
      expectConvexOnSamples(inst, 3, 71);
      expectMemberships(inst, 20, 73);
    }
  });

  it('returns NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    expectNaNAtNonFinite(instances[0]);
    const a = matrix(2, 1, Float64Array.of(1, 2));
    expect(() => polytopeFeasibility(a, Float64Array.of(0, 0), 1.5)).toThrow(/^p: must be ≥ 2/);
    expect(() => polytopeFeasibility(a, Float64Array.of(0), 2)).toThrow(/^b: has 1 entries, expected 2/);
    expect(() => polytopeFeasibility(matrix(2, 1, Float64Array.of(1, -Infinity)), Float64Array.of(0, 0), 2)).toThrow(InstanceError);
    expect(() => polytopeFeasibilityFamily.build({ family: 'polytope-feasibility', params: { p: 2, rows: 1 }, dim: 2, seed: 0 })).toThrow(/^rows/);
  });
});
