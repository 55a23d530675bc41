import fc from 'fast-check';
import { cholesky } from '../../linalg/cholesky.js';
import { denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { denseMetric } from '../../linalg/metric.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted } from '../oracle.js';
import { withStructure } from '../oracle-structure.js';
import { requireInteger, requireLinearData, requirePower } from './data-validation.js';
import { instanceNamesByDimension } from './instance-names.js';
import { type NonlinearEquationsOracle, type Residual, nonlinearEquations } from './nonlinear-equations.js';
import { gaussianVector, uniformMatrix, uniformVector } from './random-data.js';

/**
 * u(x) = Ax − b. For f = (1/p)‖Ax − b‖^p the general formulas of `nonlinearEquations` reduce to
 * ∇²f = r^(p−2)(AᵀA + (p−2)q̂q̂ᵀ) and D³f[v, v] = (p−2)r^(p−3)[(p−4)α̂²q̂ + 2α̂·AᵀAv + ‖Av‖²q̂]
 * with r = ‖Ax − b‖, û = (Ax − b)/r, q̂ = Aᵀû, α̂ = ⟨û, Av⟩.
 */
export interface LinearResidual extends Residual {
  readonly kind: 'linear';
  /** m×n, read-only */
  readonly A: Matrix;
  readonly b: Float64Array;
}

export function linearResidual(a: Matrix, b: Float64Array): LinearResidual {
  const { A, b: B } = requireLinearData(a, b);
  const { rows: m, cols: n } = A;
  const products = denseProducts(A);
  let lastX: Float64Array | null = null;
  let lastU: Float64Array | null = null;
  return {
    kind: 'linear',
    dim: n,
    size: m,
    A,
    b: B,
    value(x) {
      // f and ∇f at one point each ask for u(x): the last one is kept (and handed out as a copy)
      if (lastX !== null && lastU !== null && sameEntries(lastX, x)) return lastU.slice();
      const u = products.times(x);
      for (let i = 0; i < m; i++) u[i] -= B[i];
      lastX = x.slice();
      lastU = u.slice();
      return u;
    },
    // J = A at every x: A itself, not a copy (a Jacobian is read-only, see Residual.jacobian)
    jacobian: () => A,
    fixedJacobian: products,
    weightedHessian: () => matrix(n, n),
    weightedHessianVec: () => new Float64Array(n),
    secondDirectional: () => new Float64Array(m),
    weightedThird: () => new Float64Array(n),
  };
}

/** f(x) = (1/p)‖Ax − b‖^p: `nonlinearEquations` of the linear residual, marked with its structure (A, b, p). */
export function linearResidualPower(a: Matrix, b: Float64Array, p: number): NonlinearEquationsOracle<LinearResidual> {
  const residual = linearResidual(a, b);
  return withStructure(nonlinearEquations(residual, p), { kind: 'linear-residual-power', A: residual.A, b: residual.b, p });
}

/** x and y have the same length and the same entries (NaN never equal: such a point is recomputed). */
function sameEntries(x: Float64Array, y: Float64Array): boolean {
  const n = x.length;
  if (y.length !== n) return false;
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The regularization δ of the paper's metric B = AᵀA + δI (as in the authors' notebook). */
export const LINEAR_METRIC_REGULARIZATION = 1e-8;

function linearMemberships(p: number): Membership[] {
  const out: Membership[] = [];
  const transfer =
    '∇²f(x) = AᵀH(Ax − b)A with H(y) = ‖y‖^ν(I + ν·ŷŷᵀ), ν = p − 2; since AᵀA ⪯ B, ‖AᵀEA‖ ≤ ‖E‖₂ and ‖A(x − y)‖₂ ≤ ‖x − y‖';
  if (p <= 3) {
    const nu = p - 2;
    out.push({
      class: 'holder-hessian',
      nu,
      L: 1 + 2 * nu,
      how:
        `${transfer}; with a = ‖y‖ ≥ b = ‖z‖, d = ‖y − z‖, θ the angle between y and z: |a^ν − b^ν| ≤ d^ν, ` +
        '‖a^ν ŷŷᵀ − b^ν ẑẑᵀ‖₂ ≤ (a^ν − b^ν) + b^ν·sin θ and b·sin θ ≤ d gives b^ν·sin θ ≤ d^ν, so ‖H(y) − H(z)‖₂ ≤ (1 + 2ν)·d^ν',
    });
  }
  if (p === 2) out.push({ class: 'lipschitz-gradient', L: 1, how: '∇²f = AᵀA ⪯ AᵀA + δI = B' });
  return out;
}

function buildLinear(name: InstanceName): Instance {
  const n = requireInteger('dim', name.dim, 1);
  const p = requirePower('p', Number(name.params.p));
  const m = requireInteger('rows', Number(name.params.rows), 1);
  const next = rng(name.seed);
  const a = uniformMatrix(m, n, -1, 1, next);
  const xTrue = gaussianVector(n, next);
  const b = denseProducts(a).times(xTrue);
  const x0 = uniformVector(n, -1, 1, next);
  const gram = symmetricRankK(a);
  const metricMatrix = matrix(n, n, gram.data.slice());
  for (let i = 0; i < n; i++) metricMatrix.data[i * n + i] += LINEAR_METRIC_REGULARIZATION;
  if (!denseMetric(metricMatrix).ok) throw new InstanceError('rows', 'B = AᵀA + 1e-8·I is not numerically positive definite');
  const unique = m >= n && cholesky(gram).ok;
  const oracle = linearResidualPower(a, b, p);
  const certificate: Certificate = {
    convexity: 'convex',
    convexityHow:
      't ↦ t^p/p is convex and nondecreasing on t ≥ 0 and x ↦ ‖Ax − b‖ is convex. b = A·x_true (the same matVec), so f(x_true) = 0 = f*. ' +
      (unique ? 'AᵀA factors (A has full column rank), so x_true is the unique root and minimizer' : 'A has a null space, so the minimizers form an affine set; x* is not stated'),
    memberships: linearMemberships(p),
    fStar: 0,
    ...(unique ? { xStar: xTrue } : {}),
  };
  return { name, problem: counted(oracle), metric: { kind: 'dense', B: metricMatrix }, x0, certificate };
}

export const nonlinearEquationsLinearFamily: Family = {
  id: 'nonlinear-equations-linear',
  description:
    '(1/p)‖Ax − b‖^p, A uniform on (−1, 1), b = A·x_true (solvable, f* = 0), metric B = AᵀA + 1e-8·I (as in the notebook of epfml/grad-norm-smooth); params p ≥ 2, rows ≥ 1',
  classes: ['holder-hessian', 'lipschitz-gradient'],
  build: buildLinear,
  arbitrary: (options: FamilyArbitraryOptions = {}) =>
    instanceNamesByDimension('nonlinear-equations-linear', options, (dim) =>
      fc.record({ p: fc.constantFrom(2, 2.5, 3, 4, 6), rows: fc.integer({ min: 1, max: 2 * dim + 2 }) }),
    ),
};
