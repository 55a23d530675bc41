import fc from 'fast-check';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { denseNetworkModel } from '../dense-network.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted } from '../oracle.js';
import type { SupervisedOracle } from '../supervised-model.js';
import { supervisedOracle } from '../supervised-oracle.js';
import { roundedUp } from './certified-spectral-bounds.js';
import { requireFinite, requireFiniteMatrix, requireInteger } from './data-validation.js';
import { readParams } from './family-params.js';
import { seeds } from './instance-names.js';
import { gaussianMatrix } from './random-data.js';

/**
 * A tiny MLP on a Gaussian mixture (docs/classes.md#mlp-mixture): inputs aᵢ ∈ ℝᵈ, a hidden layer of h tanh units
 * with bias and K linear outputs with bias, p(x, a) = W₂·(tanh(W₁·(a; 1)); 1), both layers trained,
 * x = (vec W₁, vec W₂) row-major (W₁: h × (d + 1), W₂: K × (h + 1), the bias column last), dim = h(d + 1) + K(h + 1);
 * f(x) = (1/N)·Σᵢ ℓ(p(x, aᵢ), cᵢ) + (l2/2)‖x‖² with ℓ softmax cross-entropy on the class cᵢ, or ½‖p − e_cᵢ‖²
 * (`squared`, one-hot targets). Hessian–vector products are exact (forward over reverse, dense-network.ts).
 */
export type MlpLoss = 'softmax-cross-entropy' | 'squared';

export interface MlpMixtureData {
  /** N × d, rows aᵢ */
  readonly features: Matrix;
  /** cᵢ ∈ {0, …, K − 1} */
  readonly classes: Int32Array;
  readonly classCount: number;
  readonly hidden: number;
  readonly loss: MlpLoss;
  readonly l2: number;
}

export interface MlpMixtureOracle extends SupervisedOracle {
  readonly data: MlpMixtureData;
}

function validate(data: MlpMixtureData): void {
  const { features, classes, classCount: K, hidden, l2 } = data;
  requireFiniteMatrix('features', features);
  if (features.rows < 1 || features.cols < 1) throw new InstanceError('features', `must be a non-empty N×d matrix, got ${features.rows}×${features.cols}`);
  requireInteger('classCount', K, 2);
  requireInteger('hidden', hidden, 1);
  if (classes.length !== features.rows) throw new InstanceError('classes', `has ${classes.length} entries for ${features.rows} samples`);
  const bad = classes.findIndex((c) => !(c >= 0 && c < K));
  if (bad >= 0) throw new InstanceError('classes', `label ${bad} is ${classes[bad]}, not a class in 0…${K - 1}`);
  if (!(requireFinite('l2', l2) >= 0)) throw new InstanceError('l2', `must be ≥ 0, got ${l2}`);
}

/** h(d + 1) + K(h + 1) */
export function mlpDimension(d: number, hidden: number, classes: number): number {
  return hidden * (d + 1) + classes * (hidden + 1);
}

export function mlpMixture(data: MlpMixtureData): MlpMixtureOracle {
  validate(data);
  const { features, classes, classCount: K, hidden, loss, l2 } = data;
  const labels =
    loss === 'squared'
      ? Float64Array.from({ length: classes.length * K }, (_, t) => (classes[Math.floor(t / K)] === t % K ? 1 : 0))
      : Float64Array.from(classes);
  const model = denseNetworkModel({
    features,
    labels,
    loss,
    l2,
    layers: [
      { outputs: hidden, bias: true, activation: 'tanh' },
      { outputs: K, bias: true, activation: 'identity' },
    ],
  });
  return { ...supervisedOracle(model, 'hvp-columns'), data };
}

/** γ_k = ku/(1 − ku) (Higham, Thm 3.5), u = 2⁻⁵³ */
function gamma(k: number): number {
  const ku = k * 2 ** -53;
  return ku / (1 - ku);
}

/**
 * At x = 0 with the output gradients gᵢ = ∇_pℓ(0, cᵢ) (exactly 1/K − [cᵢ = k] for cross-entropy, −[cᵢ = k] for the
 * squared loss), the entry M_kj of M = (1/N)·Σᵢ gᵢ(aᵢ; 1)ᵀ of largest certified modulus beyond l2 (computed value
 * minus its rounding bound γ_{N+2}·(1/N)Σᵢ|gᵢₖ||âᵢⱼ|), or null.
 */
function saddleWitness(data: MlpMixtureData): { k: number; j: number; value: number } | null {
  const { features: a, classes, classCount: K, loss, l2 } = data;
  const N = a.rows;
  const d = a.cols;
  let best: { k: number; j: number; value: number; excess: number } | null = null;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j <= d; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let i = 0; i < N; i++) {
        const g = (loss === 'squared' ? 0 : 1 / K) - (classes[i] === k ? 1 : 0);
        const input = j === d ? 1 : a.data[i * d + j];
        sum += g * input;
        magnitude += Math.abs(g * input);
      }
      const value = sum / N;
      const bound = roundedUp(roundedUp((gamma(N + 4) * magnitude) / N) * (1 + gamma(N + 4)));
      const excess = Math.abs(value) - bound - l2;
      if (excess > 0 && (!best || excess > best.excess)) best = { k, j, value, excess };
    }
  }
  return best && { k: best.k, j: best.j, value: best.value };
}

/** What is proven: f ≥ 0, nonconvexity by an indefinite Hessian at 0 where certified; no smoothness class. */
export function mlpMixtureCertificate(oracle: MlpMixtureOracle): Certificate {
  const witness = saddleWitness(oracle.data);
  const noClass =
    'No class is certified: the curvature is a product of weights (the W₁ block of ∇²f carries W₂ twice), and no global Lipschitz-gradient, Hölder or self-concordance constant is proven.';
  return {
    convexity: witness ? 'nonconvex' : 'unknown',
    convexityHow: witness
      ? `f ≥ 0 (each ℓ ≥ 0, l2 ≥ 0); f* is not certified. Nonconvex: in the plane x(s, t) = s·U + t·V with U = e_${witness.j}ᵀ in row 0 of W₁ and V = e_${witness.k} in column 0 of W₂ (everything else 0), p = t·V·tanh(s·U·â), so at 0 ∂²f/∂s² = ∂²f/∂t² = l2 and ∂²f/∂s∂t = tanh'(0)·(1/N)Σᵢ gᵢₖâᵢⱼ = M_kj; the computed M_kj = ${witness.value.toExponential(3)} exceeds l2 by more than its rounding bound, so ∇²f(0) has the eigenvalue l2 − |M_kj| < 0 on that plane. ${noClass}`
      : `f ≥ 0; no entry of (1/N)Σᵢ gᵢ(aᵢ; 1)ᵀ at x = 0 is certified to exceed l2 in modulus, so nonconvexity is not proven here. ${noClass}`,
    memberships: [],
  };
}

const PARAMS = {
  d: { kind: 'number', default: 2, min: 1, max: 16, integer: true },
  hidden: { kind: 'number', default: 8, min: 1, max: 32, integer: true },
  classes: { kind: 'number', default: 3, min: 2, max: 8, integer: true },
  samples: { kind: 'number', default: 32, min: 1, max: 10_000, integer: true },
  l2: { kind: 'number', default: 1e-3, min: 0, max: 1e6 },
  /** the class means are ~ N(0, separation²·I) */
  separation: { kind: 'number', default: 3, min: 0, max: 1e3 },
  loss: { kind: 'choice', default: 'softmax-cross-entropy', choices: ['softmax-cross-entropy', 'squared'] },
} as const;

/**
 * Shapes (d, h, K) drawn by `arbitrary` (d ≤ 4, h ≤ 8, K ≤ 4), their dimension in the range; a range below the
 * smallest network (d = 1, h = 1, K = 2: n = 6) gets that network.
 */
function shapesIn(options: FamilyArbitraryOptions): { d: number; hidden: number; classes: number }[] {
  const min = options.minDim ?? 1;
  const max = options.maxDim ?? 50;
  const shapes: { d: number; hidden: number; classes: number }[] = [];
  for (let d = 1; d <= 4; d++) {
    for (let hidden = 1; hidden <= 8; hidden++) {
      for (let classes = 2; classes <= 4; classes++) {
        const n = mlpDimension(d, hidden, classes);
        if (n >= min && n <= max) shapes.push({ d, hidden, classes });
      }
    }
  }
  if (shapes.length > 0) return shapes;
  if (min <= mlpDimension(1, 1, 2)) return [{ d: 1, hidden: 1, classes: 2 }];
  throw new RangeError(`mlp-mixture: no n = h(d + 1) + K(h + 1) in [${min}, ${max}] for d ≤ 4, h ≤ 8, K ≤ 4`);
}

/**
 * Random mixtures: class means μ_k ~ N(0, separation²·I_d), classes cᵢ = i mod K (balanced), aᵢ = μ_cᵢ + N(0, I_d);
 * x0: W₁ entries ~ N(0, 1/d), W₂ entries ~ N(0, 1/h), biases 0. Drawn from the seed in that order.
 */
export const mlpMixtureFamily: Family = {
  id: 'mlp-mixture',
  description:
    'a tiny MLP d → h (tanh, bias) → K (bias), both layers trained, on a Gaussian mixture of K classes: softmax cross-entropy (or squared loss on one-hot targets) + (l2/2)‖x‖², nonconvex, no certified class',
  classes: [],
  drawnByDefault: false,
  build(name: InstanceName): Instance {
    const p = readParams('mlp-mixture', name, PARAMS);
    const { d, hidden, classes: K } = p;
    const dim = mlpDimension(d, hidden, K);
    if (name.dim !== dim) throw new InstanceError('dim', `must be h(d + 1) + K(h + 1) = ${dim} for d = ${d}, hidden = ${hidden}, classes = ${K}, got ${name.dim}`);
    const next = rng(name.seed);
    const means = gaussianMatrix(K, d, next, p.separation);
    const classes = Int32Array.from({ length: p.samples }, (_, i) => i % K);
    const features = matrix(p.samples, d);
    for (let i = 0; i < p.samples; i++) for (let j = 0; j < d; j++) features.data[i * d + j] = means.data[classes[i] * d + j] + gaussian(next);
    const x0 = new Float64Array(dim);
    for (let r = 0; r < hidden; r++) for (let j = 0; j < d; j++) x0[r * (d + 1) + j] = gaussian(next) / Math.sqrt(d);
    const second = hidden * (d + 1);
    for (let k = 0; k < K; k++) for (let r = 0; r < hidden; r++) x0[second + k * (hidden + 1) + r] = gaussian(next) / Math.sqrt(hidden);
    const oracle = mlpMixture({ features, classes, classCount: K, hidden, loss: p.loss, l2: p.l2 });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: mlpMixtureCertificate(oracle) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    return fc
      .record({
        shape: fc.constantFrom(...shapesIn(options)),
        samples: fc.integer({ min: 1, max: 40 }),
        l2: fc.constantFrom(0, 1e-3, 1e-2),
        separation: fc.constantFrom(1, 3),
        loss: fc.constantFrom('softmax-cross-entropy', 'squared'),
        seed: seeds(),
      })
      .map(({ shape, seed, ...params }) => ({
        family: 'mlp-mixture',
        params: { d: shape.d, hidden: shape.hidden, classes: shape.classes, ...params },
        dim: mlpDimension(shape.d, shape.hidden, shape.classes),
        seed,
      }));
  },
};
