import { toDense } from '../hessians/dense-hessian.js';
import type { HessianValue } from '../hessians/hessian-model.js';
import { type Matrix, matVec } from '../linalg/matrix.js';
import { type Metric, metricOperatorNorm } from '../linalg/metric.js';
import { solveLowerTransposeInPlace } from '../linalg/triangular.js';
import { dot } from '../linalg/vector.js';
import type { Oracle } from '../problems/oracle.js';

/** float64 unit roundoff */
export const UNIT_ROUNDOFF = 2 ** -53;

/**
 * τ = 32u·(sum of the magnitudes that enter a residual ∇f(x+h) − ∇f(x) − Hh): a few roundings per
 * oracle operation (forming x + h and the linear forms there, exp/log, sums). 8u was measured too
 * small by a factor ≈ 1.1 on logistic near its minimizer (‖∇f‖ ≈ 1e-8), so the margin is 4×.
 */
export function roundingLevel(...magnitudes: number[]): number {
  let s = 0;
  for (const m of magnitudes) s += m;
  return 32 * UNIT_ROUNDOFF * s;
}

/**
 * Everything γ(x, g) of the pair (f, H) depends on (docs/theory.md#notation), with the residual
 * r_x(h) = ∇f(x + h) − ∇f(x) − H·h and the region 𝒪_{x,g} = {h : ⟨∇²f(x)h, h⟩ + ⟨g, h⟩ ≤ 0}
 * built from the TRUE Hessian ∇²f(x) (the oracle's), never from H.
 */
export class GammaPoint {
  readonly n: number;
  /** the normaliser g and a = ‖g‖_* */
  readonly g: Float64Array;
  readonly a: number;
  /** ∇f(x) and ‖∇f(x)‖_* */
  readonly grad0: Float64Array;
  readonly gradNorm0: number;
  /** H (dense) and the true Hessian ∇²f(x) */
  readonly h: Matrix;
  readonly hessTrue: Matrix;
  /** ‖∇²f(x)‖ and ‖x‖ (for the rounding level of r) */
  readonly hessNorm: number;
  readonly xNorm: number;
  /** ‖M(x)‖_* of the oracle's gradient rounding model (`Oracle.gradMagnitude`; 0 without one) */
  readonly gradMagnitude0: number;
  /** residual evaluations so far */
  evaluations = 0;
  // H·h, r and h = t·u of one residual: reduced to numbers before it returns (the oracle gets a fresh x + h)
  private readonly hhWork: Float64Array;
  private readonly rWork: Float64Array;
  private readonly hWork: Float64Array;

  constructor(
    readonly oracle: Oracle,
    readonly x: Float64Array,
    g: Float64Array | null,
    H: HessianValue | Matrix,
    readonly metric: Metric,
    hessTrue?: Matrix,
  ) {
    this.n = x.length;
    this.hhWork = new Float64Array(this.n);
    this.rWork = new Float64Array(this.n);
    this.hWork = new Float64Array(this.n);
    this.grad0 = oracle.grad(x);
    this.gradNorm0 = metric.dualNorm(this.grad0);
    this.g = g ?? this.grad0;
    this.a = metric.dualNorm(this.g);
    this.h = 'kind' in H ? toDense(H, this.n) : H;
    this.hessTrue = hessTrue ?? oracle.hess(x);
    this.hessNorm = metricOperatorNorm(this.hessTrue, metric);
    this.xNorm = metric.norm(x);
    this.gradMagnitude0 = this.gradMagnitudeAt(x);
  }

  /** ‖M(y)‖_* from the oracle's gradient rounding model, or 0 when the oracle has none */
  gradMagnitudeAt(y: Float64Array): number {
    const m = this.oracle.gradMagnitude?.(y);
    if (!m) return 0;
    const v = this.metric.dualNorm(m);
    return Number.isFinite(v) ? v : Infinity;
  }

  /** B-unit direction u = L⁻ᵀv from a Euclidean unit vector v (B = LLᵀ), so ‖u‖ = ‖v‖₂ = 1. */
  unwhiten(v: Float64Array): Float64Array {
    const f = this.metric.factor;
    return f ? solveLowerTransposeInPlace(f.l, this.n, v.slice()) : v.slice();
  }

  /** the B-unit direction along d (null for d = 0) */
  normalize(d: Float64Array): Float64Array | null {
    const s = this.metric.norm(d);
    if (!(s > 0) || !Number.isFinite(s)) return null;
    return d.map((v) => v / s);
  }

  /**
   * {t ≥ 0 : t·u ∈ 𝒪} for a B-unit u, as [lo, hi] (hi may be ∞), or null when only t = 0:
   * q t² + c t ≤ 0 with q = ⟨∇²f(x)u, u⟩, c = ⟨g, u⟩.
   */
  interval(u: Float64Array): { lo: number; hi: number } | null {
    const q = dot(matVec(this.hessTrue, u), u);
    const c = dot(this.g, u);
    if (q > 0) return c < 0 ? { lo: 0, hi: -c / q } : null;
    if (q === 0) return c <= 0 ? { lo: 0, hi: Infinity } : null;
    return c <= 0 ? { lo: 0, hi: Infinity } : { lo: c / -q, hi: Infinity };
  }

  /** whether h ∈ 𝒪 (the defining inequality, evaluated directly) */
  inRegion(h: Float64Array): boolean {
    return dot(matVec(this.hessTrue, h), h) + dot(this.g, h) <= 0;
  }

  /**
   * ‖r_x(h)‖_* and its rounding level (docs/theory.md#rounding-allowances-and-the-precision-floor)
   *   τ = 32u(‖∇f(x+h)‖_* + ‖∇f(x)‖_* + ‖Hh‖_* + n‖∇²f(x)‖(‖x‖ + ‖h‖)):
   * the last term is the error of representing x + h (and of forming the oracle's linear forms
   * there), which near a minimizer dominates the gradients themselves. Where the oracle states its
   * gradient rounding model M (`Oracle.gradMagnitude`: summand magnitudes, including the error of its
   * affine arguments Ax − b, whose offset b does not vanish at the minimizer), ‖M(x+h)‖_* + ‖M(x)‖_*
   * is added: each ∇f evaluation is a cancelling sum near a minimizer, off by u·M, not by u·‖∇f‖.
   * Non-finite gradients give ∞.
   */
  residual(h: Float64Array): { norm: number; tau: number } {
    this.evaluations++;
    const { n, x, grad0 } = this;
    const xh = new Float64Array(n);
    for (let i = 0; i < n; i++) xh[i] = x[i] + h[i];
    const g1 = this.oracle.grad(xh);
    const hh = matVec(this.h, h, this.hhWork);
    const r = this.rWork;
    for (let i = 0; i < n; i++) r[i] = g1[i] - grad0[i] - hh[i];
    const norm = this.metric.dualNorm(r);
    const tau = roundingLevel(
      this.metric.dualNorm(g1),
      this.gradNorm0,
      this.metric.dualNorm(hh),
      n * this.hessNorm * (this.xNorm + this.metric.norm(h)),
      this.gradMagnitude0,
      this.gradMagnitudeAt(xh),
    );
    return { norm: Number.isFinite(norm) ? norm : Infinity, tau: Number.isFinite(tau) ? tau : Infinity };
  }

  /** `residual` at h = t·u */
  residualAlong(t: number, u: Float64Array): { norm: number; tau: number } {
    const h = this.hWork;
    for (let i = 0; i < this.n; i++) h[i] = t * u[i];
    return this.residual(h);
  }

  /**
   * ρ(h) = ‖g‖_*‖h‖/‖r(h)‖_* for h = t·u, with ‖r‖ lowered by its rounding level τ so that a
   * value below the true ρ never comes from cancellation in r (an upper estimate up to rounding)
   */
  rho(t: number, u: Float64Array): number {
    const { norm, tau } = this.residualAlong(t, u);
    const r = norm - tau;
    return r > 0 ? (this.a * t) / r : Infinity;
  }

  /** the natural length scale a/‖∇²f(x)‖ (a Newton step), or max(1, ‖x‖) when ∇²f(x) = 0 */
  scale(): number {
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const e = new Float64Array(this.n);
      e[i] = 1;
      const u = this.unwhiten(e);
      m = Math.max(m, this.metric.dualNorm(matVec(this.hessTrue, u)));
    }
    const s = this.a / m;
    return Number.isFinite(s) && s > 0 ? s : Math.max(1, this.metric.norm(this.x));
  }
}
