import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../../src/linalg/eigen.js';
import { rosenbrock, rosenbrockFamily } from '../../../src/problems/families/rosenbrock.js';
import { expectDerivativesAtRandomPoints, expectNaNAtNonFinite, expectOptimum, sampleInstances } from './family-checks.js';

const instances = sampleInstances(rosenbrockFamily, 50, 505);

describe('Rosenbrock (a − x₁)² + b(x₂ − x₁²)²', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances', () => {
    expectDerivativesAtRandomPoints(instances, 53, 0.01);
  });

  it('matches the reference start of spec §7.3: f(−2, 2) = 409', () => {
    expect(rosenbrock(1, 100).f(Float64Array.of(-2, 2))).toBe(409);
  });

  it('x* = (a, a²): f(x*) = 0 = f*, ∇f(x*) = 0', () => {
    for (const inst of instances) expectOptimum(inst, 5, 59, 0);
  });

  it('is nonconvex by the certificate’s witness: ∇²f(0, 1/b) = diag(−2, 2b)', () => {
    for (const inst of instances) {
      const b = Number(inst.name.params.b);
      const eig = symmetricEigenvalues(inst.problem.oracle.hess(Float64Array.of(0, 1 / b)));
      expect(eig[0]).toBeCloseTo(-2, 12);
      expect(eig[1]).toBeCloseTo(2 * b, 12);
    }
  });

  it('returns NaN at non-finite points and rejects b ≤ 0, non-finite a and n ≠ 2', () => {
    expectNaNAtNonFinite(instances[0]);
    expect(() => rosenbrock(1, -1)).toThrow(/b: must be > 0/);
    expect(() => rosenbrock(NaN, 1)).toThrow(/a: must be a finite number/);
    expect(() => rosenbrockFamily.build({ family: 'rosenbrock', params: { a: 1, b: 100 }, dim: 3, seed: 0 })).toThrow(/dim/);
  });
});
