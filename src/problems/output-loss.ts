/**
 * The loss ℓ(p, y) of a model's output p ∈ ℝᵏ against a label y, with what curvature models need:
 * ∇_pℓ, ∇²_pℓ (which for these three losses does not depend on y) and a label drawn from the model's
 * predictive distribution, so that E_ŷ[∇_pℓ(p, ŷ)∇_pℓ(p, ŷ)ᵀ] = ∇²_pℓ(p) (Fisher = GGN for them).
 * - `squared`: ℓ = ½‖p − y‖², y ∈ ℝᵏ, ŷ ~ N(p, I); ∇²_pℓ = I
 * - `softmax-cross-entropy`: ℓ = lse(p) − p_y, y ∈ {0, …, k − 1} stored as one number, ŷ ~ Cat(softmax p); ∇²_pℓ = diag(s) − ssᵀ
 * - `logistic`: k = 1, ℓ = log(1 + e^(−yp)), y ∈ {−1, +1}, P(ŷ = +1) = σ(p); ∇²_pℓ = σ(p)σ(−p)
 */
import { gaussian } from '../random/prng.js';

export const OUTPUT_LOSSES = ['squared', 'softmax-cross-entropy', 'logistic'] as const;
export type OutputLossId = (typeof OUTPUT_LOSSES)[number];

export interface OutputLoss {
  readonly id: OutputLossId;
  /** numbers per label: k for `squared`, 1 otherwise */
  labelWidth(outputs: number): number;
  value(p: Float64Array, y: Float64Array): number;
  gradient(p: Float64Array, y: Float64Array): Float64Array;
  /** ∇²_pℓ(p), k×k row-major */
  hessian(p: Float64Array): Float64Array;
  /** a label drawn from the predictive distribution at p, using uniforms from `next` */
  sample(p: Float64Array, next: () => number): Float64Array;
}

/** σ(t) = 1/(1 + e^(−t)) without overflow. */
export function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** softmax(p), shifted by max p. */
export function softmax(p: Float64Array): Float64Array {
  let top = -Infinity;
  for (const v of p) top = Math.max(top, v);
  const s = p.map((v) => Math.exp(v - top));
  let total = 0;
  for (const v of s) total += v;
  for (let i = 0; i < s.length; i++) s[i] /= total;
  return s;
}

const squared: OutputLoss = {
  id: 'squared',
  labelWidth: (k) => k,
  value(p, y) {
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
    return s / 2;
  },
  gradient: (p, y) => p.map((v, i) => v - y[i]),
  hessian(p) {
    const k = p.length;
    const h = new Float64Array(k * k);
    for (let i = 0; i < k; i++) h[i * k + i] = 1;
    return h;
  },
  sample: (p, next) => p.map((v) => v + gaussian(next)),
};

const softmaxCrossEntropy: OutputLoss = {
  id: 'softmax-cross-entropy',
  labelWidth: () => 1,
  value(p, y) {
    let top = -Infinity;
    for (const v of p) top = Math.max(top, v);
    let total = 0;
    for (const v of p) total += Math.exp(v - top);
    return top + Math.log(total) - p[y[0]];
  },
  gradient(p, y) {
    const s = softmax(p);
    s[y[0]] -= 1;
    return s;
  },
  hessian(p) {
    const s = softmax(p);
    const k = p.length;
    const h = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) h[i * k + j] = (i === j ? s[i] : 0) - s[i] * s[j];
    return h;
  },
  sample(p, next) {
    const s = softmax(p);
    const u = next();
    let c = 0;
    let acc = s[0];
    while (c < s.length - 1 && u >= acc) acc += s[++c];
    return Float64Array.of(c);
  },
};

const logistic: OutputLoss = {
  id: 'logistic',
  labelWidth: () => 1,
  value(p, y) {
    const z = y[0] * p[0];
    return z >= 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  },
  gradient: (p, y) => Float64Array.of(-y[0] * sigmoid(-y[0] * p[0])),
  hessian: (p) => Float64Array.of(sigmoid(p[0]) * sigmoid(-p[0])),
  sample: (p, next) => Float64Array.of(next() < sigmoid(p[0]) ? 1 : -1),
};

export const OUTPUT_LOSS: Readonly<Record<OutputLossId, OutputLoss>> = { squared, 'softmax-cross-entropy': softmaxCrossEntropy, logistic };
