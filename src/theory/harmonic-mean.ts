/**
 * A14, harmonic mean (spec gns.md §2.3(c), §5.1, §8.2 A14; gns-validation §5): 𝒪 does not depend on
 * H, and r₂ = r₁ + (H₁ − H₂)h, so for H₁ = ∇²f(x_k) and H₂ = H_k (the run's model)
 *   γ_{H₂}(x) ≥ [γ_{H₁}(x)⁻¹ + ‖H₁ − H₂‖/‖∇f(x)‖_*]⁻¹,
 * attained (e.g. when γ₁ is set by the boundary of 𝒪). Checked two ways: against γ_{H₂} from the
 * grid, and directly (no h ∈ 𝒪 ∩ B_harm with ‖r₂(h)‖_* > a‖h‖/harm). For a certified model the
 * same holds with ‖E‖ replaced by its certificate C1 + C2 a^{1−β} (spec §5.1).
 */
import { falsifyLowerBound, gammaExact1D2D } from '../gns/gamma.js';
import { hessianAt, lowDimension, sampleIterations } from '../gns/run-view.js';
import { metricOperatorNorm } from '../linalg/metric.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { hessianError } from '../solvers/ideal-gamma.js';
import { GAMMA_ITERATES, GRID_TOLERANCE } from './gamma-cap.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** bound/γ_H with the grid tolerance; γ_H = ∞ meets a bound of ∞ with equality (a residual that vanishes on the whole region). */
function boundRatio(bound: number, gammaH: number): number {
  return bound === Infinity && gammaH === Infinity ? 1 : bound / (gammaH * (1 + GRID_TOLERANCE));
}

export function checkHarmonicMean(run: ScenarioRun): Verdict {
  const w = new WorstRatio();
  const oracle = run.instance.problem.oracle;
  const cert = run.model.certificate;
  const { picked, skipped } = sampleIterations(run.records, GAMMA_ITERATES);
  for (let i = 0; i < skipped; i++) w.skipPastFloor();
  for (const r of picked) {
    const a = r.gradNorm;
    const hTrue = oracle.hess(r.x);
    const H = hessianAt(run, r.k);
    const e = metricOperatorNorm(hessianError(hTrue, H), run.metric);
    const g1 = gammaExact1D2D(oracle, r.x, r.g, hTrue, run.metric).gamma;
    const g2 = gammaExact1D2D(oracle, r.x, r.g, H, run.metric).gamma;
    const harm = 1 / (1 / g1 + e / a);
    w.see(boundRatio(harm, g2), `k=${r.k}: γ_H = ${g2} vs [γ_∇²f⁻¹ + ‖E‖/a]⁻¹ = ${harm} (γ_∇²f = ${g1}, ‖E‖ = ${e})`);
    if (Number.isFinite(harm) && harm > 0) {
      const direct = falsifyLowerBound(harm, oracle, r.x, r.g, H, run.metric);
      w.see(direct.ratio / (1 + GRID_TOLERANCE), `k=${r.k}: direct check at harm = ${harm}: max ‖r_H(h)‖·harm/(a‖h‖) = ${direct.ratio}`);
    }
    if (cert.certified && run.model.id !== 'exact') {
      const bound = cert.C1 + cert.C2 * a ** (1 - cert.beta);
      const harmCert = 1 / (1 / g1 + bound / a);
      w.see(boundRatio(harmCert, g2), `k=${r.k}: γ_H = ${g2} vs certified [γ⁻¹ + (C1 + C2a^{1−β})/a]⁻¹ = ${harmCert}`);
    }
  }
  return w.verdict(`γ from the refined grid; bound/γ_H ≤ 1 + ${GRID_TOLERANCE}; direct check ratio ‖r‖/(a‖h‖/harm·(1+1e-8) + τ) ≤ 1 + ${GRID_TOLERANCE}; iterates with a_k < 1e-6·a_0 not checked`);
}

export const harmonicMean: Theorem = {
  id: 'harmonic-mean',
  title: 'Inexact Hessian: γ_{H₂} ≥ [γ_{H₁}⁻¹ + ‖H₁ − H₂‖/‖∇f‖_*]⁻¹ (A14)',
  source: 'Semenov, Jaggi & Doikov 2025 [P: harmonic-mean statement]; proof spec gns.md §2.3(c) [R], certified form §5.1; §8.2 A14; validated in gns-validation §5 (attained: harm/γ₂ = 1.00000000)',
  statement: '\\gamma_{H_2}(x)\\ \\ge\\ \\Big[\\gamma_{H_1}(x)^{-1}+\\frac{\\|H_1(x)-H_2(x)\\|}{\\|\\nabla f(x)\\|_*}\\Big]^{-1},\\quad H_1=\\nabla^2 f',
  assumptions: [lowDimension],
  tight: true,
  gating: true,
  gatingReason:
    'r₂ = r₁ + (H₁ − H₂)h and the triangle inequality give the bound on the common region 𝒪 (spec §2.3(c)); the allowance is the refined grid\'s 1e-3 resolution',
  check: checkHarmonicMean,
};
