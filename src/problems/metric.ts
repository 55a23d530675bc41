import { denseMetric, identityMetric, type Metric } from '../linalg/metric.js';
import { InstanceError } from './family.js';
import type { MetricSpec } from './instance.js';

/** The float64 metric of a MetricSpec; a B that is not positive definite is an instance error. */
export function metricOf(spec: MetricSpec, dim: number): Metric {
  if (spec.kind === 'identity') return identityMetric(dim);
  if (spec.B.rows !== dim || spec.B.cols !== dim) throw new InstanceError('metric.B', `is ${spec.B.rows}×${spec.B.cols}, expected ${dim}×${dim}`);
  const r = denseMetric(spec.B);
  if (!r.ok) throw new InstanceError('metric.B', `is not positive definite (pivot ${r.pivot})`);
  return r.metric;
}
