import fc from 'fast-check';
import { cholesky } from '../../linalg/cholesky.js';
import { type DenseProducts, denseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { denseMetric } from '../../linalg/metric.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate, Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { withStructure } from '../oracle-structure.js';
import { requireInteger, requireLinearData, requirePositive } from './data-validation.js';
import { instanceNamesByDimension } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { uniformMatrix, uniformVector } from './random-data.js';

/**
 * f(x) = μ·log Σᵢ exp((⟨aᵢ, x⟩ − bᵢ)/μ) (docs/theory.md#approximation-condition), evaluated as μ·(z_k + log1p(Σ_{i≠k} exp(zᵢ − z_k)))
 * with z_k the largest term. With π(x) = softmax((Ax − b)/μ): ∇f = Aᵀπ and
 * ∇²f = (1/μ)·Σᵢ πᵢ(aᵢ − ∇f)(aᵢ − ∇f)ᵀ, which equals (1/μ)(AᵀDiag(π)A − ∇f∇fᵀ) because Σπᵢ = 1, and is
 * PSD by construction. The centred rows are formed as (aᵢ − a_k) − Σ_{j≠k} πⱼ(aⱼ − a_k), so that the
 * Hessian keeps its relative accuracy when π is nearly one-hot at k (∇²f → 0 while |aᵢ| does not).
 */
export interface LogSumExpOracle extends Oracle {
  readonly kind: 'logsumexp';
  /** m×n, read-only */
  readonly A: Matrix;
  readonly b: Float64Array;
  readonly mu: number;
  /** π(x) = softmax((Ax − b)/μ) */
  weights(x: Float64Array): Float64Array;
  /** D³f(x)[v, v] */
  third(x: Float64Array, v: Float64Array): Float64Array;
}

interface SoftmaxState {
  /** z_k + log(1 + Σ_{i≠k} exp(zᵢ − z_k)), z = (Ax − b)/μ, k = argmax z */
  readonly lse: number;
  readonly pi: Float64Array;
  /** the index k of the largest term */
  readonly top: number;
}

function softmaxState(a: DenseProducts, b: Float64Array, mu: number, x: Float64Array): SoftmaxState {
  const z = a.times(x);
  let top = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = (z[i] - b[i]) / mu;
    if (z[i] > z[top] || Number.isNaN(z[i])) top = i;
    if (Number.isNaN(z[top])) break;
  }
  const zMax = z[top];
  if (!Number.isFinite(zMax)) return { lse: zMax === Infinity ? Infinity : NaN, pi: nanVector(z.length), top };
  let rest = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i] - zMax);
    if (i !== top) rest += z[i];
  }
  const sum = 1 + rest;
  for (let i = 0; i < z.length; i++) z[i] /= sum;
  return { lse: zMax + Math.log1p(rest), pi: z, top };
}

/** x and y have the same length and equal entries (±0 equal: A·x is the same for both). */
function sameEntries(x: Float64Array, y: Float64Array): boolean {
  const n = x.length;
  if (y.length !== n) return false;
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The oracle of f(x) = μ·lse((Ax − b)/μ) for explicit data (copied); m ≥ 1, μ > 0, all entries finite. */
export function logSumExp(a: Matrix, b: Float64Array, mu: number): LogSumExpOracle {
  requirePositive('mu', mu);
  const { A, b: B } = requireLinearData(a, b);
  const n = A.cols;
  const m = A.rows;
  const products = denseProducts(A);

  // The state of the last point asked for: a solver asks for f, ∇f (and ∇² or π) at the same x in
  // turn, and each would otherwise recompute A·x. Invisible from outside: π leaves only as a copy.
  let lastX: Float64Array | null = null;
  let lastState: SoftmaxState | null = null;
  const state = (x: Float64Array): SoftmaxState | null => {
    if (!allFinite(x)) return null;
    if (lastX !== null && sameEntries(lastX, x)) return lastState;
    const s = softmaxState(products, B, mu, x);
    lastX = x.slice();
    lastState = s;
    return s;
  };
  /**
   * w − ⟨π, w⟩ for w = Av, as (wᵢ − w_k) − Σ_{j≠k} πⱼ(wⱼ − w_k): when π is nearly one-hot at k, the
   * direct ⟨π, w⟩ would carry an absolute error u·|w| into w_k − ⟨π, w⟩ ≈ (1 − π_k)·O(|w|).
   */
  const centered = (s: SoftmaxState, v: Float64Array): Float64Array => {
    const w = products.times(v);
    const wTop = w[s.top];
    let mean = 0;
    for (let i = 0; i < m; i++) {
      w[i] -= wTop;
      if (i !== s.top) mean += s.pi[i] * w[i];
    }
    for (let i = 0; i < m; i++) w[i] -= mean;
    return w;
  };
  /** Σᵢ yᵢ(aᵢ − a_k) = Aᵀy − a_k·Σyᵢ, for weights y that sum to zero in exact arithmetic */
  const rowDifferencesTimes = (s: SoftmaxState, y: Float64Array): Float64Array => {
    const out = products.transposeTimes(y);
    let sum = 0;
    for (let i = 0; i < m; i++) sum += y[i];
    const top = s.top * n;
    for (let j = 0; j < n; j++) out[j] -= sum * A.data[top + j];
    return out;
  };

  return withStructure<LogSumExpOracle>({
    kind: 'logsumexp',
    dim: n,
    A,
    b: B,
    mu,
    weights(x) {
      return state(x)?.pi.slice() ?? nanVector(m);
    },
    f(x) {
      const s = state(x);
      return s ? mu * s.lse : NaN;
    },
    grad(x) {
      const s = state(x);
      return s ? products.transposeTimes(s.pi) : nanVector(n);
    },
    gradMagnitude(x) {
      // ∇f = Aᵀπ: the sum Σⱼ A_ji πⱼ rounds by ≲ m·u·Σⱼ|A_ji|πⱼ, and πⱼ carries a relative error
      // ≲ |δzⱼ| + |δz_k| + (m+1)u from zⱼ = (⟨aⱼ,x⟩ − bⱼ)/μ, |δzⱼ| ≲ (n+1)u·(Σᵢ|A_ji||xᵢ| + |bⱼ|)/μ
      // (the offset bⱼ stays at the minimizer, so this does not vanish with ∇f):
      // M_i = Σⱼ|A_ji|πⱼ·(2m + 1 + 2(n+1)·maxⱼ sⱼ), sⱼ = (Σᵢ|A_ji||xᵢ| + |bⱼ|)/μ.
      const s = state(x);
      if (!s) return nanVector(n);
      let sMax = 0;
      for (let j = 0; j < m; j++) {
        let t = Math.abs(B[j]);
        for (let i = 0; i < n; i++) t += Math.abs(A.data[j * n + i] * x[i]);
        sMax = Math.max(sMax, t / mu);
      }
      const factor = 2 * m + 1 + 2 * (n + 1) * sMax;
      const out = new Float64Array(n);
      for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) out[i] += Math.abs(A.data[j * n + i]) * s.pi[j] * factor;
      return out;
    },
    hess(x) {
      const s = state(x);
      if (!s) return nanMatrix(n);
      // rows centred as (aᵢ − a_k) − Σ_{j≠k} πⱼ(aⱼ − a_k) inside the rank-k kernel (no copy of A)
      const h = products.centredGram(s.pi, s.top);
      if (mu !== 1) for (let k = 0; k < h.data.length; k++) h.data[k] /= mu; // x / 1 = x exactly
      return h;
    },
    hvp(x, v) {
      const s = state(x);
      if (!s || !allFinite(v)) return nanVector(n);
      const d = centered(s, v);
      for (let i = 0; i < m; i++) d[i] *= s.pi[i] / mu;
      return rowDifferencesTimes(s, d);
    },
    /** D³f[v, v] = (1/μ²)·Aᵀ(π∘(d² − ⟨π, d²⟩)), d = Av − ⟨π, Av⟩; equal to the form of the authors' oracle. */
    third(x, v) {
      const s = state(x);
      if (!s || !allFinite(v)) return nanVector(n);
      const d = centered(s, v);
      let variance = 0;
      for (let i = 0; i < m; i++) {
        d[i] *= d[i];
        variance += s.pi[i] * d[i];
      }
      for (let i = 0; i < m; i++) d[i] = (s.pi[i] * (d[i] - variance)) / (mu * mu);
      return rowDifferencesTimes(s, d);
    },
  }, { kind: 'logsumexp', A, b: B, mu });
}

/**
 * The zero-shift of the authors' notebook (`create_log_sum_exp_zero_oracle`): A = A₀ − 1·g₀ᵀ with
 * g₀ = A₀ᵀ·softmax(−b/μ), so that ∇f(0) = Aᵀπ(0) = g₀ − g₀·Σπᵢ(0) = 0 and f* = f(0) = μ·lse(−b/μ).
 */
export function zeroShiftedRows(a0: Matrix, b: Float64Array, mu: number): Matrix {
  const g0 = logSumExp(a0, b, mu).grad(new Float64Array(a0.cols));
  const a = matrix(a0.rows, a0.cols, a0.data.slice());
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) a.data[i * a.cols + j] -= g0[j];
  return a;
}

/** QSC, generalized self-concordance (ν = 2) and the gradient's Lipschitz constant, in B = A₀ᵀA₀. */
function logSumExpMemberships(mu: number): Membership[] {
  const spread =
    'with w = Av, row shifts cancel in wᵢ − wⱼ, so |wᵢ − ⟨π, w⟩| ≤ maxᵢⱼ|wᵢ − wⱼ| = maxᵢⱼ|(a₀ᵢ − a₀ⱼ)ᵀv| ≤ √2·‖A₀v‖₂ = √2·‖v‖ (docs/classes.md)';
  const third = `D³f(x)[h, h, v] = (1/μ²)·E_π[(Ah − E_π Ah)²·(Av − E_π Av)] and ⟨∇²f(x)h, h⟩ = (1/μ)·Var_π(Ah); ${spread}`;
  return [
    { class: 'quasi-self-concordant', M: Math.SQRT2 / mu, how: `${third}; hence D³f[h, h, v] ≤ (√2/μ)·‖v‖·⟨∇²f h, h⟩` },
    {
      class: 'generalized-self-concordant',
      nu: 2,
      M: Math.SQRT2 / mu,
      how: `${third}; the bound holds for |D³f[h, h, v]|, which is Sun & Tran-Dinh's condition with ν = 2`,
    },
    {
      class: 'lipschitz-gradient',
      L: 1 / (2 * mu),
      how: `0 ⪯ ∇²f and ⟨∇²f(x)h, h⟩ = (1/μ)·Var_π(Ah) ≤ (1/μ)·(maxᵢⱼ|(Ah)ᵢ − (Ah)ⱼ|)²/4 (Popoviciu) ≤ ‖h‖²/(2μ), since ${spread}`,
    },
  ];
}

/** Whether the m×(n+1) matrix [A₀ 1] has full column rank (numerically: its Gram matrix factors). */
function onesOutsideRange(a0: Matrix): boolean {
  const { rows: m, cols: n } = a0;
  const aug = matrix(m, n + 1);
  for (let i = 0; i < m; i++) {
    aug.data.set(a0.data.subarray(i * n, (i + 1) * n), i * (n + 1));
    aug.data[i * (n + 1) + n] = 1;
  }
  return cholesky(symmetricRankK(aug)).ok;
}

function buildLogSumExp(name: InstanceName): Instance {
  const n = requireInteger('dim', name.dim, 1);
  const mu = requirePositive('mu', Number(name.params.mu));
  const m = requireInteger('rows', Number(name.params.rows), n);
  const next = rng(name.seed);
  const a0 = uniformMatrix(m, n, -1, 1, next);
  const b = uniformVector(m, -1, 1, next);
  const x0 = uniformVector(n, -1, 1, next);
  const metricMatrix = symmetricRankK(a0);
  if (!denseMetric(metricMatrix).ok) throw new InstanceError('rows', 'A₀ is numerically rank deficient, so B = A₀ᵀA₀ is not positive definite');
  const oracle = logSumExp(zeroShiftedRows(a0, b, mu), b, mu);
  const unique = m > n && onesOutsideRange(a0);
  const certificate: Certificate = {
    convexity: 'convex',
    convexityHow:
      'log-sum-exp is convex and x ↦ (Ax − b)/μ is affine. ' +
      (unique
        ? '[A₀ 1] has full column rank (its Gram matrix factors), so Av = A₀v − (g₀ᵀv)·1 = c·1 forces v = 0; with every πᵢ > 0, ⟨∇²f(x)v, v⟩ = Var_π(Av)/μ > 0 for v ≠ 0, f is strictly convex and x* = 0 (∇f(0) = 0) is the unique minimizer'
        : 'Av can be a constant vector (m = n, or 1 ∈ range(A₀)), so the minimizer set may be a line; x* is not stated'),
    memberships: logSumExpMemberships(mu),
    fStar: oracle.f(new Float64Array(n)),
    ...(unique ? { xStar: new Float64Array(n) } : {}),
  };
  return { name, problem: counted(oracle), metric: { kind: 'dense', B: metricMatrix }, x0, certificate };
}

export const logSumExpFamily: Family = {
  id: 'logsumexp',
  description:
    'μ·log Σ exp((⟨aᵢ,x⟩ − bᵢ)/μ), A₀ and b uniform on (−1, 1), rows shifted so that x = 0 is optimal (as in the notebook of epfml/grad-norm-smooth), metric B = A₀ᵀA₀; params mu > 0, rows ≥ n',
  classes: ['quasi-self-concordant', 'generalized-self-concordant', 'lipschitz-gradient'],
  build: buildLogSumExp,
  arbitrary: (options: FamilyArbitraryOptions = {}) =>
    instanceNamesByDimension('logsumexp', options, (dim) =>
      fc.record({ mu: fc.constantFrom(0.1, 0.5, 1, 2), rows: fc.integer({ min: dim, max: 3 * dim + 2 }) }),
    ),
};
