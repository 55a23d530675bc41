import { membership, smallestLipschitzConstant } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import type { KernelId } from '../solvers/isotropic-kernels.js';
import { saturationEstimate } from './saturation-estimate.js';

/**
 * Constants (L, λ = 1/L̄) of (L, L̄)-anisotropic smoothness for which P-GD, x⁺ = x − γ∇φ*(λ∇f(x)), has
 * f(x⁺) ≤ f(x) − (γ/λ)·φ(∇φ*(λ∇f(x))) for every 0 < γ ≤ 1/L (docs/theory.md#anisotropic-constants).
 */
export interface AnisotropicConstants {
  readonly kernel: KernelId;
  readonly lambda: number;
  readonly L: number;
  readonly status: 'certified' | 'estimated';
  readonly how: string;
}

/** No constants: the instance is not (L, L̄)-smooth as far as certificates and the saturation estimate tell. */
export interface OutsideTheory {
  readonly kernel: KernelId;
  readonly status: 'outside';
  readonly how: string;
}

/** The class as `ratecheck list classes` shows it: not a SmoothnessClass (it bounds P-GD's step, not Algorithm 1's γ). */
export const ANISOTROPIC_SMOOTHNESS = {
  id: 'anisotropic-smooth',
  title: '(L, L̄)-anisotropically smooth relative to φ = h(‖·‖), h ∈ {cosh, exp, log, clip} (P-GD)',
  definition: 'f(x)\\le f(\\bar x)+\\bar L\\,[L^{-1}\\phi(L(x-\\bar y))-L^{-1}\\phi(L(\\bar x-\\bar y))],\\quad \\bar y=\\bar x-L^{-1}\\nabla\\phi^*(\\bar L^{-1}\\nabla f(\\bar x))',
  source: 'Oikonomidis, Quan, Laude & Patrinos (arXiv 2502.08532), Bodard & Patrinos (arXiv 2509.15817) [S]; used through its descent inequality f(x⁺) ≤ f(x) − (γ/λ)φ(∇φ*(λ∇f(x))), 0 < γ ≤ 1/L, λ = 1/L̄; rules derived [R]',
  constants:
    'certified (B = I): a Lipschitz gradient L_f, any kernel: λ = 1, L = L_f; (L0, L1) with L1 > 0: log λ = L1/L0, L = 1.5·L1, clip λ = L1/L0, L = 2.5·L1. Else estimated (measured, not proven): L1 = 1, L0 = max(‖∇²f‖ − ‖∇f‖), L = max λ_max(λH_λ) over samples in balls of radius R, 2R, 4R, saturated when both change ≤ 10% from 2R to 4R. Else outside the theory (not a violation)',
} as const;

/**
 * L = c·L1 of the (L0, L1) rules, λ = L1/L0. The descent inequality reduces to (1 + r)q²ψ(q/c)/c ≤ h*(r)
 * for r = λ‖∇f‖, q = h*′(r), ψ(s) = (eˢ − 1 − s)/s²: log holds when ψ(1/c)/c ≤ ½ (c ≥ 1.312), clip when
 * 2ψ(1/c)/c ≤ ½ (c ≥ 2.33); derivations in the `how` strings below.
 */
export const L0L1_FACTORS = { log: 1.5, clip: 2.5 } as const;

const LIPSCHITZ_HOW =
  'B = I, ∇f L_f-Lipschitz: f(x + v) ≤ f + ⟨g, v⟩ + (L_f/2)‖v‖². φ is 1-strongly convex, even, φ(0) = 0, so φ(d) ≥ ½‖d‖²; with d = ∇φ*(λg), ⟨λg, d⟩ = φ(d) + φ*(λg) (Fenchel), and for γ ≤ 1/(λL_f): f(x⁺) ≤ f − (γ/λ)(φ(d) + φ*(λg)) + (γ/λ)φ(d) = f − (γ/λ)φ*(λg) ≤ f − (γ/λ)φ(∇φ*(λg)), by φ*(u) ≥ φ(∇φ*(u)), i.e. h*(r) ≥ h(h*′(r)) (cosh: r·asinh r − 2√(1+r²) + 2 ≥ 0; exp: (2+r)ln(1+r) − 2r ≥ 0; log: r + r/(1+r) − 2ln(1+r) ≥ 0; clip: equal for r ≤ 1, r − ½ ≥ ½ beyond; each 0 at 0 with a nonnegative derivative). λ = 1, L = L_f';

const GRONWALL =
  "B = I, (L0, L1)-smooth: Grönwall along the segment gives ‖∇²f(x + tv)‖ ≤ (L0 + L1‖g‖)e^{L1t‖v‖}, so f(x + v) ≤ f + ⟨g, v⟩ + (L0 + L1‖g‖)‖v‖²ψ(L1‖v‖), ψ(s) = (eˢ − 1 − s)/s² increasing, ψ(0) = ½. With λ = L1/L0, r = λ‖g‖, q = ‖∇φ*(λg)‖ = h*′(r), Fenchel's equality and γ = 1/(cL1) (smaller γ only helps: the remainder over γ grows with γ), the descent inequality reduces to (1 + r)q²ψ(q/c)/c ≤ h*(r).";

const L0L1_HOW: Record<keyof typeof L0L1_FACTORS, string> = {
  log: `${GRONWALL} log (q = r/(1 + r) < 1, h* = r − ln(1 + r)): LHS ≤ r²/(1 + r)·ψ(1/c)/c ≤ r²/(2(1 + r)) ≤ r − ln(1 + r), the last from ln(1 + r) ≤ r(2 + r)/(2(1 + r)); needs ψ(1/c)/c ≤ ½: c = 1.5, ψ(2/3)/1.5 = 0.4216. λ = L1/L0, L = 1.5·L1`,
  clip: `${GRONWALL} clip (q = min(r, 1), h* = r²/2 for r ≤ 1, r − ½ beyond): for r ≤ 1 it is (1 + r)ψ(r/c)/c ≤ ½, worst at r = 1: 2ψ(1/c)/c ≤ ½; for r > 1, (1 + r)ψ(1/c)/c ≤ r − ½ holds at r = 1 and its slope ψ(1/c)/c < 1. c = 2.5: ψ(0.4)/2.5 = 0.2296. λ = L1/L0, L = 2.5·L1`,
};

/**
 * The certified rules (metric B = I only): a Lipschitz gradient, any kernel; (L0, L1)-smoothness with
 * L1 > 0, kernels log and clip (L1 = 0 is a Lipschitz gradient with L_f = L0). Of several, the one with
 * the largest λ/L, the step γλ near stationarity. Null where none applies.
 */
export function certifiedAnisotropicConstants(instance: Instance, kernel: KernelId): AnisotropicConstants | null {
  if (instance.metric.kind !== 'identity') return null;
  const cert = instance.certificate;
  const candidates: AnisotropicConstants[] = [];
  const lipschitz = (Lf: number, from: string) => {
    if (Lf > 0 && Number.isFinite(Lf)) candidates.push({ kernel, lambda: 1, L: Lf, status: 'certified', how: `${from}. ${LIPSCHITZ_HOW} = ${Lf}` });
  };
  const Lf = smallestLipschitzConstant(cert);
  if (Lf !== null) lipschitz(Lf, `certified lipschitz-gradient L_f = ${Lf}`);
  for (const m of membership(cert, 'l0-l1-smooth')) {
    if (m.L1 === 0) lipschitz(m.L0, `certified (L0, L1) = (${m.L0}, 0): ‖∇²f‖ ≤ L0, so L_f = L0`);
    else if ((kernel === 'log' || kernel === 'clip') && m.L0 > 0 && m.L1 > 0 && Number.isFinite(m.L0 / m.L1)) {
      const L = L0L1_FACTORS[kernel] * m.L1;
      candidates.push({ kernel, lambda: m.L1 / m.L0, L, status: 'certified', how: `certified (L0, L1) = (${m.L0}, ${m.L1}). ${L0L1_HOW[kernel]} = ${L}` });
    }
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((best, c) => (c.lambda / c.L > best.lambda / best.L ? c : best));
}

/** Certified where a rule applies; else the saturation estimate (saturation-estimate.ts, memoized per instance name) when it saturates; else outside. */
export function anisotropicConstantsOf(instance: Instance, kernel: KernelId): AnisotropicConstants | OutsideTheory {
  const certified = certifiedAnisotropicConstants(instance, kernel);
  if (certified) return certified;
  const estimate = saturationEstimate(instance, kernel);
  const last = estimate.levels[estimate.levels.length - 1];
  if (!estimate.saturated || !last) return { kernel, status: 'outside', how: estimate.how };
  return { kernel, lambda: last.lambda, L: last.L, status: 'estimated', how: estimate.how };
}
