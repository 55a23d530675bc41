/**
 * D-P1/D-P2 core: a natural-gradient record's δ_k solves the damped system it names,
 * ‖(C + μ_kI)δ_k + q_k‖ ≤ allowance, with C the curvature of `curvatureBatch` at x of `curvatureIteration` in
 * the recorded structure (docs/theory.md#natural-gradient-damped-system), rebuilt by the check
 * (natural-gradient-system.ts), and the allowance the route's derived rounding
 * (natural-gradient-solve-rounding.ts); for the lazy route the system is the one at μ′ = the record's
 * damping and the allowance adds the first-order correction's exact remainder Δμ²‖X‖³/(1 − |Δμ|‖X‖).
 * Also μ_k = ρ‖g_k‖^α from the recorded g_k, and q_k = g_k for RING and R-Kalman. Where R-Kalman solves from
 * its innovation a (q = Uᵀa + l2·x in exact arithmetic: full batch, curvature formed at x_k, the GGN of the
 * squared loss with a = ∇_pℓ/N, or the empirical Fisher with a = 1/N) the system checked is the one with
 * q′ = Uᵀa + l2·x, the check's q̂′ within γ_{R+3}|U|ᵀ|a| + γ₂·l2|x| — the gap between q′ and the recorded g
 * is the gradient's own rounding, not the solve's.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { JudgedRecords } from './judged-records.js';
import { capability } from './method-capabilities.js';
import { finiteRecord, naturalGradientRecords, normUp, supervisedProblem } from './natural-gradient-records.js';
import { dampingAllowance } from './natural-gradient-solve-rounding.js';
import { regularizesGradient, systemSolved } from './natural-gradient-solved-system.js';
import { residualNorms } from './natural-gradient-system.js';
import type { Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

const DAMPED_SYSTEM_SLACK = [
  "‖(C + μI)δ + q‖ ≤ the route's derived rounding (Cholesky γ_{3n+1}tr(Â)‖δ‖/(1 − γ_{n+1});",
  'eigenbasis ε(1 + 2(1+ε)²κ) + γ_{2a+1}n(1+ε)⁴κ times ‖q‖; Newton–Schulz from its recorded residual;',
  "lazy Δμ²‖X‖²‖q‖ plus X̂'s forward error; push-through ‖U‖(‖ΔM‖‖ŵ‖ + ‖Δz‖)/(Bτ) + …)",
  '+ forming γ_{R+3}(‖U‖_F²/B + ‖A‖)‖δ‖',
  "+ the check's evaluation γ_{n+R+5}(|U|ᵀ|U||δ|/B + τ|δ| + |q|);",
  'μ = ρ‖g‖^α within its rounding (docs/theory.md#natural-gradient-damped-system)',
].join(' ');

export function checkDampedSystem(run: ScenarioRun) {
  const records = naturalGradientRecords(run);
  const w = new WorstRatio();
  const judged = new JudgedRecords();
  let worstNewtonSchulz = -Infinity;
  for (const r of records) {
    if (!Number.isFinite(r.solveTolerance) || !finiteRecord(r)) {
      judged.skip('no finite solve tolerance: the solve failed; or its vectors are not finite');
      continue;
    }
    const gNorm = normUp(r.gradientEstimate);
    const muError = dampingAllowance(r.rho, r.dampingExponent, gNorm, r.gradientEstimate.length);
    const muExact = r.rho * gNorm ** r.dampingExponent;
    const muOff = Math.abs(r.damping - muExact);
    w.see(muOff === 0 ? 0 : muOff / (2 * muError), `k=${r.k}: μ=${r.damping} vs ρ‖g‖^α=${muExact}`);
    if (!regularizesGradient(r)) {
      const same = r.preconditioned.every((v, i) => v === r.gradientEstimate[i]);
      w.see(same ? 0 : Infinity, `k=${r.k}: q ≠ g`);
    }
    const solvedSystem = systemSolved(run, records, r);
    if (!solvedSystem || !Number.isFinite(solvedSystem.bound)) {
      judged.skip("curvature point missing, or no bound on the lazy inverse's λ_min or Newton–Schulz's κ");
      continue;
    }
    const { system, q: solved, bound, route } = solvedSystem;
    const { observed, evaluation } = residualNorms(system, r.direction, solved);
    const qNorm = normUp(solved);
    const allowed = bound + evaluation;
    if (route === 'newton-schulz') worstNewtonSchulz = Math.max(worstNewtonSchulz, r.solveTolerance);
    if (allowed >= qNorm) {
      judged.skip('allowance ≥ ‖q‖: δ = 0 would pass');
      continue;
    }
    judged.judge();
    const where = `k=${r.k} (${route}, ${r.structure})`;
    w.see(observed === 0 ? 0 : observed / allowed, `${where}: ‖(C+μI)δ+q‖=${observed.toExponential(3)} allowed ${allowed.toExponential(3)} (‖q‖=${qNorm.toExponential(3)})`);
  }
  const newtonSchulz = worstNewtonSchulz >= 0 ? `worst Newton–Schulz residual ê recorded by the method ${worstNewtonSchulz.toExponential(3)}` : undefined;
  return judged.verdict(w, DAMPED_SYSTEM_SLACK, 'no record had a solved step', newtonSchulz);
}

export const naturalGradientDampedSystem: Theorem = {
  id: 'natural-gradient-damped-system',
  title: 'GRNG (D-P1, D-P2): each natural-gradient direction solves its recorded damped system (C + ρ‖g‖^α·I)δ = −q',
  source:
    'Dash, Abdi, Pan, Kaski & Sun 2026 (arXiv 2601.18420): the RING step δ = −(F + ρ‖∇L‖²I)⁻¹∇L [S], K-FAC blocks [S], ' +
    'the lazy inverse and its first-order update [S; R form]; rounding: Higham 2002, Thms 10.3–10.4 and section 3.5; ' +
    'docs/theory.md#natural-gradient-damped-system',
  statement: '\\|(C_{j}+\\mu_k I)\\,\\delta_k+q_k\\|\\le \\varepsilon_{\\mathrm{route}},\\qquad \\mu_k=\\rho\\|g_k\\|^{\\alpha}',
  assumptions: [capability('natural-gradient'), supervisedProblem],
  tight: false,
  gating: true,
  gatingReason:
    'a linear-algebra identity of the recorded step; the allowance is derived per route (Cholesky backward error, ' +
    'the adopted eigensolver model of src/classes/rounding.ts for the Kronecker eigenbasis, Newton–Schulz\'s recorded residual ' +
    'with its measurement error, the lazy update\'s exact remainder bound, the push-through solve\'s propagated backward error) ' +
    'plus the forming and evaluation errors of Higham 2002, section 3.5; a record whose allowance admits δ = 0 is not judged',
  check: checkDampedSystem,
};
