import fc from 'fast-check';
import { type Matrix, matrix, transpose } from '../../linalg/matrix.js';
import { allFinite, norm2 } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { denseNetworkModel } from '../dense-network.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { linearizedModel } from '../linearized-model.js';
import { counted } from '../oracle.js';
import { allRows, type SupervisedModel, type SupervisedOracle } from '../supervised-model.js';
import { supervisedOracle } from '../supervised-oracle.js';
import { gramEigenvalueEnclosure, roundedDown, roundedUp } from './certified-spectral-bounds.js';
import { requireFinite, requireFiniteMatrix } from './data-validation.js';
import { readParams } from './family-params.js';
import { productShapes, seeds } from './instance-names.js';
import { nanVector } from './nan-results.js';
import { gaussianMatrix, gaussianVector } from './random-data.js';

/**
 * The two-layer ReLU network of the GRNG analysis (Dash et al., arXiv 2601.18420 [S]; docs/classes.md#two-layer-relu):
 * u(W, xᵢ) = (1/√m)·Σᵣ aᵣ·relu(⟨wᵣ, xᵢ⟩) with fixed output weights aᵣ = +1 (r < m/2), −1 (r ≥ m/2), only
 * W (m × d) trained, x = vec(W) row-major (x[r·d + j] = W[r, j]), and
 * f(W) = (1/n)·Σᵢ ½(u(W, xᵢ) − yᵢ)² + (l2/2)‖W‖_F². u is piecewise linear in W, so the a.e. Hessian is the
 * Gauss–Newton matrix JᵀJ/n + l2·I (J = ∂u/∂vec W, n × m·d). The linearized variant replaces u by
 * u_lin(W) = u(W₀, ·) + J(W₀)·vec(W − W₀) at the initial W₀ (stored in float64), a convex quadratic, on which
 * the residuals r = u_lin − y move exactly by r(x + δ) = r(x) + J·δ.
 */
export interface TwoLayerReluData {
  /** n × d, rows xᵢ (normalized to the unit sphere) */
  readonly points: Matrix;
  /** yᵢ */
  readonly targets: Float64Array;
  /** m, even */
  readonly width: number;
  readonly l2: number;
  /** W₀ when the network is linearized there, else null */
  readonly linearizedAt: Float64Array | null;
}

export interface TwoLayerReluOracle extends SupervisedOracle {
  readonly data: TwoLayerReluData;
  /** r = u(x, ·) − y, n numbers (u_lin for the linearized network) */
  residuals(x: Float64Array): Float64Array;
  /** J = ∂u/∂x at x, n × dim (constant, J(W₀), for the linearized network) */
  outputJacobian(x: Float64Array): Matrix;
}

function validate(data: TwoLayerReluData): void {
  const { points, targets, width, l2, linearizedAt } = data;
  requireFiniteMatrix('points', points);
  if (points.rows < 1 || points.cols < 1) throw new InstanceError('points', `must be a non-empty n×d matrix, got ${points.rows}×${points.cols}`);
  if (targets.length !== points.rows) throw new InstanceError('targets', `has ${targets.length} entries for ${points.rows} points`);
  if (!allFinite(targets)) throw new InstanceError('targets', 'must be finite');
  if (!(Number.isInteger(width) && width >= 2 && width % 2 === 0)) throw new InstanceError('width', `must be an even integer ≥ 2, got ${width}`);
  if (!(requireFinite('l2', l2) >= 0)) throw new InstanceError('l2', `must be ≥ 0, got ${l2}`);
  if (linearizedAt && (linearizedAt.length !== width * points.cols || !allFinite(linearizedAt))) {
    throw new InstanceError('linearizedAt', `must be ${width * points.cols} finite numbers`);
  }
}

/** aᵣ/√m: +1/√m for the first half of the hidden units, −1/√m for the second */
function outputWeights(m: number): Float64Array {
  return Float64Array.from({ length: m }, (_, r) => (r < m / 2 ? 1 : -1) / Math.sqrt(m));
}

export function twoLayerRelu(data: TwoLayerReluData): TwoLayerReluOracle {
  validate(data);
  const { points, targets, width: m, l2, linearizedAt } = data;
  const n = points.rows;
  const network: SupervisedModel = denseNetworkModel({
    features: points,
    labels: targets,
    loss: 'squared',
    l2,
    layers: [
      { outputs: m, bias: false, activation: 'relu' },
      { outputs: 1, bias: false, activation: 'identity', fixed: outputWeights(m) },
    ],
  });
  const linear = linearizedAt ? linearizedModel(network, linearizedAt) : null;
  const model = linear ?? network;
  const rows = allRows(model);
  const dim = model.dim;
  return {
    ...supervisedOracle(model, 'gauss-newton'),
    data,
    residuals(x) {
      if (!allFinite(x)) return nanVector(n);
      const u = model.predict(x, rows);
      return u.map((ui, i) => ui - targets[i]);
    },
    outputJacobian(x) {
      if (!allFinite(x)) return matrix(n, dim, new Float64Array(n * dim).fill(NaN));
      if (linear) return matrix(n, dim, linear.stackedJacobian.data.slice());
      const J = matrix(n, dim);
      for (let i = 0; i < n; i++) J.data.set(model.jacobian(x, i).data, i * dim);
      return J;
    },
  };
}

/** γ_k = ku/(1 − ku) (Higham, Thm 3.5), u = 2⁻⁵³ */
function gamma(k: number): number {
  const ku = k * 2 ** -53;
  return ku / (1 - ku);
}

/**
 * A point xⱼ with S = Σᵢ yᵢ|⟨xⱼ, xᵢ⟩| certified nonzero: |computed S| above its rounding bound γ_{n+d+4}·Σᵢ|yᵢ|·|xⱼ|ᵀ|xᵢ|
 * (Higham, Thm 3.5, for the dot products and the sum), the largest such margin; null when none is.
 */
function kinkWitness(points: Matrix, y: Float64Array): { index: number; sum: number } | null {
  const { rows: n, cols: d } = points;
  const row = (i: number) => points.data.subarray(i * d, (i + 1) * d);
  let best: { index: number; sum: number; excess: number } | null = null;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      let c = 0;
      for (let l = 0; l < d; l++) {
        t += row(j)[l] * row(i)[l];
        c += Math.abs(row(j)[l] * row(i)[l]);
      }
      sum += y[i] * Math.abs(t);
      magnitude += Math.abs(y[i]) * c;
    }
    const bound = roundedUp(roundedUp(gamma(n + d + 4) * magnitude) * (1 + gamma(n + d + 4)));
    const excess = Math.abs(sum) - bound;
    if (excess > 0 && (!best || excess > best.excess)) best = { index: j, sum, excess };
  }
  return best && { index: best.index, sum: best.sum };
}

const NOT_SMOOTH = 'No smoothness class: relu has a kink, so ∇f jumps where some ⟨wᵣ, xᵢ⟩ = 0 (f is not C¹, no Lipschitz gradient or Hölder Hessian).';

/** What is proven about the ReLU network (convexity by a kink, no class) or its linearization (a convex quadratic). */
export function twoLayerReluCertificate(oracle: TwoLayerReluOracle, x0: Float64Array): Certificate {
  const { points, targets, width: m, l2, linearizedAt } = oracle.data;
  const n = points.rows;
  if (!linearizedAt) {
    const witness = kinkWitness(points, targets);
    return {
      convexity: witness ? 'nonconvex' : 'unknown',
      convexityHow: witness
        ? `f ≥ 0 (a mean of squares plus (l2/2)‖W‖²); f* is not certified. Nonconvex: take W = 0 except row r, wᵣ = t·xⱼ (j = ${witness.index}). With sᵢ = ⟨xⱼ, xᵢ⟩, u(t, xᵢ) = (aᵣ/√m)·relu(t·sᵢ), so f'(0⁺) − f'(0⁻) = −(aᵣ/(n√m))·Σᵢ yᵢ|sᵢ| (the l2 term is smooth); a convex f needs f'(0⁻) ≤ f'(0⁺) for both signs aᵣ = ±1, i.e. S = Σᵢ yᵢ|sᵢ| = 0, but the computed S = ${witness.sum.toExponential(3)} exceeds its rounding bound γ_{n+d+4}·Σᵢ|yᵢ|·|xⱼ|ᵀ|xᵢ|. ${NOT_SMOOTH}`
        : `f ≥ 0; no point xⱼ gives Σᵢ yᵢ|⟨xⱼ, xᵢ⟩| certified nonzero, so nonconvexity is not proven here. ${NOT_SMOOTH}`,
      memberships: [],
    };
  }
  const J = oracle.outputJacobian(linearizedAt);
  // eigenvalues of JJᵀ (n × n): the nonzero eigenvalues of JᵀJ, and λ_min(JJᵀ) > 0 means J has full row rank
  const spectrum = gramEigenvalueEnclosure(transpose(J));
  const L = roundedUp(roundedUp(spectrum.max / roundedDown(n)) + l2);
  const solvable = l2 === 0 && spectrum.min > 0;
  const certificate: Certificate = {
    convexity: l2 > 0 ? 'strongly-convex' : 'convex',
    convexityHow: `The linearized network: u_lin is affine in x with the stored J = J(W₀) (n × ${m}·d), so f = (1/n)·Σᵢ½(u_lin,ᵢ − yᵢ)² + (l2/2)‖x‖² is a quadratic with ∇²f = JᵀJ/n + l2·I ⪰ ${l2 > 0 ? 'l2·I, l2 > 0' : '0'}.${
      solvable
        ? ` f* = 0: λ_min(JJᵀ) ≥ ${spectrum.min.toExponential(3)} > 0 (eigensolver value minus its forming and backward-error margins), so J has full row rank and x₀ + Jᵀ(JJᵀ)⁻¹(y − u(W₀)) interpolates every point.`
        : l2 > 0
          ? ' f* is not certified (l2 > 0 keeps it above 0).'
          : ' f* is not certified: λ_min(JJᵀ) could not be certified positive.'
    }`,
    memberships: [
      {
        class: 'lipschitz-gradient',
        L,
        how: '∇²f ≡ JᵀJ/n + l2·I, so L = λ_max(JᵀJ)/n + l2 = λ_max(JJᵀ)/n + l2 (the same nonzero eigenvalues), attained; λ_max(JJᵀ) of the stored J bounded above with its forming and eigensolver margins.',
      },
    ],
    ...(solvable ? { fStar: 0 } : {}),
  };
  if (l2 === 0) return certificate;
  const f0 = oracle.f(x0);
  const f0Upper = roundedUp(f0 * (1 + (oracle.dim + n + 16) * 2 ** -52));
  return {
    ...certificate,
    sublevelRadius: roundedUp(Math.sqrt(roundedUp((2 * f0Upper) / l2)) * (1 + 2 ** -50)),
    sublevelRadiusHow: 'l2-strong convexity and f* ≥ 0: (l2/2)‖x − x*‖² ≤ f(x0) − f* ≤ f(x0) (f(x0) rounded up).',
  };
}

const PARAMS = {
  /** input dimension; the width is m = n/d */
  d: { kind: 'number', default: 4, min: 1, max: 64, integer: true },
  points: { kind: 'number', default: 8, min: 1, max: 16, integer: true },
  /** 1: the network linearized at x0 */
  linearized: { kind: 'number', default: 0, min: 0, max: 1, integer: true },
  l2: { kind: 'number', default: 0, min: 0, max: 1e6 },
  /** targets yᵢ ~ N(0, targetScale²) */
  targetScale: { kind: 'number', default: 1, min: 0, max: 1e6 },
} as const;

const MAX_INPUTS_DRAWN = 4;

/**
 * Random two-layer ReLU regressions: points xᵢ = gᵢ/‖gᵢ‖ (gᵢ ~ N(0, I_d)) on the unit sphere, targets yᵢ ~ N(0, targetScale²),
 * x0 = W₀ with entries ~ N(0, 1) (the NTK initialization), all from the seed in that order.
 */
export const twoLayerReluFamily: Family = {
  id: 'two-layer-relu',
  description:
    'two-layer ReLU network (1/n)Σ ½((1/√m)Σᵣ aᵣ relu(⟨wᵣ, xᵢ⟩) − yᵢ)² + (l2/2)‖W‖², fixed aᵣ = ±1, W (m×d) trained, n ≤ 16 points on the sphere; linearized=1: its linearization at the NTK initialization x0 (a convex quadratic)',
  classes: ['lipschitz-gradient'],
  drawnByDefault: false,
  build(name: InstanceName): Instance {
    const p = readParams('two-layer-relu', name, PARAMS);
    const d = p.d;
    if (name.dim % d !== 0) throw new InstanceError('dim', `n = ${name.dim} is not a multiple of d = ${d}`);
    const m = name.dim / d;
    if (m % 2 !== 0) throw new InstanceError('dim', `the width m = n/d = ${m} must be even (half the output weights +1, half −1)`);
    const next = rng(name.seed);
    const points = gaussianMatrix(p.points, d, next);
    for (let i = 0; i < p.points; i++) {
      const row = points.data.subarray(i * d, (i + 1) * d);
      const length = norm2(row);
      if (length === 0) row[0] = 1;
      else for (let j = 0; j < d; j++) row[j] /= length;
    }
    const targets = gaussianVector(p.points, next, p.targetScale);
    const x0 = gaussianVector(m * d, next);
    const oracle = twoLayerRelu({ points, targets, width: m, l2: p.l2, linearizedAt: p.linearized === 1 ? x0 : null });
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: twoLayerReluCertificate(oracle, x0) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    const shapes = productShapes('two-layer-relu', 'm·d (m even)', { ...options, minDim: Math.max(2, options.minDim ?? 1) }, 1, MAX_INPUTS_DRAWN).filter(
      (s) => s.d % 2 === 0,
    );
    if (shapes.length === 0) throw new RangeError('two-layer-relu: no n = m·d with m even in the dimension range');
    return fc
      .record({
        shape: fc.constantFrom(...shapes),
        points: fc.integer({ min: 1, max: 16 }),
        linearized: fc.constantFrom(0, 1),
        l2: fc.constantFrom(0, 1e-3, 0.1),
        seed: seeds(),
      })
      .map(({ shape, seed, ...params }) => ({ family: 'two-layer-relu', params: { d: shape.k, ...params }, dim: shape.k * shape.d, seed }));
  },
};
