import type { Backend, BackendMetric } from '../backends/backend.js';
import type { HessianValue } from '../hessians/hessian-model.js';

export type StepResult<V> = { ok: true; h: V } | { ok: false; pivot: number };

/**
 * h = −(H + λB)⁻¹ g. Dense H: one factorization of H + λB. Rank-one H = α·vvᵀ: Sherman–Morrison
 * with the cached factor of B,
 *   (λB + α vvᵀ)⁻¹g = (B⁻¹g − c·B⁻¹v)/λ,  c = α⟨v, B⁻¹g⟩ / (λ + α⟨v, B⁻¹v⟩),
 * O(n²) per trial (the authors' `wsm` backend, spec §3.4). H ≡ 0: h = −B⁻¹g/λ.
 */
export function regularizedStep<V, M>(
  backend: Backend<V, M>,
  hessian: { value: HessianValue; dense: M | null; v: V | null },
  lambda: number,
  metric: BackendMetric<V>,
  g: V,
): StepResult<V> {
  const { value } = hessian;
  if (value.kind === 'dense') {
    const r = backend.solveRegularized(hessian.dense as M, lambda, metric, backend.scale(-1, g));
    return r.ok ? { ok: true, h: r.x } : { ok: false, pivot: r.pivot };
  }
  const bg = metric.solve(g);
  if (value.kind === 'zero' || value.alpha === 0) return { ok: true, h: backend.scale(-1 / lambda, bg) };
  const v = hessian.v as V;
  const bv = metric.solve(v);
  const denominator = lambda + value.alpha * backend.dot(v, bv);
  if (!(denominator > 0)) return { ok: false, pivot: 0 };
  const c = (value.alpha * backend.dot(v, bg)) / denominator;
  return { ok: true, h: backend.scale(-1 / lambda, backend.axpy(-c, bv, bg)) };
}

/** ⟨H h, h⟩ and H·h for the three shapes of H. */
export function applyHessian<V, M>(backend: Backend<V, M>, hessian: { value: HessianValue; dense: M | null; v: V | null }, h: V): V {
  const { value } = hessian;
  if (value.kind === 'dense') return backend.matVec(hessian.dense as M, h);
  if (value.kind === 'zero') return backend.scale(0, h);
  const v = hessian.v as V;
  return backend.scale(value.alpha * backend.dot(v, h), v);
}
