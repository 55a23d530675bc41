import fc from 'fast-check';
import { denseProducts } from '../../linalg/dense-products.js';
import type { Matrix } from '../../linalg/matrix.js';
import { denseMetric } from '../../linalg/metric.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { allFinite } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { requireInteger, requireLinearData, requirePower } from './data-validation.js';
import { instanceNamesByDimension } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianMatrix, gaussianVector } from './random-data.js';

/**
 * f(x) = Σᵢ (⟨aᵢ, x⟩ − bᵢ)₊^p, p ≥ 2 (the authors' `PolytopeFeasibility`). With
 * sᵢ = ⟨aᵢ, x⟩ − bᵢ: ∇f = Aᵀ(p·s₊^(p−1)), ∇²f = Aᵀ·Diag(p(p−1)·s₊^(p−2))·A and
 * D³f[v, v] = Aᵀ(p(p−1)(p−2)·s₊^(p−3)·(Av)²), every power of s₊ taken as 0 where sᵢ ≤ 0.
 * ∇²f jumps where some sᵢ = 0 for p = 2, and D³f does for p ≤ 3; elsewhere the formulas are exact.
 */
export interface PolytopeFeasibilityOracle extends Oracle {
  readonly kind: 'polytope-feasibility';
  /** m×n, read-only */
  readonly A: Matrix;
  readonly b: Float64Array;
  readonly p: number;
  /** D³f(x)[v, v] */
  third(x: Float64Array, v: Float64Array): Float64Array;
}

export function polytopeFeasibility(a: Matrix, b: Float64Array, p: number): PolytopeFeasibilityOracle {
  requirePower('p', p);
  const { A, b: B } = requireLinearData(a, b);
  const { rows: m, cols: n } = A;
  const products = denseProducts(A);

  const slack = (x: Float64Array): Float64Array => {
    const s = products.times(x);
    for (let i = 0; i < m; i++) s[i] -= B[i];
    return s;
  };
  /** c·sᵢ^k where sᵢ > 0, else 0 */
  const positivePower = (s: Float64Array, c: number, k: number): Float64Array => Float64Array.from(s, (si) => (si > 0 ? c * si ** k : 0));

  return {
    kind: 'polytope-feasibility',
    dim: n,
    A,
    b: B,
    p,
    f(x) {
      if (!allFinite(x)) return NaN;
      const s = slack(x);
      let sum = 0;
      for (let i = 0; i < m; i++) if (s[i] > 0) sum += s[i] ** p;
      return sum;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      return products.transposeTimes(positivePower(slack(x), p, p - 1));
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      return products.gram(positivePower(slack(x), p * (p - 1), p - 2));
    },
    hvp(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const w = positivePower(slack(x), p * (p - 1), p - 2);
      const av = products.times(v);
      for (let i = 0; i < m; i++) av[i] *= w[i];
      return products.transposeTimes(av);
    },
    third(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const w = p === 2 ? new Float64Array(m) : positivePower(slack(x), p * (p - 1) * (p - 2), p - 3);
      const av = products.times(v);
      for (let i = 0; i < m; i++) av[i] = w[i] * av[i] * av[i];
      return products.transposeTimes(av);
    },
  };
}

/** In B = AᵀA: |Σᵢδᵢ(aᵢᵀh)²| ≤ max|δᵢ|·‖h‖² and |aᵢᵀd| ≤ ‖Ad‖₂ = ‖d‖. */
function polytopeMemberships(p: number): Membership[] {
  const out: Membership[] = [];
  const inB = 'in B = AᵀA, Σᵢ(aᵢᵀh)² = ‖h‖² and |aᵢᵀd| ≤ ‖Ad‖₂ = ‖d‖';
  if (p <= 3) {
    const nu = p - 2;
    out.push({
      class: 'holder-hessian',
      nu,
      L: p * (p - 1),
      how: `∇²f(x) − ∇²f(y) = p(p−1)·AᵀDiag(δ)A with δᵢ = sᵢ₊^ν − tᵢ₊^ν, |δᵢ| ≤ |sᵢ − tᵢ|^ν = |aᵢᵀ(x − y)|^ν (ν = p − 2 ∈ [0, 1]); ${inB}`,
    });
  }
  if (p === 2) {
    out.push({
      class: 'lipschitz-gradient',
      L: 2,
      how: `∇f(x) − ∇f(y) = Aᵀδ with |δᵢ| = 2|sᵢ₊ − tᵢ₊| ≤ 2|aᵢᵀ(x − y)|, and ‖Aᵀδ‖_* = ‖A(AᵀA)⁻¹Aᵀδ‖₂ ≤ ‖δ‖₂ ≤ 2‖A(x − y)‖₂`,
    });
  }
  if (p >= 3 && p <= 4) {
    const nu = p - 3;
    out.push({
      class: 'holder-third',
      nu,
      L: p * (p - 1) * (p - 2),
      how: `(D³f(x) − D³f(y))[h, h, h] = p(p−1)(p−2)·Σᵢδᵢ(aᵢᵀh)³ with |δᵢ| = |sᵢ₊^ν − tᵢ₊^ν| ≤ |aᵢᵀ(x − y)|^ν (ν = p − 3 ∈ [0, 1]) and Σ|aᵢᵀh|³ ≤ max|aᵢᵀh|·Σ(aᵢᵀh)² ≤ ‖h‖³; ${inB}; f is convex`,
    });
  }
  return out;
}

function buildPolytope(name: InstanceName): Instance {
  const n = requireInteger('dim', name.dim, 1);
  const p = requirePower('p', Number(name.params.p));
  const m = requireInteger('rows', Number(name.params.rows), n);
  const next = rng(name.seed);
  const a = gaussianMatrix(m, n, next);
  const xFeasible = gaussianVector(n, next);
  const b = denseProducts(a).times(xFeasible);
  for (let i = 0; i < m; i++) b[i] += Math.abs(gaussian(next));
  const x0 = Float64Array.from(xFeasible, (xi) => xi + 2 * gaussian(next));
  const metricMatrix = symmetricRankK(a);
  if (!denseMetric(metricMatrix).ok) throw new InstanceError('rows', 'A is numerically rank deficient, so B = AᵀA is not positive definite');
  const certificate: Certificate = {
    convexity: 'convex',
    convexityHow:
      't ↦ t₊^p is convex and nondecreasing and x ↦ ⟨aᵢ, x⟩ − bᵢ is affine. b = A·x_feasible + slack with slack ≥ 0 (rounding is monotone), ' +
      'so f(x_feasible) = 0 = f*; the minimizers are the whole polytope {Ax ≤ b}, so x* is not stated',
    memberships: polytopeMemberships(p),
    fStar: 0,
    ...(p === 2 ? { hessianJumps: 'on the hyperplanes ⟨aᵢ, x⟩ = bᵢ (p = 2: ∇²f = 2Aᵀ·Diag(1[sᵢ > 0])·A)' } : {}),
  };
  return { name, problem: counted(polytopeFeasibility(a, b, p)), metric: { kind: 'dense', B: metricMatrix }, x0, certificate };
}

export const polytopeFeasibilityFamily: Family = {
  id: 'polytope-feasibility',
  description:
    'Σ(⟨aᵢ,x⟩ − bᵢ)₊^p over a nonempty polytope (A Gaussian, b = A·x_feasible + |Gaussian|), f* = 0, metric B = AᵀA (epfml/grad-norm-smooth); params p ≥ 2, rows ≥ n',
  classes: ['holder-hessian', 'lipschitz-gradient', 'holder-third'],
  build: buildPolytope,
  arbitrary: (options: FamilyArbitraryOptions = {}) =>
    instanceNamesByDimension('polytope-feasibility', options, (dim) =>
      fc.record({ p: fc.constantFrom(2, 2.5, 3, 3.5, 4, 5), rows: fc.integer({ min: dim, max: 3 * dim + 2 }) }),
    ),
};
