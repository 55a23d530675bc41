import { asymmetry, matrix } from '../../linalg/matrix.js';
import { denseMetric } from '../../linalg/metric.js';
import type { MetricSpec } from '../instance.js';
import type { JsonFields } from './json-fields.js';

/** Largest relative asymmetry max|bᵢⱼ − bⱼᵢ|/max|bᵢⱼ| accepted in a file's B (then symmetrized). */
const MAX_ASYMMETRY = 1e-12;

/**
 * The metric of a file: the string "identity" or {"B": [[...], ...]} with B n×n, symmetric and
 * positive definite (its Cholesky factorization succeeds).
 */
export function readMetric(fields: JsonFields, value: unknown, field: string, dim: number): MetricSpec {
  if (value === 'identity') return { kind: 'identity' };
  if (typeof value === 'string') fields.fail(field, `must be "identity" or {"B": [[...]]}, got "${value}"`);
  const obj = fields.object(value, field);
  const b = fields.matrix(fields.required(obj, 'B', `${field}.B`), `${field}.B`);
  if (b.rows !== dim || b.cols !== dim) fields.fail(`${field}.B`, `is ${b.rows}×${b.cols}, the problem has dimension ${dim}`);
  const skew = asymmetry(b);
  if (skew > MAX_ASYMMETRY) fields.fail(`${field}.B`, `is not symmetric (relative asymmetry ${skew.toExponential(2)})`);
  const symmetric = matrix(dim, dim, b.data.slice());
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (b.data[i * dim + j] + b.data[j * dim + i]);
      symmetric.data[i * dim + j] = v;
      symmetric.data[j * dim + i] = v;
    }
  }
  const factored = denseMetric(symmetric);
  if (!factored.ok) fields.fail(`${field}.B`, `is not positive definite (Cholesky pivot ${factored.pivot} fails)`);
  return { kind: 'dense', B: symmetric };
}
