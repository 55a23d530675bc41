import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import type { Family } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted } from '../oracle.js';
import { requireDimension, requireFinite, requirePositive, requirePower } from './data-validation.js';
import { instanceNames } from './instance-names.js';
import { type Residual, nonlinearEquations } from './nonlinear-equations.js';
import { uniformVector } from './random-data.js';

/**
 * Rosenbrock as residuals (as in the authors' notebook): u = (a − x₁, √b·(x₂ − x₁²)), J = [[−1, 0], [−2√b·x₁, √b]],
 * ∇²u₁ = 0, ∇²u₂ = diag(−2√b, 0), D³u = 0.
 */
export interface RosenbrockResidual extends Residual {
  readonly kind: 'rosenbrock';
  readonly a: number;
  readonly b: number;
}

export function rosenbrockResidual(a: number, b: number): RosenbrockResidual {
  requireFinite('a', a);
  requirePositive('b', b);
  const s = Math.sqrt(b);
  return {
    kind: 'rosenbrock',
    dim: 2,
    size: 2,
    a,
    b,
    value: (x) => Float64Array.of(a - x[0], s * (x[1] - x[0] * x[0])),
    jacobian: (x) => matrix(2, 2, Float64Array.of(-1, 0, -2 * s * x[0], s)),
    weightedHessian: (_x, w) => matrix(2, 2, Float64Array.of(-2 * s * w[1], 0, 0, 0)),
    weightedHessianVec: (_x, w, v) => Float64Array.of(-2 * s * w[1] * v[0], 0),
    secondDirectional: (_x, v) => Float64Array.of(0, -2 * s * v[0] * v[0]),
    weightedThird: () => new Float64Array(2),
  };
}

function buildNleRosenbrock(name: InstanceName): Instance {
  requireDimension(name.dim, 2);
  const a = requireFinite('a', Number(name.params.a));
  const b = requirePositive('b', Number(name.params.b));
  const p = requirePower('p', Number(name.params.p));
  const x0 = uniformVector(2, -2, 2, rng(name.seed));
  const oracle = nonlinearEquations(rosenbrockResidual(a, b), p);
  const certificate: Certificate = {
    convexity: 'nonconvex',
    convexityHow:
      'at x = (0, p/(2b)): u = (a, √b·x₂) ≠ 0, r² = a² + b·x₂² ≥ a², and ∂²f/∂x₁² = r^(p−2)·(1 + (p−2)a²/r² − 2b·x₂) ≤ r^(p−2)·(p − 1 − p) < 0',
    memberships: [],
    fStar: 0,
    xStar: Float64Array.of(a, a * a),
  };
  return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate };
}

export const nleRosenbrockFamily: Family = {
  id: 'nle-rosenbrock',
  description:
    '(1/p)‖(a − x₁, √b(x₂ − x₁²))‖^p in 2-D (as in the notebook of epfml/grad-norm-smooth), x0 uniform on [−2, 2]², B = I; unique root x* = (a, a²), f* = 0; params a, b > 0, p ≥ 2',
  classes: [],
  build: buildNleRosenbrock,
  arbitrary: () =>
    instanceNames('nle-rosenbrock', fc.record({ a: fc.constantFrom(-1, 0.5, 1, 2), b: fc.constantFrom(1, 10, 100), p: fc.constantFrom(2, 2.5, 3, 4, 5) }), fc.constant(2)),
};
