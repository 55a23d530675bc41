import type { Backend, BackendMetric } from '../backends/backend.js';
import type { HessianValue } from '../hessians/hessian-model.js';

export type StepResult<V> = { ok: true; h: V } | { ok: false; pivot: number };

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
 * backend, spec §3.4). H ≡ 0: h = −B⁻¹g/λ, B⁻¹g formed here.
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
        return r.ok ? { ok: true, h: r.x } : { ok: false, pivot: r.pivot };
      },
    };
  }
  const bg = metric.solve(g);
  if (value.kind === 'zero' || value.alpha === 0) return { at: (lambda) => ({ ok: true, h: backend.scale(-1 / lambda, bg) }) };
  const { alpha } = value;
  const v = hessian.v as V;
  const bv = metric.solve(v);
  const vbv = backend.dot(v, bv);
  const vbg = backend.dot(v, bg);
  return {
    at(lambda) {
      const denominator = lambda + alpha * vbv;
      if (!(denominator > 0)) return { ok: false, pivot: 0 };
      const c = (alpha * vbg) / denominator;
      return { ok: true, h: backend.scale(-1 / lambda, backend.axpy(-c, bv, bg)) };
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
