import { describe, expect, it } from 'vitest';
import { formatName } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
import { type PDifferenceChainOracle, pDifferenceChain, pDifferenceChainFamily } from '../../../src/problems/families/p-difference-chain.js';
import { randomVector, rng } from '../../support/random-matrices.js';
import {
  expectConvexOnSamples,
  expectDerivativesAtRandomPoints,
  expectMemberships,
  expectNaNAtNonFinite,
  expectOptimum,
  sampleInstances,
} from './family-checks.js';

const instances = sampleInstances(pDifferenceChainFamily, 50, 707, { maxDim: 30 });

/** y = Cx of the chain, and the largest step along v that keeps every yᵢ away from 0, halved. */
function kinkFreeStep(o: PDifferenceChainOracle, x: Float64Array, v: Float64Array): number {
  let t = 1;
  for (let i = 0; i < x.length; i++) {
    const yi = x[i] - (i > 0 ? o.a * x[i - 1] : 0);
    const wi = v[i] - (i > 0 ? o.a * v[i - 1] : 0);
    if (wi !== 0) t = Math.min(t, (0.5 * Math.abs(yi)) / Math.abs(wi));
  }
  return t;
}

describe('p-difference chain (1/(p+1))(|x₁|^(p+1) + Σ|xᵢ − a·xᵢ₋₁|^(p+1))', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances, away from kinks', () => {
    expectDerivativesAtRandomPoints(instances, 79, (inst, x, v) => {
      const t0 = kinkFreeStep(inst.problem.oracle as PDifferenceChainOracle, x, v);
      expect(t0, formatName(inst.name)).toBeGreaterThanOrEqual(1e-6);
      return t0;
    });
  });

  it('x* = 0: f(x*) = 0 = f*, ∇f(x*) = 0', () => {
    for (const inst of instances) expectOptimum(inst, 5, 83, 0);
  });

  it('is convex, and its Hölder-Hessian (p = 2) and Hölder-third (p ≤ 3) constants in B = CᵀC hold on samples', () => {
    for (const inst of instances) {
      expectConvexOnSamples(inst, 3, 89);
      expectMemberships(inst, 20, 97);
    }
  });

  it('the sublevel radius bounds ‖x‖ on the level set f(x) = f(x0), sampled along rays', () => {
    const next = rng(101);
    for (const inst of instances) {
      const o = inst.problem.oracle;
      const p = Number(inst.name.params.p);
      const metric = metricOf(inst.metric, o.dim);
      const f0 = o.f(inst.x0);
      const radius = inst.certificate.sublevelRadius!;
      expect(metric.norm(inst.x0)).toBeLessThanOrEqual(radius);
      for (let s = 0; s < 10; s++) {
        const z = randomVector(o.dim, next);
        const x = z.map((zi) => zi * (f0 / o.f(z)) ** (1 / (p + 1)));
        expect(o.f(x)).toBeCloseTo(f0, 8);
        expect(metric.norm(x)).toBeLessThanOrEqual(radius);
      }
      // attained where all |yᵢ| are equal: x = C⁻¹·(c·1)
      const a = Number(inst.name.params.a);
      const ones = new Float64Array(o.dim);
      for (let i = 0; i < o.dim; i++) ones[i] = 1 + (i > 0 ? a * ones[i - 1] : 0);
      const extreme = ones.map((e) => e * (f0 / o.f(ones)) ** (1 / (p + 1)));
      expect(metric.norm(extreme) / radius).toBeGreaterThan(1 - 1e-8);
    }
  });

  it('returns NaN at non-finite points and rejects p < 2 and non-finite a', () => {
    expectNaNAtNonFinite(instances[0]);
    expect(() => pDifferenceChain(3, 1, 1)).toThrow(/^p: must be ≥ 2/);
    expect(() => pDifferenceChain(3, Infinity, 2)).toThrow(/^a: must be a finite number/);
    expect(() => pDifferenceChain(0, 1, 2)).toThrow(/^n: must be an integer ≥ 1/);
  });
});
