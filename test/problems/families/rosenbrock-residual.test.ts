import { describe, expect, it } from 'vitest';
import { nleRosenbrockFamily, rosenbrockResidual } from '../../../src/problems/families/rosenbrock-residual.js';
import { expectDerivativesAtRandomPoints, expectNaNAtNonFinite, expectOptimum, sampleInstances } from './family-checks.js';

const instances = sampleInstances(nleRosenbrockFamily, 50, 404);

describe('Rosenbrock residuals: (1/p)‖(a − x₁, √b(x₂ − x₁²))‖^p', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances', () => {
    expectDerivativesAtRandomPoints(instances, 43, 0.01);
  });

  it('x* = (a, a²): f(x*) = 0 = f*, ∇f(x*) = 0', () => {
    for (const inst of instances) expectOptimum(inst, 5, 47, 0);
  });

  it('is nonconvex by the certificate’s witness: ∂²f/∂x₁² < 0 at (0, p/(2b))', () => {
    for (const inst of instances) {
      const p = Number(inst.name.params.p);
      const b = Number(inst.name.params.b);
      expect(inst.certificate.convexity).toBe('nonconvex');
      expect(inst.problem.oracle.hess(Float64Array.of(0, p / (2 * b))).data[0]).toBeLessThan(0);
    }
  });

  it('returns NaN at non-finite points and rejects b ≤ 0, p < 2 and n ≠ 2', () => {
    expectNaNAtNonFinite(instances[0]);
    expect(() => rosenbrockResidual(1, 0)).toThrow(/b: must be > 0/);
    expect(() => nleRosenbrockFamily.build({ family: 'nle-rosenbrock', params: { a: 1, b: 100, p: 1 }, dim: 2, seed: 0 })).toThrow(/p: must be ≥ 2/);
    expect(() => nleRosenbrockFamily.build({ family: 'nle-rosenbrock', params: { a: 1, b: 100, p: 2 }, dim: 3, seed: 0 })).toThrow(/dim/);
  });
});
