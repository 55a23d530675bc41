/**
 * A14, harmonic mean (docs/theory.md#harmonic-mean): 𝒪 does not depend on
 * H, and r₂ = r₁ + (H₁ − H₂)h, so for H₁ = ∇²f(x_k) and H₂ = H_k (the run's model)
 *   γ_{H₂}(x) ≥ [γ_{H₁}(x)⁻¹ + ‖H₁ − H₂‖/‖∇f(x)‖_*]⁻¹ ≥ [π⁻¹ + ‖H₁ − H₂‖/‖∇f(x)‖_*]⁻¹,
 * the last with the certified class bound π ≤ γ_{H₁}; for a certified model also γ_{H₂} ≥ π_H.
 * Only certified lower bounds are confronted with upper bounds on γ_{H₂} (sampling gives only those):
 * a grid estimate of γ_{H₁} in the bound would make the check rest on the estimator's accuracy.
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { falsifyLowerBound, gammaExact1D2D } from '../gns/gamma.js';
import { hessianAt, lowDimension, sampleIterations } from './run-view.js';
import { metricOperatorNorm } from '../linalg/metric.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { hessianError } from '../solvers/ideal-gamma.js';
import { certifiedGammaBound, classBound } from './convex-step.js';
import { GAMMA_ITERATES } from './gamma-cap.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** A certified lower bound on γ for this run's model exists: the class bound of ∇²f (then harmonic with ‖E‖), or the model's own π_H. */
const certifiedLowerBound: Assumption = {
  id: 'certified-lower-bound',
  statement: 'a certified lower bound on γ: a class bound π for ∇²f, or π_H from the model\'s certificate',
  holds: (run) => (classBound(run, 'exact') || certifiedGammaBound(run) ? true : 'no class bound for ∇²f and no certified π_H for this model'),
};

/**
 * Every lower bound b on γ_{H₂} that follows from certificates — b = [π⁻¹ + ‖E‖/a]⁻¹ with the class bound
 * π ≤ γ_{∇²f}, and the model's π_H — against two upper bounds on γ_{H₂}: the grid estimate
 * (an inf of max(‖h‖, ρ(h)) over evaluated h, ρ with the rounding level removed), where its range resolved
 * it, and any h ∈ 𝒪 ∩ B_b the falsifier finds with ‖r₂(h)‖_* > a‖h‖/b·(1 + 1e-8) + τ.
 */
export function checkHarmonicMean(run: ScenarioRun): Verdict {
  const w = new WorstRatio();
  const oracle = run.instance.problem.oracle;
  const piExact = classBound(run, 'exact');
  const piModel = run.model.id === 'exact' ? null : certifiedGammaBound(run);
  const { picked, skipped } = sampleIterations(gnsRecords(run), GAMMA_ITERATES);
  for (let i = 0; i < skipped; i++) w.skipPastFloor();
  let tightest = Infinity;
  for (const r of picked) {
    const a = r.gradNorm;
    const H = hessianAt(run, r.k);
    const e = metricOperatorNorm(hessianError(oracle.hess(r.x), H), run.metric);
    const bounds: [string, number][] = [];
    if (piExact) bounds.push(['[π⁻¹ + ‖E‖/a]⁻¹', 1 / (1 / piExact(a) + e / a)]);
    if (piModel) bounds.push(['certified π_H', piModel(a)]);
    const est = gammaExact1D2D(oracle, r.x, r.g, H, run.metric);
    for (const [label, b] of bounds) {
      if (!(b > 0) || !Number.isFinite(b)) continue;
      if (!est.beyondRange && !Number.isNaN(est.gamma)) {
        tightest = Math.min(tightest, est.gamma / b);
        w.see(est.gamma === Infinity ? 0 : b / est.gamma, `k=${r.k}: grid γ_H = ${est.gamma} (an upper bound) vs ${label} = ${b} (‖E‖ = ${e})`);
      }
      const direct = falsifyLowerBound(b, oracle, r.x, r.g, H, run.metric);
      w.see(direct.ratio, `k=${r.k}: direct check at ${label} = ${b}: max ‖r_H(h)‖_*/(a‖h‖/b·(1 + 1e-8) + τ) = ${direct.ratio}`);
    }
  }
  return w.verdict(
    'certified lower bounds b against upper bounds on γ_H: the grid estimate (‖r‖ lowered by its rounding level τ) and the falsifier\'s ‖r(h)‖_* ≤ a‖h‖/b·(1 + 1e-8) + τ, τ = 32u·Σ magnitudes (a measured rounding model); iterates with a_k < 1e-6·a_0 not checked',
    Number.isFinite(tightest) ? `tightness: smallest grid γ_H / certified bound = ${tightest.toPrecision(4)}` : undefined,
  );
}

export const harmonicMean: Theorem = {
  id: 'harmonic-mean',
  title: 'Inexact Hessian: γ_H ≥ [π⁻¹ + ‖∇²f − H‖/‖∇f‖_*]⁻¹ with the certified class bound π ≤ γ_{∇²f}, and γ_H ≥ π_H (A14)',
  source:
    'Semenov, Jaggi & Doikov 2025, the harmonic-mean bound for inexact Hessians [P; R proof and certified form]; docs/theory.md#harmonic-mean',
  statement: '\\gamma_{H}(x)\\ \\ge\\ \\Big[\\gamma_{\\nabla^2 f}(x)^{-1}+\\frac{\\|\\nabla^2 f(x)-H(x)\\|}{\\|\\nabla f(x)\\|_*}\\Big]^{-1}\\ \\ge\\ \\Big[\\pi^{-1}+\\frac{\\|\\nabla^2 f-H\\|}{\\|\\nabla f\\|_*}\\Big]^{-1},\\qquad \\gamma_H(x)\\ge\\pi_H(\\|\\nabla f(x)\\|_*)',
  assumptions: [algorithm1Run, lowDimension, certifiedLowerBound],
  tight: false,
  gating: true,
  gatingReason:
    'the bounds follow from r₂ = r₁ + (H₁ − H₂)h on the common region 𝒪 (docs/theory.md#harmonic-mean) with certified lower bounds only (the class bound of ∇²f, the model\'s π_H), and a violation is shown by an UPPER bound on γ_H below them (the grid estimate, or an h the falsifier finds): no estimate of γ stands in for a bound; the slack is the residual\'s rounding level τ (measured model)',
  check: checkHarmonicMean,
};
