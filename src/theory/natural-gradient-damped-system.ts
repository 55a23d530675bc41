/**
 * D-P1/D-P2 core: a natural-gradient record's δ_k solves the damped system it names,
 * ‖(C + μ_kI)δ_k + q_k‖ ≤ allowance, with C the curvature of `curvatureBatch` at x of `curvatureIteration` in
 * the recorded structure (docs/theory.md#natural-gradient-damped-system), rebuilt by the check
 * (natural-gradient-system.ts), and the allowance the route's derived rounding
 * (natural-gradient-solve-rounding.ts); for the lazy route the system is the one at μ′ = the record's
 * damping and the allowance adds the first-order correction's exact remainder Δμ²‖X‖³/(1 − |Δμ|‖X‖).
 * Also μ_k = ρ‖g_k‖^α from the recorded g_k, and q_k = g_k for RING and R-Kalman.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { capability } from './method-capabilities.js';
import { curvaturePoint, finiteRecord, type NaturalGradientRecord, naturalGradientRecords, normUp, runModel, supervisedProblem } from './natural-gradient-records.js';
import {
  choleskySolveAllowance,
  dampingAllowance,
  diagonalSolveAllowance,
  factorSolveAllowance,
  formingAllowance,
  lazyAllowance,
  newtonSchulzAllowance,
  pushThroughAllowance,
} from './natural-gradient-solve-rounding.js';
import { type DampedSystem, dampedSystem, residualNorms } from './natural-gradient-system.js';
import type { Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

/** The route's allowance on ‖(C + μI)δ + q‖ (Infinity: not derivable here, e.g. |Δμ|‖X‖ ≥ 1), with its name. */
export function routeAllowance(system: DampedSystem, r: NaturalGradientRecord): { bound: number; route: string } {
  const qNorm = normUp(r.preconditioned);
  const deltaNorm = normUp(r.direction);
  const forming = formingAllowance(system, deltaNorm);
  const kind = system.structure.kind;
  if (r.inverse === 'push-through') return { bound: pushThroughAllowance(system, r.preconditioned) + forming, route: 'push-through' };
  if (kind === 'diagonal') return { bound: diagonalSolveAllowance(qNorm) + forming, route: 'diagonal' };
  if (kind === 'kfac') return { bound: factorSolveAllowance(system, qNorm) + forming, route: 'kronecker eigenbasis' };
  if (r.inverse === 'direct') return { bound: choleskySolveAllowance(system, deltaNorm) + forming, route: 'cholesky' };
  if (r.inverse === 'newton-schulz') return { bound: newtonSchulzAllowance(system, r.solveTolerance, qNorm) + forming, route: 'newton-schulz' };
  return { bound: lazyAllowance(system, r.damping - r.inverseDamping, qNorm).total + forming, route: 'lazy' };
}

/** The system a record names, rebuilt at its curvature point; null where that point is not in the run. */
export function recordSystem(run: ScenarioRun, records: readonly NaturalGradientRecord[], r: NaturalGradientRecord): DampedSystem | null {
  const model = runModel(run);
  const x = curvaturePoint(records, r);
  if (!model || !x) return null;
  return dampedSystem(model, x, { structure: r.structure, batch: r.curvatureBatch, damping: r.damping, kfacSplits: r.kfacSplits });
}

/** the variant regularizes the gradient (RENG: q = g + ρ∇²L·g); the others precondition g itself */
export function regularizesGradient(run: ScenarioRun): boolean {
  return run.method.id.startsWith('reng');
}

export function checkDampedSystem(run: ScenarioRun) {
  const records = naturalGradientRecords(run);
  const w = new WorstRatio();
  let unjudged = 0;
  for (const r of records) {
    if (!Number.isFinite(r.solveTolerance) || !finiteRecord(r)) continue;
    const gNorm = normUp(r.gradientEstimate);
    const muError = dampingAllowance(r.rho, r.dampingExponent, gNorm, r.gradientEstimate.length);
    const muExact = r.rho * gNorm ** r.dampingExponent;
    const muOff = Math.abs(r.damping - muExact);
    w.see(muOff === 0 ? 0 : muOff / (2 * muError), `k=${r.k}: μ=${r.damping} vs ρ‖g‖^α=${muExact}`);
    if (!regularizesGradient(run)) {
      const same = r.preconditioned.every((v, i) => v === r.gradientEstimate[i]);
      w.see(same ? 0 : Infinity, `k=${r.k}: q ≠ g`);
    }
    const system = recordSystem(run, records, r);
    if (!system) {
      unjudged++;
      continue;
    }
    const { bound, route } = routeAllowance(system, r);
    if (!Number.isFinite(bound)) {
      unjudged++;
      continue;
    }
    const { observed, evaluation } = residualNorms(system, r.direction, r.preconditioned);
    const qNorm = normUp(r.preconditioned);
    const allowed = bound + evaluation;
    w.see(observed === 0 ? 0 : observed / allowed, `k=${r.k} (${route}, ${r.structure}): ‖(C+μI)δ+q‖=${observed.toExponential(3)} allowed ${allowed.toExponential(3)} (‖q‖=${qNorm.toExponential(3)})`);
  }
  return w.verdict(
    '‖(C + μI)δ + q‖ ≤ the route\'s derived rounding (Cholesky γ_{3n+1}tr(Â)‖δ‖/(1 − γ_{n+1}); eigenbasis ε(1 + 2(1+ε)²κ) + γ_{2a+1}n(1+ε)⁴κ times ‖q‖; Newton–Schulz from its recorded residual; lazy Δμ²‖X‖²‖q‖ plus X̂\'s forward error; push-through ‖U‖(‖ΔM‖‖ŵ‖ + ‖Δz‖)/(Bτ) + …) + forming γ_{R+3}(‖U‖_F²/B + ‖A‖)‖δ‖ + the check\'s evaluation γ_{n+R+5}(|U|ᵀ|U||δ|/B + τ|δ| + |q|); μ = ρ‖g‖^α within its rounding (docs/theory.md#natural-gradient-damped-system)',
    unjudged > 0 ? `${unjudged} record${unjudged === 1 ? '' : 's'} not judged (curvature point missing, or no bound on the lazy inverse's λ_min)` : undefined,
  );
}

export const naturalGradientDampedSystem: Theorem = {
  id: 'natural-gradient-damped-system',
  title: 'GRNG (D-P1, D-P2): each natural-gradient direction solves its recorded damped system (C + ρ‖g‖^α·I)δ = −q',
  source:
    'Dash, Abdi, Pan, Kaski & Sun 2026 (arXiv 2601.18420): the RING step δ = −(F + ρ‖∇L‖²I)⁻¹∇L [S], K-FAC blocks [S], the lazy inverse and its first-order update [S; R form]; rounding: Higham 2002, Thms 10.3–10.4 and §3.5; docs/theory.md#natural-gradient-damped-system',
  statement: '\\|(C_{j}+\\mu_k I)\\,\\delta_k+q_k\\|\\le \\varepsilon_{\\mathrm{route}},\\qquad \\mu_k=\\rho\\|g_k\\|^{\\alpha}',
  assumptions: [capability('natural-gradient'), supervisedProblem],
  tight: false,
  gating: true,
  gatingReason:
    'a linear-algebra identity of the recorded step; the allowance is derived per route (Cholesky backward error, the adopted eigensolver model of src/classes/rounding.ts for the Kronecker eigenbasis, Newton–Schulz\'s recorded residual with its measurement error, the lazy update\'s exact remainder bound, the push-through solve\'s propagated backward error) plus the forming and evaluation errors of §3.5',
  check: checkDampedSystem,
};
