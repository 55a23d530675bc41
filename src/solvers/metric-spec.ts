import type { Backend, BackendMetric } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';

/** The backend's metric for a MetricSpec, or the pivot where B is not positive definite. */
export function backendMetric<V, M>(backend: Backend<V, M>, spec: MetricSpec, dim: number):
  | { ok: true; metric: BackendMetric<V> }
  | { ok: false; pivot: number } {
  if (spec.kind === 'identity') return { ok: true, metric: backend.identityMetric(dim) };
  const r = backend.metric(backend.matrix(spec.B));
  return r.ok ? r : { ok: false, pivot: r.pivot };
}
