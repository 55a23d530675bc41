/**
 * C-P4: exact GeN (s = 0, Φ = 1, no clamp) with d = P∇f on an SPD quadratic is steepest descent in the
 * metric P⁻¹ with exact line search, so (Kantorovich; Luenberger & Ye, Linear and Nonlinear
 * Programming, §8.6 [R, V])
 *   f(x_{k+1}) − f* ≤ ((κ − 1)/(κ + 1))²(f(x_k) − f*),   κ = κ(P^{1/2}QP^{1/2}).
 * In floating point (docs/theory.md#gen-kantorovich): d = P∇f̂' with ∇f̂' = ∇f + e (the oracle's rounding
 * and the product's), so with v = P^{1/2}∇f̂' Kantorovich on v gives the exact line search's excess
 * ≤ (ρ + τ)(f(x_k) − f*), τ = 1 − (1 − t₁)²(1 − t₂)², t₁ = |e|ᵀP|∇f̂'|/∇f̂'ᵀP∇f̂', t₂ = ‖e‖/(√λ_min ‖∇f‖_{Q⁻¹});
 * the rate used differs from η* by at most δη (gen-rounding.ts, per form), adding ½δη²dᵀQd; the step
 * point's and the evaluations' rounding are added as in gen-rounding.ts, and the right-hand side is
 * raised by γ_4 for its own evaluation.
 */
import { matrix } from '../linalg/matrix.js';
import { eigenvalueEnclosure, roundedUp } from '../problems/families/certified-spectral-bounds.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { spdQuadratic } from './assumptions.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { displacementAllowance, estimateError, exactRate, fAllowance, type GenRecord, genRecords, offsetBound, type QuadraticData, quadraticData, stepPointDelta } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import { type Assumption, failedAssumption, type Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

/** ρ = ((κ − 1)/(κ + 1))², κ the certified condition number of P^{1/2}QP^{1/2} (P = I when null), and λ_min(Q) */
export function kantorovichFactor(q: QuadraticData, preconditioner: Float64Array | null, u: number): { readonly rho: number; readonly kappa: number; readonly lambdaMin: number } {
  const n = q.xStar.length;
  const root = preconditioner ? preconditioner.map(Math.sqrt) : null;
  const M = root ? matrix(n, n, q.Q.data.map((v, idx) => root[Math.floor(idx / n)] * v * root[idx % n])) : q.Q;
  let frob = 0;
  for (const v of M.data) frob += v * v;
  const spectrum = eigenvalueEnclosure(M, root ? gammaConstant(4, u) * Math.sqrt(frob) * (1 + 4 * u) : 0);
  const lambdaMin = eigenvalueEnclosure(q.Q).min;
  if (!(spectrum.min > 0)) return { rho: 1, kappa: Infinity, lambdaMin };
  const kappa = roundedUp(spectrum.max / spectrum.min);
  return { rho: roundedUp(((kappa - 1) / (kappa + 1)) ** 2), kappa, lambdaMin };
}

export const exactGenRule: Assumption = {
  id: 'gen-exact-rule',
  statement: 'GeN with d = P∇f (P fixed diagonal, P = I for the gradient), s = 0, Φ = 1, no clamp, rate exact or three-point',
  holds: (run) => {
    const o = run.methodOptions;
    if (o.direction !== 'gradient' && o.direction !== 'preconditioned') return `the direction is '${String(o.direction)}'`;
    if (o.smoothing !== 0 || o.lazy !== 1 || o.clamp !== false) return `smoothing ${String(o.smoothing)}, lazy ${String(o.lazy)}, clamp ${String(o.clamp)}`;
    return o.form === 'exact' || o.form === 'three-point' ? true : `the rate form is '${String(o.form)}'`;
  },
};

export interface KantorovichStep {
  readonly k: number;
  readonly observed: number;
  readonly bound: number;
  /** ρ(f_k − f*) alone */
  readonly contraction: number;
}

/** per step whose rate came from its fit: f̂_{k+1} − f* and the bound with its slack (Infinity: not judgeable) */
export function kantorovichSteps(run: ScenarioRun): KantorovichStep[] {
  const q = quadraticData(run);
  const u = run.unitRoundoff;
  const n = q.xStar.length;
  const records = genRecords(run);
  const form = String(run.methodOptions.form);
  const factors = new Map<Float64Array | null, ReturnType<typeof kantorovichFactor>>();
  const out: KantorovichStep[] = [];
  for (let i = 0; i < records.length; i++) {
    const r: GenRecord = records[i];
    if (!r.stepTaken || !r.rateFromFit) continue;
    const next = records[i + 1];
    const xNext = next ? next.x : r.x.map((xi, j) => xi + (r.h as Float64Array)[j]);
    const fNext = next ? next.f : r.fNext;
    if (!factors.has(r.preconditioner)) factors.set(r.preconditioner, kantorovichFactor(q, r.preconditioner, u));
    const { rho, lambdaMin } = factors.get(r.preconditioner)!;
    const exact = exactRate(q, r, u);
    const deltaEta = estimateError(q, r, form, u, exact);
    const eK = fAllowance(q, offsetBound(q, r.x, u), u);
    const excess = r.f - q.fStar;
    // e' = e + γ_2|∇f̂| (the oracle's gradient rounding and the product P·∇f̂)
    const e = exact.gradientError.map((v, j) => v + gammaConstant(2, u) * Math.abs(r.g[j]));
    const p = r.preconditioner ?? new Float64Array(n).fill(1);
    let num = 0;
    let den = 0;
    let eNorm2 = 0;
    for (let j = 0; j < n; j++) {
      num += e[j] * p[j] * Math.abs(r.g[j]) * (1 + gammaConstant(2, u));
      den += p[j] * r.g[j] * r.g[j];
      eNorm2 += e[j] * e[j];
    }
    const g = gammaConstant(n + 4, u);
    const t1 = ((num * (1 + g)) / (den * (1 - g))) * (1 + gammaConstant(4, u));
    const gradQinv = Math.sqrt(Math.max(2 * (excess - eK), 0) * (1 - g));
    const t2 = (Math.sqrt(eNorm2) * (1 + g)) / (Math.sqrt(lambdaMin) * (1 - g) * gradQinv);
    const tau = t1 < 1 && t2 < 1 ? 1 - (1 - t1) ** 2 * (1 - t2) ** 2 : Infinity;
    const delta = stepPointDelta(r.x, r.direction, r.rate, u);
    const rNext = offsetBound(q, xNext, u).map((v, j) => v + delta[j]);
    const slack = 0.5 * deltaEta * deltaEta * (exact.curvature + exact.curvatureError) + displacementAllowance(q, rNext, delta, u) + fAllowance(q, rNext, u);
    const contraction = rho * excess;
    const bound = ((rho + tau) * (excess + eK) + slack) * (1 + gammaConstant(4, u));
    out.push({ k: r.k, observed: fNext - q.fStar, bound: Number.isFinite(bound) ? bound : Infinity, contraction });
  }
  return out;
}

export function checkKantorovich(run: ScenarioRun) {
  const w = new WorstRatio();
  let unjudged = 0;
  for (const s of kantorovichSteps(run)) {
    if (!Number.isFinite(s.bound)) {
      unjudged++;
      continue;
    }
    w.see(s.observed <= 0 ? 0 : s.observed / s.bound, `k=${s.k}: f_{k+1}−f*=${s.observed.toExponential(6)} bound=${s.bound.toExponential(6)} (ρ(f_k−f*)=${s.contraction.toExponential(3)})`);
  }
  return w.verdict(
    'f(x_{k+1}) − f* ≤ (ρ + τ)(f(x_k) − f* + ε_k) + ½δη²dᵀQd + rounding of x_{k+1} and f(x_{k+1}); τ from the gradient\'s rounding, δη the derived error of the rate form (docs/theory.md#gen-kantorovich)',
    unjudged > 0 ? `${unjudged} step${unjudged === 1 ? '' : 's'} not judged: the gradient's rounding reaches ‖∇f‖ (τ undefined) or the rate's floor reaches the curvature` : undefined,
  );
}

export const genKantorovich: Theorem = {
  id: 'gen-kantorovich',
  title: 'GeN (C-P4): exact GeN with d = P∇f contracts f − f* by ((κ − 1)/(κ + 1))² per step on SPD quadratics',
  source: 'Kantorovich\'s inequality for steepest descent with exact line search (Luenberger & Ye, Linear and Nonlinear Programming, Section 8.6) applied to GeN, whose rate on a quadratic is the exact line-search step (Bu & Xu 2025, arXiv 2407.02772, Section 3) [R, V]; docs/theory.md#gen-kantorovich',
  statement: 'f(x_{k+1})-f^\\star\\ \\le\\ \\Big(\\frac{\\kappa-1}{\\kappa+1}\\Big)^2\\big(f(x_k)-f^\\star\\big),\\qquad \\kappa=\\kappa\\big(P^{1/2}QP^{1/2}\\big)',
  assumptions: [capability('gen-rate'), spdQuadratic, exactGenRule],
  tight: true,
  gating: true,
  gatingReason: 'Kantorovich\'s inequality for the exact line-search step, with the rounding of the gradient (τ), of the rate (δη, per form) and of the step and evaluations derived from Higham\'s γ bounds; κ from a certified eigenvalue enclosure',
  check: checkKantorovich,
  series: (run) => {
    if (failedAssumption(genKantorovich, run) !== null) return null;
    const steps = kantorovichSteps(run).filter((s) => Number.isFinite(s.bound));
    return { observed: steps.map((s) => s.observed), bound: steps.map((s) => s.bound), floor: 0 };
  },
};
