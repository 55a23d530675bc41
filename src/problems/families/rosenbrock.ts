import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import type { Family } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { requireDimension, requireFinite, requirePositive } from './data-validation.js';
import { instanceNames } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { uniformVector } from './random-data.js';

/**
 * f(x) = (a − x₁)² + b(x₂ − x₁²)² (as in the authors' notebook):
 *   ∇f = (−2(a − x₁) − 4b·x₁(x₂ − x₁²), 2b(x₂ − x₁²)),
 *   ∇²f = [[2 − 4b(x₂ − 3x₁²), −4b·x₁], [−4b·x₁, 2b]],
 *   D³f: ∂₁₁₁ = 24b·x₁, ∂₁₁₂ = −4b, the others 0, so D³f[v, v] = (24b·x₁v₁² − 8b·v₁v₂, −4b·v₁²).
 */
export interface RosenbrockOracle extends Oracle {
  readonly kind: 'rosenbrock';
  readonly a: number;
  readonly b: number;
  /** D³f(x)[v, v] */
  third(x: Float64Array, v: Float64Array): Float64Array;
}

export function rosenbrock(a: number, b: number): RosenbrockOracle {
  requireFinite('a', a);
  requirePositive('b', b);
  return {
    kind: 'rosenbrock',
    dim: 2,
    a,
    b,
    f(x) {
      if (!allFinite(x)) return NaN;
      const d = x[1] - x[0] * x[0];
      return (a - x[0]) * (a - x[0]) + b * d * d;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(2);
      const d = x[1] - x[0] * x[0];
      return Float64Array.of(-2 * (a - x[0]) - 4 * b * x[0] * d, 2 * b * d);
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(2);
      const off = -4 * b * x[0];
      return matrix(2, 2, Float64Array.of(2 - 4 * b * (x[1] - 3 * x[0] * x[0]), off, off, 2 * b));
    },
    hvp(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(2);
      const h11 = 2 - 4 * b * (x[1] - 3 * x[0] * x[0]);
      const off = -4 * b * x[0];
      return Float64Array.of(h11 * v[0] + off * v[1], off * v[0] + 2 * b * v[1]);
    },
    third(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(2);
      return Float64Array.of(24 * b * x[0] * v[0] * v[0] - 8 * b * v[0] * v[1], -4 * b * v[0] * v[0]);
    },
  };
}

function buildRosenbrock(name: InstanceName): Instance {
  requireDimension(name.dim, 2);
  const a = requireFinite('a', Number(name.params.a));
  const b = requirePositive('b', Number(name.params.b));
  const x0 = uniformVector(2, -2, 2, rng(name.seed));
  const certificate: Certificate = {
    convexity: 'nonconvex',
    convexityHow: '∇²f(0, 1/b) = diag(2 − 4b·(1/b), 2b) = diag(−2, 2b) is indefinite',
    memberships: [],
    fStar: 0,
    xStar: Float64Array.of(a, a * a),
  };
  return { name, problem: counted(rosenbrock(a, b)), metric: { kind: 'identity' }, x0, certificate };
}

export const rosenbrockFamily: Family = {
  id: 'rosenbrock',
  description: '(a − x₁)² + b(x₂ − x₁²)² in 2-D (as in the notebook of epfml/grad-norm-smooth), x0 uniform on [−2, 2]², B = I; x* = (a, a²), f* = 0; params a, b > 0',
  classes: [],
  build: buildRosenbrock,
  arbitrary: () => instanceNames('rosenbrock', fc.record({ a: fc.constantFrom(-1, 0.5, 1, 2), b: fc.constantFrom(1, 10, 100) }), fc.constant(2)),
};
