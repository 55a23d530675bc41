import type { Matrix } from '../linalg/matrix.js';
import type { OutputLossId } from './output-loss.js';
import type { Oracle, OracleCounts, Problem } from './oracle.js';

/**
 * One trained layer of a model: the block x[offset, offset + outputs·inputs) holds W (outputs × inputs,
 * row-major, so x[offset + o·inputs + j] = W[o, j]); `inputs` counts a trailing constant-1 input where
 * the layer has a bias. Pre-activations z = W·a for the layer's input a.
 */
export interface LayerBlock {
  readonly offset: number;
  readonly outputs: number;
  readonly inputs: number;
  readonly bias: boolean;
}

/** Per layer, for rows i of a batch: its inputs aᵢ (|rows| × inputs) and the errors eᵢ = ∂(vᵢᵀpᵢ)/∂zᵢ (|rows| × outputs). */
export interface LayerStatistics {
  readonly inputs: Matrix;
  readonly errors: Matrix;
}

/**
 * A supervised model with data: f(x) = (1/N)·Σᵢ ℓ(p(x, aᵢ), yᵢ) + (l2/2)‖x‖² with outputs p ∈ ℝᵏ and
 * the output loss ℓ (output-loss.ts). What stochastic and curvature-based methods need beyond the
 * full-batch oracle: outputs and Jacobians per row, pullbacks (1/|S|)Σ Jᵢᵀvᵢ, the per-layer inputs and
 * errors of K-FAC, and Hessian–vector products of a batch's loss. Every batch quantity is a mean over
 * the multiset `rows` (repeats count); the regularizer enters only `hvp` (and curvature.ts's losses and
 * gradients), once. The model is the same function as the family's oracle: f(x) equals the mean over
 * all rows up to rounding.
 */
export interface SupervisedModel {
  readonly dim: number;
  /** N */
  readonly rowCount: number;
  /** k */
  readonly outputs: number;
  readonly loss: OutputLossId;
  readonly l2: number;
  /** p is affine in x (a generalized linear model: softmax and logistic regression, a linearized network), so the GGN + l2·I is ∇²f exactly */
  readonly linearOutputs?: boolean;
  /** the trained layers, their blocks in order and covering [0, dim) */
  readonly layers: readonly LayerBlock[];
  /** yᵢ, OUTPUT_LOSS[loss].labelWidth(k) numbers */
  label(row: number): Float64Array;
  /** p(x, aᵢ) for each of `rows`, |rows| × k row-major */
  predict(x: Float64Array, rows: Uint32Array): Float64Array;
  /** Jᵢ = ∂p(x, aᵢ)/∂x, k × dim */
  jacobian(x: Float64Array, row: number): Matrix;
  /** (1/|rows|)·Σ Jᵢᵀvᵢ for output vectors v (|rows| × k row-major): one backward pass per row, no regularizer */
  pullback(x: Float64Array, rows: Uint32Array, v: Float64Array): Float64Array;
  /** per layer (in `layers` order) the inputs and errors for output vectors v, as in `pullback` */
  layerStatistics(x: Float64Array, rows: Uint32Array, v: Float64Array): LayerStatistics[];
  /** (1/|rows|)·Σ ∇²ₓℓ(p(x, aᵢ), yᵢ)·w + l2·w, exact (forward over reverse; for ReLU the a.e. Hessian) */
  hvp(x: Float64Array, rows: Uint32Array, w: Float64Array): Float64Array;
}

/** An oracle that is also a supervised model (the families of networks, softmax and logistic regression). */
export interface SupervisedOracle extends Oracle {
  readonly model: SupervisedModel;
}

function isSupervisedOracle(o: Oracle): o is SupervisedOracle {
  const model = (o as Partial<SupervisedOracle>).model;
  return typeof model === 'object' && model !== null && typeof model.pullback === 'function';
}

const CALL_KIND: Readonly<Record<'predict' | 'jacobian' | 'pullback' | 'layerStatistics' | 'hvp', keyof OracleCounts>> = {
  predict: 'f',
  jacobian: 'grad',
  pullback: 'grad',
  layerStatistics: 'grad',
  hvp: 'hvp',
};

/**
 * The supervised model of a problem (looking through its call-counting wrapper), or null where it has
 * none. Through a counting problem a call on a batch of B rows counts B/N of one call of its kind
 * (predict: f; jacobian, pullback, layerStatistics: grad; hvp: hvp; a Jacobian is one row), so that
 * oracle calls are full-batch equivalents (epochs) whatever the batch sizes.
 */
export function supervisedModelOf(problem: Oracle): SupervisedModel | null {
  const inner = (problem as Partial<Problem>).oracle;
  const oracle = isSupervisedOracle(problem) ? problem : inner && isSupervisedOracle(inner) ? inner : null;
  if (!oracle) return null;
  const count = (problem as Partial<Problem>).countCall;
  if (!count) return oracle.model;
  const m = oracle.model;
  const tally = (kind: keyof typeof CALL_KIND, rows: number): void => count.call(problem, CALL_KIND[kind], rows / m.rowCount);
  return {
    dim: m.dim,
    rowCount: m.rowCount,
    outputs: m.outputs,
    loss: m.loss,
    l2: m.l2,
    linearOutputs: m.linearOutputs,
    layers: m.layers,
    label: (row) => m.label(row),
    predict: (x, rows) => (tally('predict', rows.length), m.predict(x, rows)),
    jacobian: (x, row) => (tally('jacobian', 1), m.jacobian(x, row)),
    pullback: (x, rows, v) => (tally('pullback', rows.length), m.pullback(x, rows, v)),
    layerStatistics: (x, rows, v) => (tally('layerStatistics', rows.length), m.layerStatistics(x, rows, v)),
    hvp: (x, rows, w) => (tally('hvp', rows.length), m.hvp(x, rows, w)),
  };
}

/** Rows 0, …, N − 1: the full batch. */
export function allRows(model: Pick<SupervisedModel, 'rowCount'>): Uint32Array {
  return Uint32Array.from({ length: model.rowCount }, (_, i) => i);
}
