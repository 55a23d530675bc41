import { describe, expect, it } from 'vitest';
import { InstanceError } from '../../../src/problems/family.js';
import { chebyshevFamily, chebyshevResidual } from '../../../src/problems/families/chebyshev-residual.js';
import { nonlinearEquations } from '../../../src/problems/families/nonlinear-equations.js';
import { expectDerivativesAtRandomPoints, expectNaNAtNonFinite, expectOptimum, sampleInstances } from './family-checks.js';

const instances = sampleInstances(chebyshevFamily, 50, 303, { maxDim: 30 });

describe('Chebyshev–Rosenbrock residuals', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances', () => {
    expectDerivativesAtRandomPoints(instances, 37, 0.05);
  });

  it('x* = 1 is a root: f(x*) = 0 = f*, ∇f(x*) = 0', () => {
    for (const inst of instances) expectOptimum(inst, 5, 41, 0);
  });

  it('is nonconvex by the certificate’s witness: f at the midpoint of 1 and (−1, 1, …, 1) exceeds the average', () => {
    for (const inst of instances) {
      expect(inst.certificate.convexity).toBe('nonconvex');
      const o = inst.problem.oracle;
      const n = o.dim;
      const p = Number(inst.name.params.p);
      const one = new Float64Array(n).fill(1);
      const y = one.slice();
      y[0] = -1;
      const mid = one.slice();
      mid[0] = 0;
      expect(o.f(one)).toBe(0);
      expect(o.f(y)).toBeCloseTo(1 / p, 14);
      expect(o.f(mid)).toBeCloseTo(4.25 ** (p / 2) / p, 12);
      expect(o.f(mid)).toBeGreaterThan((o.f(one) + o.f(y)) / 2);
    }
  });

  it('returns NaN at non-finite points and rejects n < 2', () => {
    expectNaNAtNonFinite(instances[0]);
    expect(() => chebyshevResidual(1)).toThrow(InstanceError);
    expect(() => chebyshevFamily.build({ family: 'chebyshev', params: { p: 4 }, dim: 1, seed: 0 })).toThrow(/dim/);
    expect(() => nonlinearEquations(chebyshevResidual(3), 1.9)).toThrow(/p: must be ≥ 2/);
  });
});
