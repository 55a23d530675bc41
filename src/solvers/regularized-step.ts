import type { Backend, BackendMetric } from '../backends/backend.js';
import type { HessianModel, HessianValue } from '../hessians/hessian-model.js';
import { toDense } from '../hessians/dense-hessian.js';
import { FLOAT64_UNIT_ROUNDOFF } from '../linalg/cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import type { SolverState } from './solver-state.js';

/**
 * above this α⟨v, B⁻¹v⟩/λ the rank-one step is solved densely in float64 (u·10⁶ ≈ 1e-10, the A1
 * tolerance); in arithmetic with unit roundoff u the limit is 10⁶·2⁻⁵³/u, the same error u·limit
 */
export const SHERMAN_MORRISON_CONDITION_LIMIT = 1e6;

/** `solveResidual`: the bound on ‖(H + λB)h + g‖₂ the backend vouches for (0 for a direct solve, rounding aside). */
export type StepResult<V> = { ok: true; h: V; solveResidual: number } | { ok: false; pivot: number };

/** The steps h(λ) = −(H + λB)⁻¹g of one outer iteration: H, B and g fixed, λ varying. */
export interface PreparedStep<V> {
  at(lambda: number): StepResult<V>;
}

/** What a step solve may know of the run beyond H, B and g: the iteration k and the step taken last (float64; null before the first). */
export interface StepContext {
  readonly k: number;
  readonly previousStep: Float64Array | null;
}

/** Algorithm 1's step solve, a part of the method (`prepareStep` is the one it is built with). */
export type StepSolve = <V, M>(backend: Backend<V, M>, hessian: BackendHessian<V, M>, metric: BackendMetric<V>, g: V, context: StepContext) => PreparedStep<V>;

/** H_k as a step uses it: a backend matrix, α·vvᵀ with v in the backend (and its float64 value), or 0. */
export type BackendHessian<V, M> =
  | { readonly kind: 'dense'; readonly matrix: M }
  | { readonly kind: 'rank-one'; readonly alpha: number; readonly v: V; readonly value: HessianValue & { readonly kind: 'rank-one' } }
  | { readonly kind: 'zero' };

/** A float64 Hessian value moved into the backend. */
export function backendHessian<V, M>(backend: Backend<V, M>, value: HessianValue): BackendHessian<V, M> {
  if (value.kind === 'dense') return { kind: 'dense', matrix: backend.matrix(value.matrix) };
  if (value.kind === 'rank-one') return { kind: 'rank-one', alpha: value.alpha, v: backend.vector(value.v), value };
  return value;
}

/** H_k as a float64 dense matrix (read back from the backend where it formed H_k itself). */
export function float64Hessian<V, M>(backend: Backend<V, M>, hessian: BackendHessian<V, M>, n: number): Matrix {
  if (hessian.kind === 'dense') return backend.matrixToFloat64(hessian.matrix);
  return toDense(hessian.kind === 'rank-one' ? hessian.value : hessian, n);
}

/** H_k in the backend: formed there by the model where it can (`onBackend`), else its float64 value moved in. */
export function hessianAt<V, M>(model: HessianModel, s: SolverState<V, M>, k: number): BackendHessian<V, M> {
  const formed = model.onBackend?.(s.backend, s.oracle, s.point, k) ?? null;
  return formed !== null ? { kind: 'dense', matrix: formed } : backendHessian(s.backend, model.at(s.x, k));
}

/**
 * Sets up h(λ) = −(H + λB)⁻¹g for the trials of one outer iteration; what does not depend on λ is
 * computed here, once.
 * Dense H: the backend's prepared system for H and B (`prepareRegularized`), −g formed once; one
 * factorization of H + λB per trial.
 * Rank-one H = α·vvᵀ: Sherman–Morrison with the cached factor of B,
 *   (λB + α vvᵀ)⁻¹g = (B⁻¹g − c·B⁻¹v)/λ,  c = α⟨v, B⁻¹g⟩ / (λ + α⟨v, B⁻¹v⟩),
 * with B⁻¹g, B⁻¹v, ⟨v, B⁻¹v⟩ and ⟨v, B⁻¹g⟩ formed here, so that a trial is O(n) (the authors' `wsm`
 * backend, docs/theory.md#rank-one-step) — except when X/λ = α⟨v, B⁻¹v⟩/λ exceeds SHERMAN_MORRISON_CONDITION_LIMIT,
 * where the formula cancels. There the step is split B-orthogonally along B⁻¹v (docs/theory.md#rank-one-step):
 *   (λB + α vvᵀ)⁻¹g = p/λ + β·B⁻¹v/(λ + X),  β = ⟨v, B⁻¹g⟩/⟨v, B⁻¹v⟩,  p = B⁻¹g − β·B⁻¹v,
 * p projected off B⁻¹v a second time (⟨v, p⟩ = 0 up to rounding), so that no difference is amplified
 * by (λ + X)/λ: still O(n) a trial, as backward stable as a dense factorization of αvvᵀ + λB.
 * H ≡ 0: h = −B⁻¹g/λ, B⁻¹g formed here.
 */
export function prepareStep<V, M>(backend: Backend<V, M>, hessian: BackendHessian<V, M>, metric: BackendMetric<V>, g: V): PreparedStep<V> {
  if (hessian.kind === 'dense') {
    const system = backend.prepareRegularized(hessian.matrix, metric);
    const minusG = backend.scale(-1, g);
    return {
      at(lambda) {
        const r = system.solve(lambda, minusG);
        return r.ok ? { ok: true, h: r.x, solveResidual: r.residualBound } : { ok: false, pivot: r.pivot };
      },
    };
  }
  const bg = metric.solve(g);
  const rankOne = hessian.kind === 'rank-one' && hessian.alpha !== 0 ? hessian : null;
  // after an iterative metric solve, ‖(αvvᵀ + λB)h + g‖₂ is measured, not assumed to be rounding
  const residual = (lambda: number, h: V): number => {
    if (backend.directSolves) return 0;
    const r = backend.axpy(lambda, metric.apply(h), g);
    return backend.norm2(rankOne ? backend.axpy(rankOne.alpha * backend.dot(rankOne.v, h), rankOne.v, r) : r);
  };
  if (!rankOne) {
    return {
      at(lambda) {
        const h = backend.scale(-1 / lambda, bg);
        return { ok: true, h, solveResidual: residual(lambda, h) };
      },
    };
  }
  const { alpha, v } = rankOne;
  const limit = (SHERMAN_MORRISON_CONDITION_LIMIT * FLOAT64_UNIT_ROUNDOFF) / backend.precision.unitRoundoff;
  const bv = metric.solve(v);
  const vbv = backend.dot(v, bv);
  const vbg = backend.dot(v, bg);
  let split: { p: V; beta: number } | null = null;
  return {
    at(lambda) {
      const denominator = lambda + alpha * vbv;
      if (!(denominator > 0)) return { ok: false, pivot: 0 };
      // Sherman–Morrison cancels in B⁻¹g − c·B⁻¹v when λ ≪ α⟨v, B⁻¹v⟩ (its error grows like
      // u·α⟨v, B⁻¹v⟩/λ, not backward stable): there, the B-orthogonal split instead
      if (alpha * vbv > limit * lambda) {
        split ??= orthogonalSplit(backend, v, bv, vbv, bg, vbg);
        const h = backend.axpy(-split.beta / denominator, bv, backend.scale(-1 / lambda, split.p));
        return { ok: true, h, solveResidual: residual(lambda, h) };
      }
      const c = (alpha * vbg) / denominator;
      const h = backend.scale(-1 / lambda, backend.axpy(-c, bv, bg));
      return { ok: true, h, solveResidual: residual(lambda, h) };
    },
  };
}

/**
 * B⁻¹g = p + β·B⁻¹v with ⟨v, p⟩ = 0, β = ⟨v, B⁻¹g⟩/⟨v, B⁻¹v⟩ (p is B-orthogonal to B⁻¹v); the projection is
 * applied twice, so that ⟨v, p⟩ is rounding of p itself, not of B⁻¹g ("twice is enough", Parlett, The
 * Symmetric Eigenvalue Problem §6-9).
 */
function orthogonalSplit<V, M>(backend: Backend<V, M>, v: V, bv: V, vbv: number, bg: V, vbg: number): { p: V; beta: number } {
  const beta = vbg / vbv;
  let p = backend.axpy(-beta, bv, bg);
  p = backend.axpy(-backend.dot(v, p) / vbv, bv, p);
  return { p, beta };
}

/** h = −(H + λB)⁻¹g for a single λ: `prepareStep(…).at(λ)` (see there). */
export function regularizedStep<V, M>(backend: Backend<V, M>, hessian: BackendHessian<V, M>, lambda: number, metric: BackendMetric<V>, g: V): StepResult<V> {
  return prepareStep(backend, hessian, metric, g).at(lambda);
}

/** H·h for the three shapes of H. */
export function applyHessian<V, M>(backend: Backend<V, M>, hessian: BackendHessian<V, M>, h: V): V {
  if (hessian.kind === 'dense') return backend.matVec(hessian.matrix, h);
  if (hessian.kind === 'zero') return backend.scale(0, h);
  return backend.scale(hessian.alpha * backend.dot(hessian.v, h), hessian.v);
}
