import { symmetricEigen } from '../linalg/eigen.js';
import { BoundedMemo } from './bounded-memo.js';
import { type Matrix, matVec } from '../linalg/matrix.js';
import { allFinite, norm2 } from '../linalg/vector.js';
import { formatName, type Instance } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { gaussian, mixSeed, rng } from '../random/prng.js';
import { KERNELS, type KernelId } from '../solvers/isotropic-kernels.js';
import { curvatureMapMaxEigenvalue } from './curvature-map.js';

/** the largest relative change of L0 and L from radius 2R to 4R that counts as saturated (a measured rule) */
export const SATURATION_TOLERANCE = 0.1;
/** larger n is not estimated (cost) */
export const MAX_DIM = 100;
const L1 = 1;
const MIN_RADIUS = 1e-2;
const DIRECTIONS = 6;
const CLIMB_STEPS = 20;

export interface SaturationLevel {
  /** radius of the sampled ball */
  readonly radius: number;
  /** max ‖∇²f‖₂ − L1‖∇f‖ over the samples in the ball (L1 = 1) */
  readonly L0: number;
  /** L1/L0 */
  readonly lambda: number;
  /** max λ_max(λ·H_λ) over the samples in the ball */
  readonly L: number;
}

export interface SaturationEstimate {
  readonly kernel: KernelId;
  readonly L1: number;
  /** at R, 2R, 4R (empty when not estimated) */
  readonly levels: readonly SaturationLevel[];
  readonly saturated: boolean;
  /** number of points evaluated */
  readonly points: number;
  readonly how: string;
}

interface Sample {
  readonly radius: number;
  readonly g: Float64Array;
  readonly h: Matrix;
  /** ‖∇²f‖₂ − L1‖∇f‖, NaN where a derivative is not finite */
  readonly excess: number;
  /** ∇ₓ of `excess` where the oracle has D³f and ∇f ≠ 0, else null */
  readonly ascent: Float64Array | null;
}

function evaluate(o: Oracle, x: Float64Array): Sample {
  const g = o.grad(x);
  const h = o.hess(x);
  const radius = norm2(x);
  if (!allFinite(g) || !allFinite(h.data)) return { radius, g, h, excess: NaN, ascent: null };
  const { values, vectors } = symmetricEigen(h, { vectors: true });
  const n = values.length;
  const top = Math.abs(values[0]) > Math.abs(values[n - 1]) ? 0 : n - 1;
  const gn = norm2(g);
  const excess = Math.abs(values[top]) - L1 * gn;
  if (!o.third || !(gn > 0) || !vectors) return { radius, g, h, excess, ascent: null };
  const u = Float64Array.from({ length: n }, (_, i) => vectors.data[i * n + top]);
  const curvatureGradient = o.third(x, u);
  const hg = matVec(h, g);
  const sign = Math.sign(values[top]);
  return { radius, g, h, excess, ascent: curvatureGradient.map((c, i) => sign * c - (L1 * hg[i]) / gn) };
}

/** x scaled into the band [r·2^(−1/4), r·2^(1/4)] of a shell of radius r (the bands of the √2-spaced shells tile) */
function intoBand(x: Float64Array, radius: number): Float64Array {
  const s = norm2(x);
  const target = Math.min(Math.max(s, radius * 2 ** -0.25), radius * 2 ** 0.25);
  return x.map((v) => (target * v) / s);
}

/** the samples of one shell: random points on the sphere, then an ascent of the excess from the best of them within the shell's band */
function shell(o: Oracle, radius: number, next: () => number): Sample[] {
  const n = o.dim;
  const out: Sample[] = [];
  let best: { x: Float64Array; s: Sample } | null = null;
  const consider = (x: Float64Array): boolean => {
    const s = evaluate(o, x);
    out.push(s);
    const better = best === null || s.excess > best.s.excess || (Number.isNaN(s.excess) && !Number.isNaN(best.s.excess));
    if (better) best = { x, s };
    return better;
  };
  for (let k = 0; k < DIRECTIONS; k++) consider(intoBand(Float64Array.from({ length: n }, () => gaussian(next)), radius));
  let step = 0.25;
  for (let k = 0; k < CLIMB_STEPS && best !== null; k++) {
    const { x, s } = best as { x: Float64Array; s: Sample };
    if (Number.isNaN(s.excess)) break;
    const direction = s.ascent ?? Float64Array.from({ length: n }, () => gaussian(next));
    const dn = norm2(direction);
    if (!(dn > 0) || !Number.isFinite(dn)) break;
    const moved = consider(intoBand(x.map((v, i) => v + (step * radius * direction[i]) / dn), radius));
    step = moved ? Math.min(1, 1.5 * step) : 0.4 * step;
  }
  return out;
}

function samples(instance: Instance, radius: number): Sample[] {
  const o = instance.problem.oracle;
  const n = o.dim;
  const centers = [new Float64Array(n), instance.x0, ...(instance.certificate.xStar ? [instance.certificate.xStar] : [])];
  const out = centers.map((x) => evaluate(o, x));
  const outer = 4 * radius;
  for (let j = 0; outer * 2 ** (-j / 2) >= MIN_RADIUS; j++) out.push(...shell(o, outer * 2 ** (-j / 2), rng(mixSeed(instance.name.seed, j))));
  return out;
}

const fmt = (v: number) => v.toPrecision(4);

/** The samples of an instance with L0 in each ball (shared by the kernels), or why nothing is estimated. */
interface SampledBalls {
  readonly all: readonly Sample[];
  readonly radii: readonly number[];
  readonly inBall: readonly (readonly Sample[])[];
  readonly L0s: readonly number[];
  readonly sampling: string;
}

function sampledBalls(instance: Instance): SampledBalls | string {
  const n = instance.problem.dim;
  if (n > MAX_DIM) return `not estimated: n = ${n} > ${MAX_DIM} (the sampling costs ~500 eigen-decompositions of n×n matrices per kernel)`;
  const xStarNorm = instance.certificate.xStar ? norm2(instance.certificate.xStar) : 0;
  const R = 4 * Math.max(norm2(instance.x0), xStarNorm, 1);
  const all = samples(instance, R);
  const nonFinite = all.find((s) => Number.isNaN(s.excess));
  if (nonFinite) return `not estimated: ∇f or ∇²f is not finite at a sample of norm ${fmt(nonFinite.radius)} — outside the sampled theory, not a violation`;
  const radii = [R, 2 * R, 4 * R];
  const inBall = radii.map((r) => all.filter((s) => s.radius <= r * (1 + 1e-12)));
  const L0s = inBall.map((ss) => Math.max(...ss.map((s) => s.excess)));
  const sampling = `L1 = 1, L0 = max(‖∇²f‖₂ − ‖∇f‖) over ${all.length} points (random and ascent points on spheres of radius 1e-2…4R, ratio √2, plus 0, x0, x*) in the balls of radius R, 2R, 4R, R = 4·max(‖x0‖, ‖x*‖, 1) = ${fmt(R)}`;
  if (!(L0s[0] > 0)) return `not estimated: ${sampling} is ${fmt(L0s[0])} ≤ 0, so λ = L1/L0 is undefined`;
  return { all, radii, inBall, L0s, sampling };
}

function kernelEstimate(balls: SampledBalls | string, kernel: KernelId): SaturationEstimate {
  if (typeof balls === 'string') return { kernel, L1, levels: [], saturated: false, points: 0, how: balls };
  const { all, radii, inBall, L0s, sampling } = balls;
  // the levels share λ (and so each sample's value) where L0 did not grow
  const atLambda = new Map<number, Map<Sample, number>>();
  const curvature = (lambda: number, s: Sample): number => {
    const values = atLambda.get(lambda) ?? new Map<Sample, number>();
    atLambda.set(lambda, values);
    const known = values.get(s);
    if (known !== undefined) return known;
    const v = curvatureMapMaxEigenvalue(KERNELS[kernel], lambda, s.g, s.h);
    values.set(s, v);
    return v;
  };
  const levels = radii.map((radius, k): SaturationLevel => {
    const lambda = L1 / L0s[k];
    return { radius, L0: L0s[k], lambda, L: Math.max(...inBall[k].map((s) => curvature(lambda, s))) };
  });
  const [, before, last] = levels;
  const growth = (a: number, b: number) => Math.abs(b - a) / Math.abs(a);
  const saturated = growth(before.L0, last.L0) <= SATURATION_TOLERANCE && growth(before.L, last.L) <= SATURATION_TOLERANCE;
  const trail = `${sampling}; λ = L1/L0, L = max λ_max(λH_λ) (${kernel}); L0 = ${levels.map((l) => fmt(l.L0)).join(' → ')} and L = ${levels.map((l) => fmt(l.L)).join(' → ')} as the radius doubled`;
  const how = saturated
    ? `estimated (measured, not proven): ${trail}; saturated: both changed by ≤ ${100 * SATURATION_TOLERANCE}% from 2R to 4R (measured rule); constants from radius 4R`
    : `outside: the estimate of ${growth(before.L0, last.L0) > SATURATION_TOLERANCE ? `L0 grew from ${fmt(before.L0)} to ${fmt(last.L0)} (×${fmt(last.L0 / before.L0)})` : `L moved from ${fmt(before.L)} to ${fmt(last.L)} (×${fmt(last.L / before.L)})`} as the radius doubled from 2R to 4R: not (L, L̄)-smooth with L1 = 1 on the sampled region — outside the theory, not a violation (${trail})`;
  return { kernel, L1, levels, saturated, points: all.length, how };
}

/**
 * Per instance name and x0 (the samples and R depend on x0, which a scenario may move under the same name):
 * each kernel's estimate, and the sampled balls (~600 gradients and Hessians) of the last few instances only.
 */
const ESTIMATES = new BoundedMemo<SaturationEstimate>(4096);
const BALLS = new BoundedMemo<SampledBalls | string>(4);

/**
 * The measured constants of P-GD on an instance without certified ones (docs/classes.md, anisotropic smoothness):
 * with L1 = 1, L0 = max(‖∇²f(x)‖₂ − L1‖∇f(x)‖), λ = L1/L0 and L = max λ_max(λ·H_λ(x)) over sampled x,
 * in the ball of radius R, 2R and 4R about the origin. R = 4·max(‖x0‖, ‖x*‖, 1): twice the iterate-norm
 * bound 2·max(‖x0‖, ‖x*‖, 1) assumed for a descent method (a choice, not a proof). Saturated when L0 and L
 * change by at most SATURATION_TOLERANCE from 2R to 4R (a measured rule, not a proof). Norms are Euclidean,
 * as P-GD's; the instance's metric B is not used.
 *
 * Samples: shells of radius 4R·2^(−j/2) down to 1e-2, each with DIRECTIONS random points and CLIMB_STEPS
 * ascent steps of ‖∇²f‖₂ − ‖∇f‖ from the shell's best point, kept within the shell's band [r·2^(−1/4),
 * r·2^(1/4)] (gradient ±D³f[u,u] − ∇²f·∇f/‖∇f‖, u the eigenvector of the largest |eigenvalue|, where the
 * oracle has D³f; else random directions), plus 0, x0 and x*: 26 points per shell, 20–30 shells. Cost:
 * ~600 Hessians with their eigen-decompositions, then up to 12 eigen-decompositions per point (4 kernels ×
 * 3 radii, fewer where λ repeats), for the kernel asked for only; n ≤ MAX_DIM (n = 50: ~2 s). Deterministic
 * in the instance seed, memoized per instance name, x0 and kernel.
 */
export function saturationEstimate(instance: Instance, kernel: KernelId): SaturationEstimate {
  const key = `${formatName(instance.name)} x0=${Array.from(instance.x0).join(',')}`;
  return ESTIMATES.get(`${key} kernel=${kernel}`, () => kernelEstimate(BALLS.get(key, () => sampledBalls(instance)), kernel));
}
