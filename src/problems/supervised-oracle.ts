import { type Matrix, matrix, symmetrizeInPlace } from '../linalg/matrix.js';
import { allFinite } from '../linalg/vector.js';
import { batchGradient, batchLoss, curvatureMatrix } from './curvature.js';
import { nanMatrix, nanVector } from './families/nan-results.js';
import { allRows, type SupervisedModel, type SupervisedOracle } from './supervised-model.js';

/**
 * The full-batch oracle of a supervised model: f = batchLoss, ∇f = batchGradient and ∇²f·v = model.hvp over all
 * rows (curvature.ts), so oracle and model are one function by construction. ∇²f is assembled from dim HVPs
 * (columns, then symmetrized), or, with `hessian: 'gauss-newton'`, as the GGN (1/N)ΣJᵢᵀ∇²_pℓJᵢ + l2·I, which is
 * the (a.e.) Hessian exactly where every output is piecewise linear in x (a ReLU network with a fixed output
 * layer, a linearized model). Non-finite x gives NaN results.
 */
export function supervisedOracle(model: SupervisedModel, hessian: 'hvp-columns' | 'gauss-newton'): SupervisedOracle {
  const n = model.dim;
  const rows = allRows(model);
  return {
    dim: n,
    model,
    f: (x) => (allFinite(x) ? batchLoss(model, x, rows) : NaN),
    grad: (x) => (allFinite(x) ? batchGradient(model, x, rows) : nanVector(n)),
    hvp: (x, v) => (allFinite(x) ? model.hvp(x, rows, v) : nanVector(n)),
    hess(x): Matrix {
      if (!allFinite(x)) return nanMatrix(n);
      if (hessian === 'gauss-newton') return symmetrizeInPlace(curvatureMatrix(model, x, { kind: 'ggn', rows, labels: null }));
      const h = matrix(n, n);
      const e = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        e[j] = 1;
        const column = model.hvp(x, rows, e);
        e[j] = 0;
        for (let i = 0; i < n; i++) h.data[i * n + j] = column[i];
      }
      symmetrizeInPlace(h);
      return h;
    },
  };
}
