import { describe, expect, it } from 'vitest';
import { matVec, matrix } from '../../../src/linalg/matrix.js';
import { norm2 } from '../../../src/linalg/vector.js';
import { type LinearResidual, linearResidual, nonlinearEquationsLinearFamily } from '../../../src/problems/families/linear-residual.js';
import { type NonlinearEquationsOracle, nonlinearEquations } from '../../../src/problems/families/nonlinear-equations.js';
import {
  expectConvexOnSamples,
  expectDerivativesAtRandomPoints,
  expectMemberships,
  expectNaNAtNonFinite,
  expectOptimum,
  instanceErrorField as field,
  sampleInstances,
} from './family-checks.js';

const instances = sampleInstances(nonlinearEquationsLinearFamily, 50, 202, { maxDim: 30 });

function residualOf(o: unknown): LinearResidual {
  return (o as NonlinearEquationsOracle<LinearResidual>).residual;
}

describe('nonlinear equations with a linear operator: (1/p)‖Ax − b‖^p', () => {
  it('passes the Taylor-remainder self-checks (gradient, Hessian, hvp, third) on 50 random instances', () => {
    expectDerivativesAtRandomPoints(instances, 13, (inst, x, v) => {
      const res = residualOf(inst.problem.oracle);
      const av = norm2(matVec(res.A, v));
      return av > 0 ? Math.min(1, (0.25 * norm2(res.value(x))) / av) : 1;
    });
  });

  it('f* = 0; x* = x_true is claimed exactly when A has full column rank (rows ≥ n), with f(x*) = 0 and ∇f(x*) = 0 exactly', () => {
    for (const inst of instances) {
      expect(inst.certificate.fStar).toBe(0);
      expect(inst.certificate.xStar !== undefined).toBe(Number(inst.name.params.rows) >= inst.name.dim);
      expectOptimum(inst, 5, 23, 0);
    }
  });

  it('is convex, and its Hölder-Hessian (ν = p − 2, L = 1 + 2ν, p ≤ 3) and Lipschitz-gradient (p = 2) constants hold on samples', () => {
    for (const inst of instances) {
      expectConvexOnSamples(inst, 3, 29);
      expectMemberships(inst, 20, 31);
      expect(inst.certificate.memberships.length > 0).toBe(Number(inst.name.params.p) <= 3);
    }
  });

  it('the Hölder constant 1 + 2ν is not loose: in 1-D, |∇²f(x) − ∇²f(0)| = (p − 1)|x|^ν reaches (p − 1)/(1 + 2ν) of it', () => {
    for (const p of [2.25, 2.5, 3]) {
      const nu = p - 2;
      const o = nonlinearEquations(linearResidual(matrix(1, 1, Float64Array.of(1)), Float64Array.of(0)), p);
      const x = 0.3;
      const ratio = Math.abs(o.hess(Float64Array.of(x)).data[0] - o.hess(Float64Array.of(0)).data[0]) / ((1 + 2 * nu) * x ** nu);
      expect(ratio).toBeCloseTo((p - 1) / (1 + 2 * nu), 12);
      expect(ratio).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('returns NaN at non-finite points and rejects bad data with an InstanceError naming the field', () => {
    expectNaNAtNonFinite(instances[0]);
    expect(field(() => linearResidual(matrix(2, 2, Float64Array.of(1, 2, 3, 4)), Float64Array.of(1)))).toBe('b');
    expect(field(() => linearResidual(matrix(2, 2, Float64Array.of(1, NaN, 3, 4)), Float64Array.of(1, 2)))).toBe('A');
    expect(field(() => nonlinearEquationsLinearFamily.build({ family: 'nonlinear-equations-linear', params: { p: 1, rows: 3 }, dim: 2, seed: 0 }))).toBe('p');
    expect(field(() => nonlinearEquationsLinearFamily.build({ family: 'nonlinear-equations-linear', params: { p: 3, rows: 0 }, dim: 2, seed: 0 }))).toBe('rows');
  });

  it('J = A itself (no copy per call), and u(x) of the last point is cached but handed out as a copy', () => {
    const a = matrix(3, 2, Float64Array.of(1, 2, 3, 4, 5, 6));
    const res = linearResidual(a, Float64Array.of(1, 0, -1));
    expect(res.jacobian(Float64Array.of(0, 0))).toBe(res.jacobian(Float64Array.of(1, 1)));
    expect(Array.from(res.jacobian(Float64Array.of(0, 0)).data)).toEqual([1, 2, 3, 4, 5, 6]);
    const x = Float64Array.of(1, -1);
    const u = res.value(x);
    expect(Array.from(u)).toEqual([-2, -1, 0]);
    u.fill(9);
    expect(Array.from(res.value(x))).toEqual([-2, -1, 0]);
    x[0] = 2;
    expect(Array.from(res.value(x))).toEqual([-1, 2, 5]);
    expect(Array.from(res.value(Float64Array.of(1, -1)))).toEqual([-2, -1, 0]);
  });
});
