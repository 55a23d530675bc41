/**
 * Allowances on ‖(C + τI)δ̂ + q‖ for a natural-gradient direction δ̂ computed by each inverse route
 * (docs/theory.md#natural-gradient-damped-system derives each):
 * - forming: the method forms C from the same rows U (or the same K-FAC factors) in any order:
 *   ‖ΔC‖ ≤ γ_{R+3}(‖U‖_F²/B + ‖A‖) (Higham 2002, §3.5), or the rounding of a, b of the π-split;
 * - a factor-based solve (Cholesky, eigen-decomposition, or their Kronecker products): with ε ≥ the
 *   normwise relative backward error of each factorization (Cholesky: γ_{3m+1}·m/(1 − γ_{m+1}), from
 *   |ΔA| ≤ γ_{3m+1}|R̂ᵀ||R̂|, Higham Thm 10.4, and (|R̂ᵀ||R̂|)_ij ≤ √(a_ii a_jj)/(1 − γ_{m+1}); an
 *   eigen-decomposition: the adopted model 32m·u·‖A‖_F ≤ 32m^{3/2}u‖A‖₂ of src/classes/rounding.ts, for its
 *   backward error and for its eigenvectors' distance to an orthogonal matrix),
 *     ‖r‖ ≤ [ε(1 + 2(1 + ε)²κ) + γ_{2a+1}·n(1 + ε)⁴κ]·‖q‖,  κ = (‖A‖(1 + ε) + τ)/(λ_min(A + τI) − ε‖A‖),
 *   a the inner dimension of the applied products (Kronecker: ε = ε_Γ + ε_Λ + ε_Γε_Λ);
 * - a dense Cholesky solve of fl(C + μI): ‖r‖ ≤ γ_{3n+1}/(1 − γ_{n+1})·tr(Â)·‖δ̂‖ (the same two facts);
 * - Newton–Schulz with the recorded ê = ‖fl(I − ÂX)‖_F: e = (ê + γ_n·nκ)/(1 − γ_n·nκ) ≥ ‖I − ÂX‖₂, and
 *   δ̂ = fl(Xq) adds γ_n·nκ(1 + e)‖q‖ (κ = ‖A‖/λ_min(A));
 * - diagonal: δ_i = −q_i/(d_i + μ): |r_i| ≤ γ₂|q_i|;
 * - lazy: X = (A + μ_jI)⁻¹ used at μ′ with X − ΔμX²: (A + μ′I)(X − ΔμX²) = I − Δμ²X² exactly (AX = I − μ_jX,
 *   and X commutes with A), so the exact X leaves r = −Δμ²X²q, ‖r‖ ≤ Δμ²‖X‖²‖q‖ with ‖X‖ ≤ 1/λ_min(A + μ_jI)
 *   (this also gives the operator bound Δμ²‖X‖³/(1 − |Δμ|‖X‖) on ‖(A + μ′I)⁻¹ − (X − ΔμX²)‖); plus the
 *   forward error of the X̂ formed (√n·εκ_j‖X‖/(1 − εκ_j), column by column) carried through X − ΔμX²;
 * - push-through: δ = −(q − Uᵀw)/τ with (M + ΔM)ŵ = fl(Uq), M = UUᵀ + BτI (any scaling of it):
 *   r = −Uᵀ(ΔMŵ − Δz)/(Bτ) plus the rounding of Uᵀŵ and of (q − s)/τ carried by ‖A‖/τ;
 * - push-through from the innovation a (q = Uᵀa): δ = −B·Uᵀŵ with (M + ΔM)ŵ = a gives
 *   (UᵀU/B + τI)·BUᵀŵ = Uᵀ(a − ΔMŵ), so ‖r‖ ≤ ‖U‖‖ΔM‖‖ŵ‖ + ‖A‖·B·γ_{R+2}‖U‖_F‖ŵ‖, ‖ŵ‖ ≤ ‖a‖/(Bτ − ‖ΔM‖).
 */
import { gammaOf, normUp } from './natural-gradient-records.js';
import type { DampedSystem } from './natural-gradient-system.js';

const U64 = 2 ** -53;

/** ε of a backward-stable factorization of an m × m symmetric matrix: the larger of Cholesky's and the eigensolver model's */
export function factorizationEpsilon(m: number): number {
  const cholesky = (gammaOf(3 * m + 1) * m) / (1 - gammaOf(m + 1));
  const eigen = 32 * m ** 1.5 * U64;
  return Math.max(cholesky, eigen) * (1 + 8 * U64);
}

/** ε and the applied products' inner dimension of the system's factorization (Kronecker: each factor's) */
function routeEpsilon(system: DampedSystem): { eps: number; inner: number } {
  const s = system.structure;
  if (s.kind !== 'kfac') return { eps: factorizationEpsilon(system.dim), inner: system.dim };
  let eps = 0;
  let inner = 0;
  for (const b of s.blocks) {
    const eg = factorizationEpsilon(b.gamma.rows);
    const el = factorizationEpsilon(b.lambda.rows);
    eps = Math.max(eps, eg + el + eg * el);
    inner = Math.max(inner, b.gamma.rows + b.lambda.rows);
  }
  return { eps: eps * (1 + 8 * U64), inner };
}

/** ‖ΔA‖ of the method's forming of A from the same rows or factors, times ‖δ‖ */
export function formingAllowance(system: DampedSystem, deltaNorm: number): number {
  return gammaOf(system.structure.kind === 'kfac' ? 8 : rowCount(system) + 3) * (system.rowsFrobenius + system.normUpper) * deltaNorm;
}

function rowCount(system: DampedSystem): number {
  const s = system.structure;
  return s.kind === 'kfac' ? 0 : s.rows.rows;
}

/** κ of the computed factorization (module comment), Infinity when ε‖A‖ reaches λ_min */
function perturbedCondition(system: DampedSystem, eps: number): number {
  const dMin = system.lambdaMinLower - eps * system.normUpper;
  if (!(dMin > 0)) return Infinity;
  return ((system.normUpper * (1 + eps) + system.tau) / dMin) * (1 + 4 * U64);
}

/** the factor-based solve's allowance on ‖r‖ (module comment) */
export function factorSolveAllowance(system: DampedSystem, qNorm: number): number {
  const { eps, inner } = routeEpsilon(system);
  const kappa = perturbedCondition(system, eps);
  const n = system.dim;
  return (eps * (1 + 2 * (1 + eps) ** 2 * kappa) + gammaOf(2 * inner + 1) * n * (1 + eps) ** 4 * kappa) * qNorm * (1 + 8 * U64);
}

/** the dense Cholesky solve's allowance on ‖r‖ */
export function choleskySolveAllowance(system: DampedSystem, deltaNorm: number): number {
  const n = system.dim;
  return (gammaOf(3 * n + 1) / (1 - gammaOf(n + 1))) * system.traceUpper * (1 + gammaOf(rowCount(system) + 3)) * deltaNorm * (1 + 8 * U64);
}

/** Newton–Schulz's allowance on ‖r‖ beyond nothing (the recorded ê enters through e); Infinity where γ_n·nκ ≥ 1 */
export function newtonSchulzAllowance(system: DampedSystem, recordedResidual: number, qNorm: number): number {
  const n = system.dim;
  const kappa = (system.normUpper / system.lambdaMinLower) * (1 + 4 * U64);
  const c = gammaOf(n + 2) * n * kappa;
  if (!(c < 1)) return Infinity;
  const e = (recordedResidual + c) / (1 - c);
  return (e + c * (1 + e)) * qNorm * (1 + 8 * U64);
}

/** the diagonal route's allowance on ‖r‖ */
export function diagonalSolveAllowance(qNorm: number): number {
  return gammaOf(2) * qNorm;
}

/**
 * The lazy route: the inverse formed at μ_j (`inverseDamping`) on the curvature of `system` (whose damping
 * is μ′ = the record's damping), corrected to μ′ by X − ΔμX², Δμ = μ′ − μ_j; Infinity where
 * |Δμ|·‖X‖ ≥ 1 (the series bound does not apply).
 */
export function lazyAllowance(system: DampedSystem, signedDeltaMu: number, qNorm: number): { total: number; correction: number } {
  const deltaMu = Math.abs(signedDeltaMu) * (1 + 2 * U64);
  // A_j + μ_jI = (A + μ′I) − ΔμI
  const lambdaMinJ = (system.lambdaMinLower - signedDeltaMu) * (1 - 4 * U64) - 4 * U64 * Math.abs(signedDeltaMu);
  if (!(lambdaMinJ > 0)) return { total: Infinity, correction: Infinity };
  const xNorm = (1 / lambdaMinJ) * (1 + 2 * U64);
  const aNorm = system.normUpper;
  const correction = deltaMu * deltaMu * xNorm * xNorm * qNorm * (1 + 8 * U64);
  const { eps, inner } = routeEpsilon(system);
  const normJ = (aNorm + deltaMu) * (1 + 2 * U64);
  const dMin = lambdaMinJ - eps * normJ;
  if (!(dMin > 0)) return { total: Infinity, correction };
  const kappaJ = ((normJ * (1 + eps)) / dMin) * (1 + 4 * U64);
  if (!(eps * kappaJ < 1)) return { total: Infinity, correction };
  // column by column (an inverse formed from n solves): ‖X̂ − X‖₂ ≤ ‖X̂ − X‖_F ≤ √n·εκ_j‖X‖/(1 − εκ_j)
  const xError = ((Math.sqrt(system.dim) * eps * kappaJ) / (1 - eps * kappaJ)) * xNorm;
  const xHat = xNorm + xError;
  const applied = xError * (1 + deltaMu * (xNorm + xHat));
  const rounding = gammaOf(2 * inner + 2) * system.dim * xHat * (1 + deltaMu * xHat);
  return { total: (correction + aNorm * (applied + rounding) * qNorm) * (1 + 8 * U64), correction };
}

/**
 * The push-through system M = UUᵀ + BτI of a dense system (module comment): an upper bound on ‖U‖_F, Bτ
 * rounded down and the bound on ‖ΔM‖ of forming and solving M; null for other structures or where Bτ ≤ ‖ΔM‖.
 */
function pushThroughSystem(system: DampedSystem): { rows: number; batchSize: number; tau: number; uF: number; deltaM: number; bTau: number } | null {
  const s = system.structure;
  if (s.kind !== 'dense') return null;
  const R = s.rows.rows;
  const n = system.dim;
  const B = s.batchSize;
  const tau = system.lambdaMinLower;
  const uF = Math.sqrt(system.rowsFrobenius * B) * (1 + 2 * U64);
  const mTrace = (uF * uF + B * tau * R) * (1 + gammaOf(n + 3));
  const deltaM = (gammaOf(3 * R + 1) / (1 - gammaOf(R + 1))) * mTrace + gammaOf(n + 3) * (uF * uF + B * tau);
  const bTau = B * tau * (1 - 4 * U64);
  if (!(bTau - deltaM > 0)) return null;
  return { rows: R, batchSize: B, tau, uF, deltaM, bTau };
}

/** the push-through route's allowance on ‖r‖ (dense systems: C = UᵀU/B + l2·I, τ = l2 + μ) */
export function pushThroughAllowance(system: DampedSystem, q: Float64Array): number {
  const m = pushThroughSystem(system);
  if (!m) return Infinity;
  const { rows: R, tau, uF, deltaM, bTau } = m;
  const qNorm = normUp(q);
  const dz = gammaOf(system.dim) * uF * qNorm;
  const w = ((uF * qNorm + dz) / (bTau - deltaM)) * (1 + 4 * U64);
  const solve = (uF * (deltaM * w + dz)) / bTau;
  const after = (system.normUpper / tau) * (gammaOf(R) * uF * w * (1 + gammaOf(2)) + gammaOf(2) * (qNorm + uF * w));
  return (solve + after) * (1 + 8 * U64);
}

/** the push-through solve from the innovation a (module comment), dense systems */
export function innovationAllowance(system: DampedSystem, aNorm: number): number {
  const m = pushThroughSystem(system);
  if (!m) return Infinity;
  const { rows: R, batchSize: B, uF, deltaM, bTau } = m;
  const w = (aNorm / (bTau - deltaM)) * (1 + 4 * U64);
  return (uF * deltaM * w + system.normUpper * B * gammaOf(R + 2) * uF * w) * (1 + 8 * U64);
}

/** the bound on |μ̂ − ρ‖g‖^α| for μ̂ = fl(ρ·fl(‖g‖)^α) (gradient-damping.ts), pow within 2 ulps */
export function dampingAllowance(rho: number, exponent: number, gradNorm: number, length: number): number {
  const rel = (1 + gammaOf(length + 3)) ** (2 * Math.abs(exponent)) * (1 + 4 * U64) ** 2 - 1;
  return rel * Math.abs(rho) * (gradNorm * (1 + gammaOf(length + 3))) ** exponent * (1 + 8 * U64);
}
