import fc from 'fast-check';
import { type Matrix, matMul, matrix } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { dyadicGaussian, isDyadicSample } from './dyadic-gaussian.js';
import { requireFinite, requireFiniteMatrix, requireInteger } from './data-validation.js';
import { readParams } from './family-params.js';
import { productShapes, seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * Asymmetric low-rank matrix factorization with a balancing penalty,
 * f(W, H) = ½‖WHᵀ − Y‖_F² + (κ/4)‖WᵀW − HᵀH‖_F², W ∈ ℝ^{d1×r}, H ∈ ℝ^{d2×r}, κ ≥ 0 (docs/classes.md). The penalty's form is reconstructed [R]: Bodard & Patrinos (arXiv
 * 2509.15817) Thm 2.14 [S] only says that a regularisation κ > 0 is needed. x = (vec W, vec H), columns
 * stacked: x[k·d1 + i] = W[i, k], x[d1·r + k·d2 + j] = H[j, k], n = (d1 + d2)·r.
 * With E = WHᵀ − Y and D = WᵀW − HᵀH (symmetric): ∇_W f = EH + κWD, ∇_H f = EᵀW − κHD. Along (U, V),
 * E' = UHᵀ + WVᵀ, D' = UᵀW + WᵀU − VᵀH − HᵀV, E'' = 2UVᵀ, D'' = 2(UᵀU − VᵀV), and
 * ∇²f[U, V] = (E'H + EV + κ(UD + WD'), E'ᵀW + EᵀU − κ(VD + HD')),
 * D³f[(U, V), (U, V)] = (E''H + 2E'V + κ(2UD' + WD''), E''ᵀW + 2E'ᵀU − κ(2VD' + HD'')).
 */
export interface AsymmetricMatrixFactorizationData {
  /** Y, d1×d2 */
  readonly target: Matrix;
  readonly rank: number;
  readonly kappa: number;
}

export interface AsymmetricMatrixFactorizationOracle extends Oracle {
  readonly data: AsymmetricMatrixFactorizationData;
}

function validate(data: AsymmetricMatrixFactorizationData): void {
  const { target, rank, kappa } = data;
  requireFiniteMatrix('target', target);
  if (target.rows < 1 || target.cols < 1) throw new InstanceError('target', `must be non-empty, got ${target.rows}×${target.cols}`);
  requireInteger('rank', rank, 1);
  requireFinite('kappa', kappa);
  if (!(kappa >= 0)) throw new InstanceError('kappa', `must be ≥ 0, got ${kappa}`);
}

/** AB for A m×k, B k×p, row-major */
function mul(a: Float64Array, b: Float64Array, m: number, k: number, p: number): Float64Array {
  return matMul(matrix(m, k, a), matrix(k, p, b)).data;
}

/** ABᵀ for A m×k, B p×k, row-major */
function mulT(a: Float64Array, b: Float64Array, m: number, k: number, p: number): Float64Array {
  const z = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += a[i * k + l] * b[j * k + l];
      z[i * p + j] = s;
    }
  }
  return z;
}

/** AᵀB for A k×m, B k×p, row-major */
function tMul(a: Float64Array, b: Float64Array, k: number, m: number, p: number): Float64Array {
  const z = new Float64Array(m * p);
  for (let l = 0; l < k; l++) {
    for (let i = 0; i < m; i++) {
      const ali = a[l * m + i];
      for (let j = 0; j < p; j++) z[i * p + j] += ali * b[l * p + j];
    }
  }
  return z;
}

/** Σ cᵢ·Aᵢ, entrywise */
function combine(...terms: [number, Float64Array][]): Float64Array {
  const z = new Float64Array(terms[0][1].length);
  for (const [c, a] of terms) for (let i = 0; i < z.length; i++) z[i] += c * a[i];
  return z;
}

interface Shape {
  readonly d1: number;
  readonly d2: number;
  readonly r: number;
}

function shapeOf(data: AsymmetricMatrixFactorizationData): Shape {
  return { d1: data.target.rows, d2: data.target.cols, r: data.rank };
}

/** (W, H), each row-major, from x = (vec W, vec H) */
function unvec({ d1, d2, r }: Shape, x: Float64Array): { W: Float64Array; H: Float64Array } {
  const W = new Float64Array(d1 * r);
  const H = new Float64Array(d2 * r);
  for (let k = 0; k < r; k++) {
    for (let i = 0; i < d1; i++) W[i * r + k] = x[k * d1 + i];
    for (let j = 0; j < d2; j++) H[j * r + k] = x[d1 * r + k * d2 + j];
  }
  return { W, H };
}

function vec({ d1, d2, r }: Shape, W: Float64Array, H: Float64Array): Float64Array {
  const x = new Float64Array((d1 + d2) * r);
  for (let k = 0; k < r; k++) {
    for (let i = 0; i < d1; i++) x[k * d1 + i] = W[i * r + k];
    for (let j = 0; j < d2; j++) x[d1 * r + k * d2 + j] = H[j * r + k];
  }
  return x;
}

/** E = WHᵀ − Y (d1×d2) and D = WᵀW − HᵀH (r×r) at x, with W and H */
function residualsAt(data: AsymmetricMatrixFactorizationData, x: Float64Array) {
  const s = shapeOf(data);
  const { W, H } = unvec(s, x);
  const E = mulT(W, H, s.d1, s.r, s.d2);
  for (let i = 0; i < E.length; i++) E[i] -= data.target.data[i];
  const D = combine([1, tMul(W, W, s.d1, s.r, s.r)], [-1, tMul(H, H, s.d2, s.r, s.r)]);
  return { W, H, E, D };
}

export function asymmetricMatrixFactorization(data: AsymmetricMatrixFactorizationData): AsymmetricMatrixFactorizationOracle {
  validate(data);
  const s = shapeOf(data);
  const { d1, d2, r } = s;
  const kappa = data.kappa;
  const n = (d1 + d2) * r;
  /** E' and D' along (U, V) */
  const firstVariations = (W: Float64Array, H: Float64Array, U: Float64Array, V: Float64Array) => {
    const dE = combine([1, mulT(U, H, d1, r, d2)], [1, mulT(W, V, d1, r, d2)]);
    const uw = tMul(U, W, d1, r, r);
    const vh = tMul(V, H, d2, r, r);
    const dD = new Float64Array(r * r);
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) dD[a * r + b] = uw[a * r + b] + uw[b * r + a] - vh[a * r + b] - vh[b * r + a];
    return { dE, dD };
  };
  return {
    dim: n,
    data,
    f(x) {
      if (!allFinite(x)) return NaN;
      const { E, D } = residualsAt(data, x);
      let e = 0;
      for (let i = 0; i < E.length; i++) e += E[i] * E[i];
      let p = 0;
      for (let i = 0; i < D.length; i++) p += D[i] * D[i];
      return e / 2 + (kappa / 4) * p;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const { W, H, E, D } = residualsAt(data, x);
      const gW = combine([1, mul(E, H, d1, d2, r)], [kappa, mul(W, D, d1, r, r)]);
      const gH = combine([1, tMul(E, W, d1, d2, r)], [-kappa, mul(H, D, d2, r, r)]);
      return vec(s, gW, gH);
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const { W, H, E, D } = residualsAt(data, x);
      const WtW = tMul(W, W, d1, r, r);
      const HtH = tMul(H, H, d2, r, r);
      const WWt = mulT(W, W, d1, r, d1);
      const HHt = mulT(H, H, d2, r, d2);
      const WHt = mulT(W, H, d1, r, d2);
      const h = matrix(n, n);
      const w = (i: number, a: number) => a * d1 + i;
      const hh = (j: number, a: number) => d1 * r + a * d2 + j;
      for (let a = 0; a < r; a++) {
        for (let c = 0; c < r; c++) {
          for (let i = 0; i < d1; i++) {
            for (let k = 0; k < d1; k++) {
              const penalty = (i === k ? D[a * r + c] : 0) + W[i * r + c] * W[k * r + a] + (a === c ? WWt[i * d1 + k] : 0);
              h.data[w(i, a) * n + w(k, c)] = (i === k ? HtH[a * r + c] : 0) + kappa * penalty;
            }
          }
          for (let j = 0; j < d2; j++) {
            for (let l = 0; l < d2; l++) {
              const penalty = -(j === l ? D[a * r + c] : 0) + H[j * r + c] * H[l * r + a] + (a === c ? HHt[j * d2 + l] : 0);
              h.data[hh(j, a) * n + hh(l, c)] = (j === l ? WtW[a * r + c] : 0) + kappa * penalty;
            }
          }
          for (let i = 0; i < d1; i++) {
            for (let j = 0; j < d2; j++) {
              const cross = (1 - kappa) * W[i * r + c] * H[j * r + a] + (a === c ? E[i * d2 + j] - kappa * WHt[i * d2 + j] : 0);
              h.data[w(i, a) * n + hh(j, c)] = cross;
              h.data[hh(j, c) * n + w(i, a)] = cross;
            }
          }
        }
      }
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const { W, H, E, D } = residualsAt(data, x);
      const { W: U, H: V } = unvec(s, v);
      const { dE, dD } = firstVariations(W, H, U, V);
      const hW = combine([1, mul(dE, H, d1, d2, r)], [1, mul(E, V, d1, d2, r)], [kappa, mul(U, D, d1, r, r)], [kappa, mul(W, dD, d1, r, r)]);
      const hH = combine([1, tMul(dE, W, d1, d2, r)], [1, tMul(E, U, d1, d2, r)], [-kappa, mul(V, D, d2, r, r)], [-kappa, mul(H, dD, d2, r, r)]);
      return vec(s, hW, hH);
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const { W, H } = unvec(s, x);
      const { W: U, H: V } = unvec(s, v);
      const { dE, dD } = firstVariations(W, H, U, V);
      const ddE = combine([2, mulT(U, V, d1, r, d2)]);
      const ddD = combine([2, tMul(U, U, d1, r, r)], [-2, tMul(V, V, d2, r, r)]);
      const tW = combine([1, mul(ddE, H, d1, d2, r)], [2, mul(dE, V, d1, d2, r)], [2 * kappa, mul(U, dD, d1, r, r)], [kappa, mul(W, ddD, d1, r, r)]);
      const tH = combine([1, tMul(ddE, W, d1, d2, r)], [2, tMul(dE, U, d1, d2, r)], [-2 * kappa, mul(V, dD, d2, r, r)], [-kappa, mul(H, ddD, d2, r, r)]);
      return vec(s, tW, tH);
    },
  };
}

const RECONSTRUCTED =
  'The penalty (κ/4)‖WᵀW − HᵀH‖_F² is a reconstruction [R] of the regularisation of Bodard & Patrinos (arXiv 2509.15817) Thm 2.14 [S]; what follows is proven for f as implemented.';

/**
 * What is proven for Y = W♮H♮ᵀ with dyadic (W♮, H♮) and W♮ᵀW♮ = H♮ᵀH♮ (dyadic-gaussian.ts: every
 * entry of W♮H♮ᵀ, W♮ᵀW♮ and H♮ᵀH♮ is an exact sum, so a computed E or D entry of 0 is an exact 0):
 * f(x♮) = 0 = f* (f ≥ 0), and the curvature at the critical point 0. `planted` is (vec W♮, vec H♮).
 */
export function asymmetricMatrixFactorizationCertificate(oracle: AsymmetricMatrixFactorizationOracle, planted: Float64Array): Certificate {
  if (planted.length !== oracle.dim || !planted.every(isDyadicSample)) {
    throw new InstanceError('planted', "f(W♮, H♮) = 0 is certified only for a dyadic (W♮, H♮) (dyadic-gaussian.ts) of the oracle's shape");
  }
  const { E, D } = residualsAt(oracle.data, planted);
  if (!E.every((e) => e === 0)) throw new InstanceError('target', 'is not W♮H♮ᵀ');
  if (!D.every((e) => e === 0)) throw new InstanceError('planted', 'is not balanced: W♮ᵀW♮ ≠ H♮ᵀH♮');
  const nonzero = oracle.data.target.data.some((t) => t !== 0);
  return {
    convexity: nonzero ? 'nonconvex' : 'unknown',
    convexityHow: nonzero
      ? `${RECONSTRUCTED} ∇f(0) = 0 (E H + κWD and EᵀW − κHD vanish at W = H = 0), and f(tU, tV) = ½‖Y‖_F² − t²⟨UVᵀ, Y⟩ + O(t⁴), so ⟨∇²f(0)(U, V), (U, V)⟩ = −2⟨UVᵀ, Y⟩; at (U, V) = (W♮, H♮) it is −2‖Y‖_F² < 0 (Y ≠ 0): x = 0 is a critical point with negative curvature and f(0) = ½‖Y‖_F² > 0 = f*, impossible for a convex f. Holds for every κ ≥ 0.`
      : `${RECONSTRUCTED} Y = 0: ∇²f(0) = 0 gives no negative curvature at 0, and f = (½ − κ/2)‖WHᵀ‖_F² + (κ/4)(‖WᵀW‖_F² + ‖HᵀH‖_F²) is not proven convex or nonconvex here.`,
    memberships: [],
    fStar: 0,
    xStar: planted.slice(),
  };
}

const PARAMS = {
  rank: { kind: 'number', default: 1, min: 1, max: 10_000, integer: true },
  /** rows of W; H has d2 = n/r − d1 */
  d1: { kind: 'number', default: 1, min: 1, max: 10_000, integer: true },
  kappa: { kind: 'number', default: 0.5, min: 0, max: 1e6 },
  /** x0 ~ N(0, scale²·I) */
  scale: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
} as const;

const MAX_RANK_DRAWN = 4;

/** A uniformly random signed permutation of m rows, as a map: row i of the result is sign[i]·row perm[i]. */
function signedPermutation(m: number, next: () => number): { perm: number[]; sign: number[] } {
  const perm = Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return { perm, sign: perm.map(() => (next() < 0.5 ? -1 : 1)) };
}

/**
 * The balanced planted factors: A (m×r, m = min(d1, d2)) with dyadic Gaussian entries,
 * W♮ = P₁[A; 0], H♮ = P₂[A; 0] with random signed permutations P₁, P₂, so W♮ᵀW♮ = AᵀA = H♮ᵀH♮ and
 * Y = W♮H♮ᵀ = P₁[AAᵀ 0; 0 0]P₂ᵀ (rank min(r, m) almost surely), all exact.
 */
function plantedFactors(d1: number, d2: number, r: number, next: () => number): { W: Float64Array; H: Float64Array } {
  const m = Math.min(d1, d2);
  const A = Float64Array.from({ length: m * r }, () => dyadicGaussian(next));
  const place = (d: number): Float64Array => {
    const { perm, sign } = signedPermutation(d, next);
    const Z = new Float64Array(d * r);
    for (let i = 0; i < d; i++) if (perm[i] < m) for (let k = 0; k < r; k++) Z[i * r + k] = sign[i] * A[perm[i] * r + k] + 0;
    return Z;
  };
  return { W: place(d1), H: place(d2) };
}

/** Random asymmetric factorization: balanced dyadic (W♮, H♮), Y = W♮H♮ᵀ exact, x0 ~ N(0, scale²·I). */
export const asymmetricMatrixFactorizationFamily: Family = {
  id: 'asymmetric-matrix-factorization',
  description:
    'asymmetric low-rank factorization ½‖WHᵀ − W♮H♮ᵀ‖_F² + (κ/4)‖WᵀW − HᵀH‖_F² (balancing penalty: reconstructed form [R] of Bodard & Patrinos Thm 2.14 [S]), x = (vec W, vec H), nonconvex with f* = 0',
  classes: [],
  build(name: InstanceName): Instance {
    const p = readParams('asymmetric-matrix-factorization', name, PARAMS, 2500);
    const r = p.rank;
    if (name.dim % r !== 0) throw new InstanceError('dim', `n = ${name.dim} is not a multiple of rank = ${r}`);
    const d = name.dim / r;
    if (p.d1 >= d) throw new InstanceError('d1', `must be < n/r = ${d} so that H has d2 = n/r − d1 ≥ 1 rows, got ${p.d1}`);
    const d1 = p.d1;
    const d2 = d - d1;
    const next = rng(name.seed);
    const { W, H } = plantedFactors(d1, d2, r, next);
    const target = matrix(d1, d2, mulT(W, H, d1, r, d2));
    const x0 = gaussianVector(name.dim, next, p.scale);
    const oracle = asymmetricMatrixFactorization({ target, rank: r, kappa: p.kappa });
    const planted = vec({ d1, d2, r }, W, H);
    return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0, certificate: asymmetricMatrixFactorizationCertificate(oracle, planted) };
  },
  arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
    const shapes = productShapes('asymmetric-matrix-factorization', '(d1 + d2)·r', { ...options, minDim: Math.max(2, options.minDim ?? 1) }, 1, MAX_RANK_DRAWN).filter(
      (s) => s.d >= 2,
    );
    return fc
      .record({ shape: fc.constantFrom(...shapes), split: fc.double({ min: 0, max: 1, noNaN: true }), seed: seeds() })
      .map(({ shape, split, seed }) => ({
        family: 'asymmetric-matrix-factorization',
        params: { rank: shape.k, d1: 1 + Math.min(shape.d - 2, Math.floor(split * (shape.d - 1))) },
        dim: shape.d * shape.k,
        seed,
      }));
  },
};
