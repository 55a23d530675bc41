import { type Matrix, matrix } from '../linalg/matrix.js';
import { OUTPUT_LOSS } from './output-loss.js';
import { allRows, type SupervisedModel } from './supervised-model.js';

/**
 * A model linearized at x₀: p_lin(x, aᵢ) = p(x₀, aᵢ) + Jᵢ(x₀)·(x − x₀), with pᵢ(x₀) and Jᵢ(x₀) computed once and
 * stored, so the stored numbers define the function exactly (its Jacobian is constant, its loss convex in x for a
 * convex output loss). Pullbacks Jᵢᵀv and HVPs (1/|S|)ΣJᵢᵀ∇²_pℓ(p_lin,ᵢ)Jᵢw + l2·w use the stored Jacobians;
 * the layer statistics are the model's at x₀, whose errors and inputs give the same gradient blocks (∂p_lin/∂x = J(x₀)).
 */
export interface LinearizedModel extends SupervisedModel {
  readonly at: Float64Array;
  /** pᵢ(x₀), N × k row-major */
  readonly initialOutputs: Float64Array;
  /** the stored Jacobians Jᵢ(x₀) stacked, (N·k) × dim */
  readonly stackedJacobian: Matrix;
}

export function linearizedModel(model: SupervisedModel, at: Float64Array): LinearizedModel {
  const { dim, rowCount: N, outputs: k, l2 } = model;
  const loss = OUTPUT_LOSS[model.loss];
  const x0 = at.slice();
  const initialOutputs = model.predict(x0, allRows(model));
  const stackedJacobian = matrix(N * k, dim);
  for (let i = 0; i < N; i++) stackedJacobian.data.set(model.jacobian(x0, i).data, i * k * dim);
  const J = stackedJacobian.data;
  /** Jᵢ·h, k numbers */
  const apply = (row: number, h: Float64Array): Float64Array => {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let t = 0;
      const base = (row * k + c) * dim;
      for (let j = 0; j < dim; j++) t += J[base + j] * h[j];
      out[c] = t;
    }
    return out;
  };
  /** out += s·Jᵢᵀv */
  const accumulate = (out: Float64Array, row: number, s: number, v: Float64Array): void => {
    for (let c = 0; c < k; c++) {
      const sv = s * v[c];
      if (sv === 0) continue;
      const base = (row * k + c) * dim;
      for (let j = 0; j < dim; j++) out[j] += sv * J[base + j];
    }
  };
  const predict = (x: Float64Array, rows: Uint32Array): Float64Array => {
    const step = x.map((xj, j) => xj - x0[j]);
    const out = new Float64Array(rows.length * k);
    rows.forEach((row, i) => {
      const change = apply(row, step);
      for (let c = 0; c < k; c++) out[i * k + c] = initialOutputs[row * k + c] + change[c];
    });
    return out;
  };
  return {
    dim,
    rowCount: N,
    outputs: k,
    loss: model.loss,
    l2,
    linearOutputs: true,
    layers: model.layers,
    at: x0,
    initialOutputs,
    stackedJacobian,
    label: (row) => model.label(row),
    predict,
    jacobian: (_x, row) => matrix(k, dim, J.slice(row * k * dim, (row + 1) * k * dim)),
    pullback(_x, rows, v) {
      const out = new Float64Array(dim);
      rows.forEach((row, i) => accumulate(out, row, 1 / rows.length, v.subarray(i * k, (i + 1) * k)));
      return out;
    },
    layerStatistics: (_x, rows, v) => model.layerStatistics(x0, rows, v),
    hvp(x, rows, w) {
      const p = predict(x, rows);
      const out = new Float64Array(dim);
      rows.forEach((row, i) => {
        const h = loss.hessian(p.subarray(i * k, (i + 1) * k));
        const jw = apply(row, w);
        const hjw = Float64Array.from({ length: k }, (_, c) => {
          let t = 0;
          for (let e = 0; e < k; e++) t += h[c * k + e] * jw[e];
          return t;
        });
        accumulate(out, row, 1 / rows.length, hjw);
      });
      if (l2 !== 0) for (let j = 0; j < dim; j++) out[j] += l2 * w[j];
      return out;
    },
  };
}
