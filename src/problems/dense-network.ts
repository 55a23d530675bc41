import { type Matrix, matrix } from '../linalg/matrix.js';
import { OUTPUT_LOSS, type OutputLossId } from './output-loss.js';
import type { LayerBlock, LayerStatistics, SupervisedModel } from './supervised-model.js';

/**
 * A dense feed-forward network as a supervised model (supervised-model.ts). For the input â₀ = aᵢ:
 * z_l = W_l·â_{l−1}, a_l = φ_l(z_l), where â = (a; 1) for a layer with a bias, and the output is p = z_L
 * (the last layer is linear). Each W_l (outputs × inputs, row-major) is a block of x, or fixed.
 * Backpropagation: δ_L = v, ∂(vᵀp)/∂W_l = δ_l·â_{l−1}ᵀ, δ_{l−1} = φ'(z_{l−1})∘W̄_lᵀδ_l (W̄: W without its bias column).
 * Hessian–vector products along w by forward over reverse (Pearlmutter 1994, the R-operator R{·} = d/dt·|_{x + tw}):
 * R{z_l} = V_l·â_{l−1} + W_l·R{â_{l−1}} (V_l the block of w, 0 for a fixed layer), R{a_l} = φ'(z_l)∘R{z_l},
 * R{δ_L} = ∇²_pℓ(p)·R{z_L}, R{δ_{l−1}} = φ''(z_{l−1})∘R{z_{l−1}}∘W̄_lᵀδ_l + φ'(z_{l−1})∘(V̄_lᵀδ_l + W̄_lᵀR{δ_l}),
 * R{∂ℓ/∂W_l} = R{δ_l}·â_{l−1}ᵀ + δ_l·R{â_{l−1}}ᵀ. For ReLU φ'' = 0 and φ'(0) = 0: the a.e. Hessian.
 */
export const ACTIVATIONS = ['identity', 'tanh', 'relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseLayer {
  readonly outputs: number;
  readonly bias: boolean;
  /** φ_l; the last layer's must be `identity` */
  readonly activation: Activation;
  /** W_l (outputs × inputs, the bias column last) when the layer is not trained */
  readonly fixed?: Float64Array;
}

export interface DenseNetwork {
  /** N × d, rows aᵢ */
  readonly features: Matrix;
  /** N × label width (output-loss.ts) */
  readonly labels: Float64Array;
  readonly loss: OutputLossId;
  readonly l2: number;
  readonly layers: readonly DenseLayer[];
}

/** φ(z), φ'(z), φ''(z) */
const ACTIVATION: Readonly<Record<Activation, { value(z: number): number; slope(z: number): number; curvature(z: number): number }>> = {
  identity: { value: (z) => z, slope: () => 1, curvature: () => 0 },
  tanh: {
    value: (z) => Math.tanh(z),
    slope: (z) => 1 - Math.tanh(z) ** 2,
    curvature: (z) => {
      const t = Math.tanh(z);
      return -2 * t * (1 - t * t);
    },
  },
  relu: { value: (z) => (z > 0 ? z : 0), slope: (z) => (z > 0 ? 1 : 0), curvature: () => 0 },
};

interface Shape {
  readonly outputs: number;
  /** columns of W_l, the bias column included */
  readonly inputs: number;
  readonly bias: boolean;
  readonly activation: Activation;
  /** offset of W_l in x, or −1 when fixed */
  readonly offset: number;
  readonly fixed: Float64Array | null;
}

function shapesOf(network: DenseNetwork): { shapes: Shape[]; dim: number } {
  let width = network.features.cols;
  let dim = 0;
  const shapes = network.layers.map((layer, l): Shape => {
    const inputs = width + (layer.bias ? 1 : 0);
    if (l === network.layers.length - 1 && layer.activation !== 'identity') throw new RangeError('denseNetworkModel: the last layer must be linear');
    if (layer.fixed && layer.fixed.length !== layer.outputs * inputs) throw new RangeError(`denseNetworkModel: fixed layer ${l} needs ${layer.outputs * inputs} weights`);
    const offset = layer.fixed ? -1 : dim;
    if (!layer.fixed) dim += layer.outputs * inputs;
    width = layer.outputs;
    return { outputs: layer.outputs, inputs, bias: layer.bias, activation: layer.activation, offset, fixed: layer.fixed ?? null };
  });
  return { shapes, dim };
}

/** z = W·â */
function affine(w: Float64Array, s: Shape, input: Float64Array): Float64Array {
  const z = new Float64Array(s.outputs);
  for (let o = 0; o < s.outputs; o++) {
    let t = 0;
    for (let j = 0; j < s.inputs; j++) t += w[o * s.inputs + j] * input[j];
    z[o] = t;
  }
  return z;
}

/** W̄ᵀδ (W without its bias column) */
function backward(w: Float64Array, s: Shape, delta: Float64Array): Float64Array {
  const width = s.inputs - (s.bias ? 1 : 0);
  const g = new Float64Array(width);
  for (let o = 0; o < s.outputs; o++) for (let j = 0; j < width; j++) g[j] += w[o * s.inputs + j] * delta[o];
  return g;
}

/** out += c·δ·âᵀ in the layer's block */
function addOuter(out: Float64Array, s: Shape, c: number, delta: Float64Array, input: Float64Array): void {
  for (let o = 0; o < s.outputs; o++) {
    const co = c * delta[o];
    if (co === 0) continue;
    for (let j = 0; j < s.inputs; j++) out[s.offset + o * s.inputs + j] += co * input[j];
  }
}

export function denseNetworkModel(network: DenseNetwork): SupervisedModel {
  const { shapes, dim } = shapesOf(network);
  const { features, labels, loss: lossId, l2 } = network;
  const loss = OUTPUT_LOSS[lossId];
  const N = features.rows;
  const d = features.cols;
  const k = shapes[shapes.length - 1].outputs;
  const labelWidth = loss.labelWidth(k);
  if (labels.length !== N * labelWidth) throw new RangeError(`denseNetworkModel: ${N} rows need ${N * labelWidth} label numbers, got ${labels.length}`);
  const layers: LayerBlock[] = shapes.filter((s) => s.offset >= 0).map((s) => ({ offset: s.offset, outputs: s.outputs, inputs: s.inputs, bias: s.bias }));
  const weights = (x: Float64Array, s: Shape): Float64Array => s.fixed ?? x.subarray(s.offset, s.offset + s.outputs * s.inputs);
  const withBias = (s: Shape, a: Float64Array, one: number): Float64Array => {
    if (!s.bias) return a;
    const out = new Float64Array(a.length + 1);
    out.set(a);
    out[a.length] = one;
    return out;
  };
  /** per layer the input â_{l−1} and the pre-activation z_l of row i */
  const forward = (x: Float64Array, row: number): { inputs: Float64Array[]; pre: Float64Array[] } => {
    let a = features.data.subarray(row * d, (row + 1) * d);
    const inputs: Float64Array[] = [];
    const pre: Float64Array[] = [];
    for (const s of shapes) {
      const input = withBias(s, a, 1);
      const z = affine(weights(x, s), s, input);
      inputs.push(input);
      pre.push(z);
      a = z.map(ACTIVATION[s.activation].value);
    }
    return { inputs, pre };
  };
  /** δ_l for each layer, from δ_L = v */
  const errors = (x: Float64Array, pass: { pre: Float64Array[] }, v: Float64Array): Float64Array[] => {
    const deltas: Float64Array[] = new Array(shapes.length);
    deltas[shapes.length - 1] = v.slice();
    for (let l = shapes.length - 1; l > 0; l--) {
      const g = backward(weights(x, shapes[l]), shapes[l], deltas[l]);
      const slope = ACTIVATION[shapes[l - 1].activation].slope;
      deltas[l - 1] = g.map((gj, j) => slope(pass.pre[l - 1][j]) * gj);
    }
    return deltas;
  };
  const label = (row: number): Float64Array => labels.slice(row * labelWidth, (row + 1) * labelWidth);
  const pullback = (x: Float64Array, rows: Uint32Array, v: Float64Array): Float64Array => {
    const out = new Float64Array(dim);
    const c = 1 / rows.length;
    rows.forEach((row, i) => {
      const pass = forward(x, row);
      const deltas = errors(x, pass, v.subarray(i * k, (i + 1) * k));
      shapes.forEach((s, l) => s.offset >= 0 && addOuter(out, s, c, deltas[l], pass.inputs[l]));
    });
    return out;
  };
  return {
    dim,
    rowCount: N,
    outputs: k,
    loss: lossId,
    l2,
    // one trained linear layer fed by the features: p is affine in x
    linearOutputs: shapes.length === 1 && shapes[0].offset >= 0 && shapes[0].activation === 'identity',
    layers,
    label,
    predict(x, rows) {
      const out = new Float64Array(rows.length * k);
      rows.forEach((row, i) => out.set(forward(x, row).pre[shapes.length - 1], i * k));
      return out;
    },
    jacobian(x, row) {
      const jac = matrix(k, dim);
      const pass = forward(x, row);
      for (let c = 0; c < k; c++) {
        const deltas = errors(x, pass, Float64Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
        const line = new Float64Array(dim);
        shapes.forEach((s, l) => s.offset >= 0 && addOuter(line, s, 1, deltas[l], pass.inputs[l]));
        jac.data.set(line, c * dim);
      }
      return jac;
    },
    pullback,
    layerStatistics(x, rows, v): LayerStatistics[] {
      const trained = shapes.map((s, l) => ({ s, l })).filter(({ s }) => s.offset >= 0);
      const stats = trained.map(({ s }) => ({ inputs: matrix(rows.length, s.inputs), errors: matrix(rows.length, s.outputs) }));
      rows.forEach((row, i) => {
        const pass = forward(x, row);
        const deltas = errors(x, pass, v.subarray(i * k, (i + 1) * k));
        trained.forEach(({ s, l }, t) => {
          stats[t].inputs.data.set(pass.inputs[l], i * s.inputs);
          stats[t].errors.data.set(deltas[l], i * s.outputs);
        });
      });
      return stats;
    },
    hvp(x, rows, w) {
      const out = new Float64Array(dim);
      const c = 1 / rows.length;
      rows.forEach((row) => {
        const pass = forward(x, row);
        const rInputs: Float64Array[] = [];
        const rPre: Float64Array[] = [];
        let ra = new Float64Array(d);
        for (const [l, s] of shapes.entries()) {
          const rInput = withBias(s, ra, 0);
          const rz = affine(weights(x, s), s, rInput);
          if (s.offset >= 0) {
            const dz = affine(w.subarray(s.offset, s.offset + s.outputs * s.inputs), s, pass.inputs[l]);
            for (let o = 0; o < s.outputs; o++) rz[o] += dz[o];
          }
          rInputs.push(rInput);
          rPre.push(rz);
          const slope = ACTIVATION[s.activation].slope;
          ra = rz.map((r, o) => slope(pass.pre[l][o]) * r);
        }
        const L = shapes.length - 1;
        const p = pass.pre[L];
        const deltas = errors(x, pass, loss.gradient(p, label(row)));
        const hp = loss.hessian(p);
        let rDelta = Float64Array.from({ length: k }, (_, o) => {
          let t = 0;
          for (let j = 0; j < k; j++) t += hp[o * k + j] * rPre[L][j];
          return t;
        });
        for (let l = L; l >= 0; l--) {
          const s = shapes[l];
          if (s.offset >= 0) {
            addOuter(out, s, c, rDelta, pass.inputs[l]);
            addOuter(out, s, c, deltas[l], rInputs[l]);
          }
          if (l === 0) break;
          const below = shapes[l - 1];
          const g = backward(weights(x, s), s, deltas[l]);
          const rg = backward(weights(x, s), s, rDelta);
          if (s.offset >= 0) {
            const dg = backward(w.subarray(s.offset, s.offset + s.outputs * s.inputs), s, deltas[l]);
            for (let j = 0; j < rg.length; j++) rg[j] += dg[j];
          }
          const { slope, curvature } = ACTIVATION[below.activation];
          const z = pass.pre[l - 1];
          rDelta = rg.map((r, j) => curvature(z[j]) * rPre[l - 1][j] * g[j] + slope(z[j]) * r);
        }
      });
      if (l2 !== 0) for (let j = 0; j < dim; j++) out[j] += l2 * w[j];
      return out;
    },
  };
}
