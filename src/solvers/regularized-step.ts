import type { Backend, BackendMetric } from '../backends/backend.js';
import type { HessianValue } from '../hessians/hessian-model.js';
import { toDense } from '../hessians/dense-hessian.js';

/** `solveResidual`: the bound on ‖(H + λB)h + g‖₂ the backend vouches for (0 for a direct solve, rounding aside). */
/** above this α⟨v, B⁻¹v⟩/λ the rank-one step is solved densely (u·10⁶ ≈ 1e-10, the A1 tolerance) */
export const SHERMAN_MORRISON_CONDITION_LIMIT = 1e6;

export type StepResult<V> = { ok: true; h: V; solveResidual: number } | { ok: false; pivot: number };

/** The steps h(λ) = −(H + λB)⁻¹g of one outer iteration: H, B and g fixed, λ varying. */
export interface PreparedStep<V> {
  at(lambda: number): StepResult<V>;
}

/**
 * Sets up h(λ) = −(H + λB)⁻¹g for the trials of one outer iteration; what does not depend on λ is
 * computed here, once.
 * Dense H: the backend's prepared system for H and B (`prepareRegularized`), −g formed once; one
 * factorization of H + λB per trial.
 * Rank-one H = α·vvᵀ: Sherman–Morrison with the cached factor of B,
 *   (λB + α vvᵀ)⁻¹g = (B⁻¹g − c·B⁻¹v)/λ,  c = α⟨v, B⁻¹g⟩ / (λ + α⟨v, B⁻¹v⟩),
 * with B⁻¹g, B⁻¹v, ⟨v, B⁻¹v⟩ and ⟨v, B⁻¹g⟩ formed here, so that a trial is O(n) (the authors' `wsm`
 * backend, spec §3.4) — except when α⟨v, B⁻¹v⟩/λ exceeds SHERMAN_MORRISON_CONDITION_LIMIT, where the
 * formula cancels and αvvᵀ + λB is factored densely. H ≡ 0: h = −B⁻¹g/λ, B⁻¹g formed here.
 */
export function prepareStep<V, M>(
  backend: Backend<V, M>,
  hessian: { value: HessianValue; dense: M | null; v: V | null },
  metric: BackendMetric<V>,
  g: V,
): PreparedStep<V> {
  const { value } = hessian;
  if (value.kind === 'dense') {
    const system = backend.prepareRegularized(hessian.dense as M, metric);
    const minusG = backend.scale(-1, g);
    return {
      at(lambda) {
        const r = system.solve(lambda, minusG);
        return r.ok ? { ok: true, h: r.x, solveResidual: r.residualBound } : { ok: false, pivot: r.pivot };
      },
    };
  }
  const bg = metric.solve(g);
  const alpha = value.kind === 'zero' ? 0 : value.alpha;
  const v = value.kind === 'zero' ? null : (hessian.v as V);
  // after an iterative metric solve, ‖(αvvᵀ + λB)h + g‖₂ is measured, not assumed to be rounding
  const residual = (lambda: number, h: V): number => {
    if (backend.directSolves) return 0;
    let r = backend.axpy(lambda, metric.apply(h), g);
    if (v && alpha !== 0) r = backend.axpy(alpha * backend.dot(v, h), v, r);
    return backend.norm2(r);
  };
  if (!v || alpha === 0) {
    return {
      at(lambda) {
        const h = backend.scale(-1 / lambda, bg);
        return { ok: true, h, solveResidual: residual(lambda, h) };
      },
    };
  }
  const bv = metric.solve(v);
  const vbv = backend.dot(v, bv);
  const vbg = backend.dot(v, bg);
  let dense: PreparedStep<V> | null = null;
  return {
    at(lambda) {
      const denominator = lambda + alpha * vbv;
      if (!(denominator > 0)) return { ok: false, pivot: 0 };
      // Sherman–Morrison cancels in B⁻¹g − c·B⁻¹v when λ ≪ α⟨v, B⁻¹v⟩ (its error grows like
      // u·α⟨v, B⁻¹v⟩/λ, not backward stable): there, factor αvvᵀ + λB as a dense matrix instead
      if (alpha * vbv > SHERMAN_MORRISON_CONDITION_LIMIT * lambda) {
        if (!dense) {
          const h = toDense(value, backend.length(v));
          dense = prepareStep(backend, { value: { kind: 'dense', matrix: h }, dense: backend.matrix(h), v: null }, metric, g);
        }
        return dense.at(lambda);
      }
      const c = (alpha * vbg) / denominator;
      const h = backend.scale(-1 / lambda, backend.axpy(-c, bv, bg));
      return { ok: true, h, solveResidual: residual(lambda, h) };
    },
  };
}

/** h = −(H + λB)⁻¹g for a single λ: `prepareStep(…).at(λ)` (see there). */
export function regularizedStep<V, M>(
  backend: Backend<V, M>,
  hessian: { value: HessianValue; dense: M | null; v: V | null },
  lambda: number,
  metric: BackendMetric<V>,
  g: V,
): StepResult<V> {
  return prepareStep(backend, hessian, metric, g).at(lambda);
}

/** ⟨H h, h⟩ and H·h for the three shapes of H. */
export function applyHessian<V, M>(backend: Backend<V, M>, hessian: { value: HessianValue; dense: M | null; v: V | null }, h: V): V {
  const { value } = hessian;
  if (value.kind === 'dense') return backend.matVec(hessian.dense as M, h);
  if (value.kind === 'zero') return backend.scale(0, h);
  const v = hessian.v as V;
  return backend.scale(value.alpha * backend.dot(v, h), v);
}
