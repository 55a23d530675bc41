import type { HessianValue } from '../hessians/hessian-model.js';
import { symmetricEigen } from '../linalg/eigen.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Metric } from '../linalg/metric.js';
import { dot } from '../linalg/vector.js';
import type { Oracle } from '../problems/oracle.js';
import { gaussian, rng } from '../random/prng.js';
import { GammaPoint } from './point.js';
import { minimizeOnRay, minimizeOverAngles, type RayMinimum } from './ray-search.js';

/**
 * γ(x, g) of the pair (f, H) (docs/theory.md#computing-gamma-on-a-grid). Since the admissible radii form an
 * interval and ρ̄ is the running minimum of ρ(h) = ‖g‖_*‖h‖/‖r(h)‖_* over 𝒪 ∩ B_t,
 *   γ(x, g) = sup{t : t ≤ ρ̄(t)} = inf_{h ∈ 𝒪} max(‖h‖, ρ(h))
 * (t below the infimum is admissible; above it some h has ‖h‖ < t and ρ(h) < t). Every evaluated
 * max(‖h‖, ρ(h)) is therefore an UPPER estimate of γ; the grid and its refinement drive it down to
 * the crossing of the diagonal with ρ̄, and the h attaining it is the witness.
 */
export interface GammaEstimate {
  /** the estimate of γ(x, g): inf over the evaluated h ∈ 𝒪 of max(‖h‖, ρ(h)) (an upper estimate) */
  readonly gamma: number;
  /** the h attaining it (null when no h ∈ 𝒪 was evaluated, γ = ∞) */
  readonly witness: Float64Array | null;
  /** ρ(witness) and ‖witness‖ */
  readonly witnessRho: number;
  readonly witnessNorm: number;
  /** ‖r(witness)‖_* and its rounding level τ: ρ there is only known within a(‖h‖)/(‖r‖ ± τ) */
  readonly witnessResidual: { readonly norm: number; readonly tau: number };
  /** relative width of the last radial bracket, and the angular bracket (radians; 0 in 1-D) */
  readonly resolution: { readonly radial: number; readonly angular: number };
  /** the radii searched, [tMin, tMax] */
  readonly range: { readonly tMin: number; readonly tMax: number };
  /** the infimum was not reached below tMax along some unbounded ray of 𝒪 (γ may be larger) */
  readonly beyondRange: boolean;
  readonly evaluations: number;
}

export interface GammaGridOptions {
  /** radial grid points per decade (default 16) */
  readonly perDecade?: number;
  /** polar grid angles in 2-D (default 96) */
  readonly angles?: number;
  /** golden-section steps (default 48 radial, 40 angular) */
  readonly refineSteps?: number;
  /** radii searched: [tMinFactor·S, tMaxFactor·S], S = ‖g‖_* / ‖∇²f(x)‖ (default 1e-9, 1e7) */
  readonly tMinFactor?: number;
  readonly tMaxFactor?: number;
  /** an explicit length scale S */
  readonly scale?: number;
}

interface DirectionSearch {
  /** per-ray minimum of an objective (null when the ray meets 𝒪 only at 0) */
  ray(u: Float64Array): RayMinimum | null;
}

/** polar directions in 2-D: u(θ) = L⁻ᵀ(cos θ, sin θ) */
function polar(p: GammaPoint, theta: number): Float64Array {
  return p.unwhiten(Float64Array.of(Math.cos(theta), Math.sin(theta)));
}

/** the minimum over all B-unit directions in 1-D (two) or 2-D (polar grid + refinement) */
function minimizeLowDim(p: GammaPoint, search: DirectionSearch, angles: number, refineSteps: number): { value: number; h: Float64Array | null; radial: number; angular: number } {
  if (p.n === 1) {
    let best: { value: number; h: Float64Array | null; radial: number } = { value: Infinity, h: null, radial: 0 };
    for (const s of [1, -1]) {
      const u = p.unwhiten(Float64Array.of(s));
      const r = search.ray(u);
      if (r && (r.value < best.value || best.h === null)) best = { value: r.value, h: u.map((v) => v * r.t), radial: r.resolution };
    }
    return { ...best, angular: 0 };
  }
  if (p.n !== 2) throw new RangeError(`gammaExact1D2D: dimension ${p.n} is not 1 or 2 (use gammaFalsifier)`);
  let radial = 0;
  const m = minimizeOverAngles(
    (theta) => {
      const r = search.ray(polar(p, theta));
      if (r) radial = Math.max(radial, r.resolution);
      return r;
    },
    angles,
    3,
    refineSteps,
  );
  if (!m || !Number.isFinite(m.t)) return { value: m ? m.value : Infinity, h: null, radial, angular: m ? m.resolution : 0 };
  return { value: m.value, h: polar(p, m.theta).map((v) => v * m.t), radial, angular: m.resolution };
}

function phiSearch(p: GammaPoint, tMin: number, tMax: number, perDecade: number, refineSteps: number, global: { best: number }): DirectionSearch {
  return {
    ray(u) {
      const iv = p.interval(u);
      if (!iv) return null;
      const r = minimizeOnRay((t) => Math.max(t, p.rho(t, u)), iv.lo, iv.hi, tMin, tMax, {
        perDecade,
        refineSteps,
        prune: (t, best) => t >= Math.min(best, global.best),
      });
      if (r && r.value < global.best) global.best = r.value;
      return r;
    },
  };
}

function estimateFrom(p: GammaPoint, value: number, h: Float64Array | null, radial: number, angular: number, tMin: number, tMax: number): GammaEstimate {
  const witnessNorm = h ? p.metric.norm(h) : NaN;
  let witnessRho = NaN;
  let witnessResidual = { norm: NaN, tau: NaN };
  if (h) {
    witnessResidual = p.residual(h);
    witnessRho = witnessResidual.norm === 0 ? Infinity : (p.a * witnessNorm) / witnessResidual.norm;
  }
  return {
    gamma: value,
    witness: h,
    witnessRho,
    witnessNorm,
    witnessResidual,
    resolution: { radial, angular },
    range: { tMin, tMax },
    beyondRange: !(value < tMax),
    evaluations: p.evaluations,
  };
}

/**
 * γ(x, g) exact up to grid resolution in 1-D and 2-D (docs/theory.md#computing-gamma-on-a-grid): geometric radii, polar directions
 * (B-unit) in 2-D, each ray restricted to 𝒪 from the true Hessian (its boundary point included),
 * golden-section refinement in log‖h‖ and in θ. `g` = null means g = ∇f(x).
 */
export function gammaExact1D2D(oracle: Oracle, x: Float64Array, g: Float64Array | null, H: HessianValue | Matrix, metric: Metric, options: GammaGridOptions = {}): GammaEstimate {
  const p = new GammaPoint(oracle, x, g, H, metric);
  if (!(p.a > 0)) return estimateFrom(p, 0, null, 0, 0, 0, 0);
  const S = options.scale ?? p.scale();
  const tMin = (options.tMinFactor ?? 1e-9) * S;
  const tMax = (options.tMaxFactor ?? 1e7) * S;
  const global = { best: Infinity };
  const search = phiSearch(p, tMin, tMax, options.perDecade ?? 16, options.refineSteps ?? 48, global);
  const m = minimizeLowDim(p, search, options.angles ?? 96, options.refineSteps ?? 40);
  return estimateFrom(p, m.value, m.h, m.radial, m.angular, tMin, tMax);
}

export interface FalsifierOptions {
  /** random directions (default 200) */
  readonly samples?: number;
  readonly seed?: number;
  /** radial grid points per decade (default 8) */
  readonly perDecade?: number;
  /** radii searched [tMinFactor·S, tMaxFactor·S] (default 1e-9, 1e7); tMax overrides */
  readonly tMinFactor?: number;
  readonly tMaxFactor?: number;
  readonly tMax?: number;
  readonly scale?: number;
  /** directions refined locally by random perturbation (default 4) */
  readonly refine?: number;
}

/**
 * n-D candidate directions (docs/theory.md#computing-gamma-on-a-grid): random B-unit directions flipped so that ⟨g, u⟩ < 0, the
 * generalized eigenvectors of ∇²f(x) and of E = ∇²f(x) − H (flipped likewise; both signs when
 * ⟨g, u⟩ = 0), and −B⁻¹g.
 */
export function candidateDirections(p: GammaPoint, samples: number, seed: number): Float64Array[] {
  const out: Float64Array[] = [];
  const add = (d: Float64Array | null): void => {
    if (!d) return;
    const c = dot(p.g, d);
    if (c > 0) out.push(d.map((v) => -v));
    else if (c < 0) out.push(d);
    else out.push(d, d.map((v) => -v));
  };
  const n = p.n;
  const next = rng(seed);
  add(p.normalize(p.metric.solve(p.g).map((v) => -v)));
  const e = { rows: n, cols: n, data: p.hessTrue.data.map((v, i) => v - p.h.data[i]) };
  for (const m of [p.hessTrue, e]) {
    const ev = symmetricEigen(p.metric.whiten(m), { vectors: true });
    if (!ev.vectors) continue;
    for (let j = 0; j < n; j++) {
      const v = Float64Array.from({ length: n }, (_, i) => ev.vectors!.data[i * n + j]);
      add(p.normalize(p.unwhiten(v)));
    }
  }
  for (let k = 0; k < samples; k++) add(p.normalize(p.unwhiten(Float64Array.from({ length: n }, () => gaussian(next)))));
  return out;
}

/** random-perturbation refinement of the best directions of a direction search (minimizing) */
function searchDirections(
  p: GammaPoint,
  search: DirectionSearch,
  directions: Float64Array[],
  refine: number,
  seed: number,
): { value: number; h: Float64Array | null } {
  const scored = directions.map((u) => ({ u, r: search.ray(u) })).filter((s) => s.r !== null) as { u: Float64Array; r: RayMinimum }[];
  scored.sort((s, q) => s.r.value - q.r.value);
  let best = scored.length > 0 ? { value: scored[0].r.value, h: scored[0].u.map((v) => v * scored[0].r.t) } : { value: Infinity, h: null as Float64Array | null };
  const next = rng(seed ^ 0x5bd1e995);
  for (const start of scored.slice(0, refine)) {
    let cur = start;
    for (const step of [0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3, 3e-4]) {
      for (let trial = 0; trial < 6; trial++) {
        const d = cur.u.map((v) => v + step * gaussian(next) / Math.sqrt(p.n));
        const u = p.normalize(d);
        if (!u) continue;
        const r = search.ray(u);
        if (r && r.value < cur.r.value) cur = { u, r };
      }
    }
    if (cur.r.value < best.value) best = { value: cur.r.value, h: cur.u.map((v) => v * cur.r.t) };
  }
  return best;
}

/**
 * n-D: an UPPER estimate of γ(x, g) by sampling (docs/theory.md#computing-gamma-on-a-grid): rays along candidate directions, radii
 * up to T_max, restricted to 𝒪, then local refinement of the best directions. The witness h ∈ 𝒪
 * shows γ ≤ max(‖h‖, ρ(h)).
 */
export function gammaFalsifier(oracle: Oracle, x: Float64Array, g: Float64Array | null, H: HessianValue | Matrix, metric: Metric, options: FalsifierOptions = {}): GammaEstimate {
  const p = new GammaPoint(oracle, x, g, H, metric);
  if (!(p.a > 0)) return estimateFrom(p, 0, null, 0, 0, 0, 0);
  const S = options.scale ?? p.scale();
  const tMin = (options.tMinFactor ?? 1e-9) * S;
  const tMax = options.tMax ?? (options.tMaxFactor ?? 1e7) * S;
  const global = { best: Infinity };
  const perDecade = options.perDecade ?? 8;
  const search = phiSearch(p, tMin, tMax, perDecade, 30, global);
  const seed = options.seed ?? 1;
  const best = searchDirections(p, search, candidateDirections(p, options.samples ?? 200, seed), options.refine ?? 4, seed);
  return estimateFrom(p, best.value, best.h, 10 ** (1 / perDecade) - 1, NaN, tMin, tMax);
}

export interface FalsifyResult {
  /**
   * max over the evaluated h ∈ 𝒪 ∩ B_π (‖h‖ ≥ hMinFraction·min(π, extent of 𝒪 along h)) of
   * ‖r(h)‖_* / (‖g‖_*‖h‖/π·(1 + 1e-8) + τ(h)): a value > 1 is a counterexample to γ(x, g) ≥ π
   */
  readonly ratio: number;
  /** the h attaining it */
  readonly witness: Float64Array | null;
  readonly counterexample: boolean;
  readonly evaluations: number;
}

export interface FalsifyOptions extends FalsifierOptions {
  /**
   * exclude ‖h‖ < hMinFraction·min(π, T(u)), T(u) the extent of 𝒪 along the ray, where cancellation
   * in r dominates (default 1e-6, docs/theory.md#rounding-allowances-and-the-precision-floor)
   */
  readonly hMinFraction?: number;
  /** polar angles in 2-D (default 96) */
  readonly angles?: number;
}

/**
 * Searches for a counterexample to γ(x, g) ≥ π (docs/theory.md#computing-gamma-on-a-grid, n-D; exhaustive polar search in 1-D/2-D,
 * candidate directions with refinement in n-D): h ∈ 𝒪, ‖h‖ ≤ π, ‖r(h)‖_* > ‖g‖_*‖h‖/π·(1 + 1e-8) + τ.
 */
export function falsifyLowerBound(pi: number, oracle: Oracle, x: Float64Array, g: Float64Array | null, H: HessianValue | Matrix, metric: Metric, options: FalsifyOptions = {}): FalsifyResult {
  const p = new GammaPoint(oracle, x, g, H, metric);
  if (!(pi > 0) || !(p.a > 0)) return { ratio: 0, witness: null, counterexample: false, evaluations: 0 };
  const hMinFraction = options.hMinFraction ?? 1e-6;
  const perDecade = options.perDecade ?? (p.n <= 2 ? 16 : 8);
  const search: DirectionSearch = {
    ray(u) {
      const iv = p.interval(u);
      if (!iv) return null;
      return minimizeOnRay(
        (t) => {
          const { norm, tau } = p.residualAlong(t, u);
          return -norm / ((p.a * t) / pi * (1 + 1e-8) + tau);
        },
        iv.lo,
        iv.hi,
        hMinFraction * Math.min(pi, iv.hi),
        pi,
        { perDecade, refineSteps: 40 },
      );
    },
  };
  let best: { value: number; h: Float64Array | null };
  if (p.n <= 2) {
    const m = minimizeLowDim(p, search, options.angles ?? 96, 40);
    best = { value: m.value, h: m.h };
  } else {
    const seed = options.seed ?? 1;
    best = searchDirections(p, search, candidateDirections(p, options.samples ?? 200, seed), options.refine ?? 4, seed);
  }
  const ratio = Number.isFinite(best.value) ? -best.value : 0;
  return { ratio, witness: best.h, counterexample: ratio > 1, evaluations: p.evaluations };
}
