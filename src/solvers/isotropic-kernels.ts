import { norm2 } from '../linalg/vector.js';

/**
 * The isotropic reference functions φ = h(‖·‖) of nonlinearly preconditioned gradient descent
 * (Oikonomidis, Quan, Laude & Patrinos 2025; Bodard & Patrinos 2025), by the scalar kernel h. With
 * r = ‖u‖ and e = u/r: ∇φ*(u) = h*′(r)·e, ∇²φ*(u) = a(r)·I + (b(r) − a(r))·eeᵀ with a = h*′(r)/r and
 * b = h*″(r), and the stationarity measure φ(∇φ*(u)) = h(h*′(r)) = r·h*′(r) − h*(r) (Fenchel's
 * equality). Closed forms: docs/theory.md#preconditioned-gradient-kernels.
 */

export const KERNEL_IDS = ['cosh', 'exp', 'log', 'clip'] as const;
export type KernelId = (typeof KERNEL_IDS)[number];

export interface IsotropicKernel {
  readonly id: KernelId;
  /** h(t), LaTeX */
  readonly h: string;
  /** h*′(r) = ‖∇φ*(u)‖ at ‖u‖ = r */
  dualSlope(r: number): number;
  /** h*(r) = φ*(u) at ‖u‖ = r */
  conjugate(r: number): number;
  /** φ(∇φ*(u)) = h(h*′(r)) at ‖u‖ = r: the stationarity measure before scaling */
  measure(r: number): number;
  /** a and b of ∇²φ*(u) = a·I + (b − a)·eeᵀ at ‖u‖ = r (a = b = 1 at r = 0) */
  hessianCoefficients(r: number): { readonly a: number; readonly b: number };
}

/** Σ_{k≥2} c_k r^k for |r| < 0.1, where the closed form cancels (16 terms: r^17 < 1e-17 r²) */
function series(r: number, coefficient: (k: number) => number): number {
  let s = 0;
  let p = r * r;
  for (let k = 2; k < 18; k++) {
    s += coefficient(k) * p;
    p *= r;
  }
  return s;
}

const SMALL = 0.1;

/** h₁(t) = cosh t − 1: ∇φ*(u) = asinh(r)·e, φ(∇φ*(u)) = √(1 + r²) − 1 */
const cosh: IsotropicKernel = {
  id: 'cosh',
  h: '\\cosh t-1',
  dualSlope: (r) => Math.asinh(r),
  conjugate: (r) => r * Math.asinh(r) - (r * r) / (Math.sqrt(1 + r * r) + 1),
  measure: (r) => (r * r) / (Math.sqrt(1 + r * r) + 1),
  hessianCoefficients: (r) => ({ a: r < 1e-8 ? 1 : Math.asinh(r) / r, b: 1 / Math.sqrt(1 + r * r) }),
};

/** h₂(t) = e^|t| − |t| − 1: ∇φ*(u) = ln(1 + r)·e, φ(∇φ*(u)) = r − ln(1 + r) */
const exp: IsotropicKernel = {
  id: 'exp',
  h: 'e^{|t|}-|t|-1',
  dualSlope: (r) => Math.log1p(r),
  // (1 + r)ln(1 + r) − r = Σ_{k≥2} (−1)^k r^k/(k(k − 1))
  conjugate: (r) => (r < SMALL ? series(r, (k) => (k % 2 === 0 ? 1 : -1) / (k * (k - 1))) : (1 + r) * Math.log1p(r) - r),
  // r − ln(1 + r) = Σ_{k≥2} (−1)^k r^k/k
  measure: (r) => (r < SMALL ? series(r, (k) => (k % 2 === 0 ? 1 : -1) / k) : r - Math.log1p(r)),
  hessianCoefficients: (r) => ({ a: r < 1e-8 ? 1 : Math.log1p(r) / r, b: 1 / (1 + r) }),
};

/** h₃(t) = −|t| − ln(1 − |t|) on |t| < 1: ∇φ*(u) = u/(1 + r), φ(∇φ*(u)) = ln(1 + r) − r/(1 + r) */
const logSlope = (r: number): number => (r === Infinity ? 1 : r / (1 + r));

const log: IsotropicKernel = {
  id: 'log',
  h: '-|t|-\\ln(1-|t|)',
  dualSlope: logSlope,
  // r − ln(1 + r) = Σ_{k≥2} (−1)^k r^k/k
  conjugate: (r) => (r < SMALL ? series(r, (k) => (k % 2 === 0 ? 1 : -1) / k) : r - Math.log1p(r)),
  // ln(1 + r) − r/(1 + r) = Σ_{k≥2} (−1)^k (k − 1) r^k/k
  measure: (r) => (r < SMALL ? series(r, (k) => ((k % 2 === 0 ? 1 : -1) * (k - 1)) / k) : Math.log1p(r) - logSlope(r)),
  hessianCoefficients: (r) => ({ a: 1 / (1 + r), b: 1 / ((1 + r) * (1 + r)) }),
};

/** φ = ½‖·‖² + the indicator of the unit ball: ∇φ*(u) = u for r ≤ 1, u/r beyond (hard clipping) */
const clip: IsotropicKernel = {
  id: 'clip',
  h: '\\tfrac12 t^2+\\iota_{[-1,1]}(t)',
  dualSlope: (r) => Math.min(r, 1),
  conjugate: (r) => (r <= 1 ? (r * r) / 2 : r - 0.5),
  measure: (r) => Math.min(r, 1) ** 2 / 2,
  // I inside the ball, (I − eeᵀ)/r outside (the map is not differentiable on r = 1; there: inside's)
  hessianCoefficients: (r) => (r <= 1 ? { a: 1, b: 1 } : { a: 1 / r, b: 0 }),
};

export const KERNELS: Readonly<Record<KernelId, IsotropicKernel>> = { cosh, exp, log, clip };

export function kernelById(id: string): IsotropicKernel | undefined {
  return (KERNEL_IDS as readonly string[]).includes(id) ? KERNELS[id as KernelId] : undefined;
}

/** ∇φ*(u) = h*′(‖u‖)·u/‖u‖ (0 at u = 0; ‖u‖ scaled so that it does not overflow, NaN entries for a non-finite u) */
export function dualGradient(kernel: IsotropicKernel, u: Float64Array): Float64Array {
  const r = norm2(u);
  if (r === 0) return new Float64Array(u.length);
  const slope = kernel.dualSlope(r);
  return u.map((v) => slope * (v / r));
}

/** The stationarity measure λ⁻¹φ(∇φ*(λg)) of P-GD at a gradient g (Bodard & Patrinos 2025; ≈ λ‖g‖²/2 for small λ‖g‖) */
export function stationarityMeasure(kernel: IsotropicKernel, lambda: number, g: Float64Array): number {
  return kernel.measure(lambda * norm2(g)) / lambda;
}
