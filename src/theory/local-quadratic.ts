/**
 * Local quadratic convergence with certified constants (docs/theory.md#local-quadratic [P; R], derived here; the
 * derivation is in `source` and below). Premises: H = ∇²f, ∇²f L-Lipschitz in the metric B (certified
 * Hölder-Hessian membership with ν = 1), and at the step checked ∇²f(x_k) ⪰ μ_kB with μ_k > 0
 * (local strong convexity; μ_k = λ_min(B^{-½}H_kB^{-½}) as computed, minus 4n·u·‖H_k‖ for the
 * eigensolver's rounding).
 *
 * Derivation, any λ > 0:
 *  (a) g_{k+1} = g_k + H_kh_k + r_k = r_k − λ_kBh_k (the step solves (H_k + λ_kB)h_k = −g_k), and
 *      ‖r_k‖_* ≤ (L/2)‖h_k‖² (Taylor with Lipschitz Hessian), so a_{k+1} ≤ (L/2)‖h_k‖² + λ_k‖h_k‖.
 *  (b) (μ_k + λ_k)‖h_k‖² ≤ ⟨(H_k + λ_kB)h_k, h_k⟩ = −⟨g_k, h_k⟩ ≤ a_k‖h_k‖, so ‖h_k‖ ≤ a_k/(μ_k + λ_k).
 *  (c) γ(x_k) ≥ π_k := max(√(2a_k/L), 2μ_k/L): the first is the Lipschitz-Hessian bound (docs/classes.md); for the
 *      second, h ∈ 𝒪 gives μ_k‖h‖² ≤ ⟨∇²f h,h⟩ ≤ −⟨g,h⟩ ≤ a_k‖h‖, so ‖r(h)‖_* ≤ (L/2)‖h‖·a_k/μ_k
 *      = a_k‖h‖/(2μ_k/L) on all of 𝒪 (the "𝒪 has diameter O(‖g‖/μ)" argument).
 *  (d) search guarantee (docs/theory.md#the-search-guarantee [R]): γ_k^acc ≥ Γ_k := min(γ_k^start, (π_k − ε)/2), hence
 *      λ_k = a_k/(γ_k + ε) ∈ [a_k/(γ_k^start + ε), Λ_k], Λ_k = a_k/(Γ_k + ε).
 *  ⇒ a_{k+1} ≤ B_k := (L/2)·(a_k/(μ_k + λ_low))² + Λ_ka_k/(μ_k + Λ_k) ≤ C_k·a_k²,
 *     C_k = L/(2μ_k²) + 1/(μ_k(Γ_k + ε)) → 3L/(2μ_k²) once γ^start ≥ μ_k/L:
 *  quadratic convergence once C_k·a_k < 1.
 * Float slack τ_k = ρ·a_0 + 8n·u·(‖H_k‖ + λ_k)/(μ_k + λ_k)·a_k + ρ_k, with ρ the run's relative stop
 * tolerance (the scenario's, or the backend's gradient precision floor where that is higher), the
 * second term the backward error of the solve in the run's roundoff u, and ρ_k the dual norm of the
 * residual an iterative solve vouched for (g_{k+1} = r_k − λ_kBh_k + that residual).
 * Guard: from the first rejection at rounding level (`noiseLevel`) on, (d) is not certified and nothing
 * is checked (past the floor).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { membership } from '../problems/certificate.js';
import { GRADIENT_FLOOR_ULPS, type ScenarioRun } from '../scenarios/scenario.js';
import { exactHessianModel, lipschitzHessian } from './assumptions.js';
import { type CheckResult, dualNormFactor, verdictOf, vouchedResidual, WorstCase } from './check-result.js';
import { noiseFloorIndex } from './corollary1-certified.js';
import type { Theorem } from './theorem.js';
import { acceptedPrefix } from './theorem1-sum.js';

export function checkLocalQuadratic(run: ScenarioRun): CheckResult & { prefix: number; notPd: number; quadraticRegime: number; worstC: number; limitC: number } {
  const L = Math.min(...membership(run.instance.certificate, 'holder-hessian').filter((m) => m.nu === 1).map((m) => m.L));
  const steps = acceptedPrefix(gnsRecords(run)).slice(0, noiseFloorIndex(gnsRecords(run), run.unitRoundoff));
  const n = run.instance.problem.dim;
  const eps = run.eps;
  const a0 = gnsRecords(run).length ? gnsRecords(run)[0].gradNorm : NaN;
  const u = run.unitRoundoff;
  const stopTolerance = Math.max(run.scenario.gradTolRelative, GRADIENT_FLOOR_ULPS * u);
  const dualFactor = dualNormFactor(run.instance.metric);
  const w = new WorstCase();
  let notPd = 0;
  let quadraticRegime = 0;
  let worstC = 0;
  let limitC = 0;
  for (const s of steps) {
    const r = gnsRecords(run)[s.k];
    const H = run.hessians[s.k];
    if (!H || H.kind !== 'dense') {
      notPd++;
      continue;
    }
    const ev = symmetricEigenvalues(run.metric.whiten(H.matrix));
    const hNorm = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
    const mu = ev[0] - 4 * n * u * hNorm;
    if (!(mu > 0)) {
      notPd++;
      continue;
    }
    const a = s.a;
    const pi = L > 0 ? Math.max(Math.sqrt((2 * a) / L), (2 * mu) / L) : Infinity;
    const gammaLow = Math.min(r.gammaStart, (pi - eps) / 2);
    if (!(gammaLow > 0)) {
      notPd++;
      continue;
    }
    const lambdaHigh = a / (gammaLow + eps);
    const lambdaLow = a / (r.gammaStart + eps);
    const bound = (L / 2) * (a / (mu + lambdaLow)) ** 2 + (lambdaHigh * a) / (mu + lambdaHigh);
    const C = L / (2 * mu * mu) + 1 / (mu * (gammaLow + eps));
    worstC = Math.max(worstC, C);
    limitC = Math.max(limitC, (3 * L) / (2 * mu * mu));
    if (C * a < 1) quadraticRegime++;
    const tau = stopTolerance * a0 + 8 * n * u * ((hNorm + r.lambda) / (mu + r.lambda)) * a + vouchedResidual(r, dualFactor);
    w.add(s.aNext / (bound + tau), () => `k=${s.k} a_k=${a.toExponential(3)} a_{k+1}=${s.aNext.toExponential(3)} bound=${bound.toExponential(3)} C_k=${C.toExponential(3)} μ_k=${mu.toExponential(3)} Γ_k=${gammaLow.toExponential(3)} γ_k=${s.gamma.toExponential(3)}`);
  }
  return { ...w.result(), prefix: steps.length, notPd, quadraticRegime, worstC, limitC };
}

export const localQuadratic: Theorem = {
  id: 'local-quadratic',
  title: 'Local quadratic rate: a_{k+1} ≤ C_k a_k², C_k = L/(2μ_k²) + 1/(μ_kΓ_k) from certified constants',
  source:
    'Semenov, Jaggi & Doikov 2025, local quadratic convergence for strongly convex f with Lipschitz Hessian [P]; certified form derived here [R]: ' +
    '(a) g_{k+1} = r_k − λ_kBh_k with ‖r_k‖_* ≤ (L/2)‖h_k‖²; (b) ‖h_k‖ ≤ a_k/(μ_k + λ_k) from ⟨(H_k + λ_kB)h_k,h_k⟩ = −⟨g_k,h_k⟩; ' +
    '(c) γ(x_k) ≥ max(√(2a_k/L), 2μ_k/L) (the Lipschitz-Hessian class bound, and ‖h‖ ≤ a_k/μ_k on 𝒪); (d) γ_k^acc ≥ min(γ_k^start, (π_k − ε)/2) (the search guarantee [R]); ' +
    'together a_{k+1} ≤ (L/2)(a_k/(μ_k+λ_k))² + λ_ka_k/(μ_k+λ_k) ≤ [L/(2μ_k²) + 1/(μ_k(Γ_k + ε))]·a_k², which is 3L/(2μ_k²)·a_k² once γ^start ≥ μ_k/L; docs/theory.md#local-quadratic',
  statement:
    'a_{k+1}\\le\\frac L2\\Big(\\frac{a_k}{\\mu_k+\\lambda_k}\\Big)^2+\\frac{\\Lambda_ka_k}{\\mu_k+\\Lambda_k}\\le\\Big(\\frac{L}{2\\mu_k^2}+\\frac{1}{\\mu_k(\\Gamma_k+\\varepsilon)}\\Big)a_k^2,\\quad \\Gamma_k=\\min\\Big(\\gamma_k^{\\rm start},\\tfrac12\\max\\big(\\sqrt{2a_k/L},\\,2\\mu_k/L\\big)-\\tfrac\\varepsilon2\\Big)',
  assumptions: [algorithm1Run, exactHessianModel, lipschitzHessian],
  // attained in 1-D on |s|³ sums: r(h) = (L/2)h² exactly, ‖h‖ = a/(μ + λ), and r, −λBh aligned
  tight: true,
  gating: true,
  gatingReason:
    'derived from certified L, the computed μ_k and the search guarantee (docs/theory.md#local-quadratic); the slack is the run\'s stop tolerance, the backward error of the solve and the vouched residual',
  check(run: ScenarioRun) {
    const r = checkLocalQuadratic(run);
    return verdictOf(
      r,
      `τ_k = ρ·a_0 (ρ = the run's relative stop tolerance, above the gradient rounding floor) + 8n·u·(‖H_k‖ + λ_k)/(μ_k + λ_k)·a_k (backward error of the solve) + ρ_k (the residual an iterative solve vouched for, 0 for Cholesky); μ_k lowered by 4n·u·‖H_k‖; u = ${run.unitRoundoff.toExponential(2)}`,
      gnsRecords(run).length - r.prefix,
      `certified C_k (no γ read except γ^start): max C_k = ${r.worstC.toExponential(3)}, limit 3L/(2μ²) ≤ ${r.limitC.toExponential(3)}; ${r.quadraticRegime} steps in the quadratic regime C_k·a_k < 1; ${r.notPd} steps skipped (H_k not PD as computed)`,
    );
  },
};
