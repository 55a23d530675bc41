import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import type { Family, FamilyArbitraryOptions } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted } from '../oracle.js';
import { requireInteger, requirePower } from './data-validation.js';
import { instanceNames } from './instance-names.js';
import { type Residual, nonlinearEquations } from './nonlinear-equations.js';
import { uniformVector } from './random-data.js';

/**
 * Nesterov's Chebyshev–Rosenbrock residuals (as in the authors' notebook): u₁ = ½(1 − x₁), uᵢ = xᵢ − (2x²ᵢ₋₁ − 1) for
 * i ≥ 2; J₁₁ = −½, Jᵢᵢ = 1, Jᵢ,ᵢ₋₁ = −4xᵢ₋₁; ∇²uᵢ = −4·eᵢ₋₁eᵢ₋₁ᵀ; D³u = 0.
 */
export interface ChebyshevResidual extends Residual {
  readonly kind: 'chebyshev';
}

export function chebyshevResidual(n: number): ChebyshevResidual {
  requireInteger('n', n, 2);
  return {
    kind: 'chebyshev',
    dim: n,
    size: n,
    value(x) {
      const u = new Float64Array(n);
      u[0] = 0.5 * (1 - x[0]);
      for (let i = 1; i < n; i++) u[i] = x[i] - (2 * x[i - 1] * x[i - 1] - 1);
      return u;
    },
    jacobian(x) {
      const j = matrix(n, n);
      j.data[0] = -0.5;
      for (let i = 1; i < n; i++) {
        j.data[i * n + i] = 1;
        j.data[i * n + i - 1] = -4 * x[i - 1];
      }
      return j;
    },
    weightedHessian(_x, w) {
      const h = matrix(n, n);
      for (let i = 1; i < n; i++) h.data[(i - 1) * n + i - 1] = -4 * w[i];
      return h;
    },
    weightedHessianVec(_x, w, v) {
      const out = new Float64Array(n);
      for (let i = 1; i < n; i++) out[i - 1] = -4 * w[i] * v[i - 1];
      return out;
    },
    secondDirectional(_x, v) {
      const out = new Float64Array(n);
      for (let i = 1; i < n; i++) out[i] = -4 * v[i - 1] * v[i - 1];
      return out;
    },
    weightedThird: () => new Float64Array(n),
  };
}

function buildChebyshev(name: InstanceName): Instance {
  const n = requireInteger('dim', name.dim, 2);
  const p = requirePower('p', Number(name.params.p));
  const x0 = uniformVector(n, 0, 1, rng(name.seed));
  const oracle = nonlinearEquations(chebyshevResidual(n), p);
  const certificate: Certificate = {
    convexity: 'nonconvex',
    convexityHow:
      'x = 1 (u = 0, f = 0) and y = (−1, 1, …, 1) (u = e₁, f = 1/p) have the midpoint (0, 1, …, 1) with u = (½, 2, 0, …, 0) ' +
      'and f = 4.25^(p/2)/p > (0 + 1/p)/2, which convexity forbids',
    memberships: [],
    fStar: 0,
    xStar: new Float64Array(n).fill(1),
  };
  return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate };
}

export const chebyshevFamily: Family = {
  id: 'chebyshev',
  description:
    '(1/p)‖u(x)‖^p with the Chebyshev–Rosenbrock residuals (as in the notebook of epfml/grad-norm-smooth), x0 uniform on [0, 1]ⁿ, B = I; unique root x* = 1, f* = 0; params p ≥ 2, n ≥ 2',
  classes: [],
  build: buildChebyshev,
  arbitrary: (options: FamilyArbitraryOptions = {}) =>
    instanceNames(
      'chebyshev',
      fc.record({ p: fc.constantFrom(2, 2.5, 3, 4, 5) }),
      fc.integer({ min: Math.max(2, options.minDim ?? 2), max: Math.max(2, options.maxDim ?? 50) }),
    ),
};
