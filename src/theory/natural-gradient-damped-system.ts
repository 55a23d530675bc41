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
import { outputGradients } from '../problems/curvature.js';
import { allRows } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { capability } from './method-capabilities.js';
import { curvaturePoint, finiteRecord, gammaOf, type NaturalGradientRecord, naturalGradientRecords, normUp, runModel, supervisedProblem } from './natural-gradient-records.js';
import {
  choleskySolveAllowance,
  dampingAllowance,
  diagonalSolveAllowance,
  factorSolveAllowance,
  formingAllowance,
  innovationAllowance,
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

/**
 * R-Kalman's innovation a at this record (the same rule as the method: src/solvers/natural-gradient.ts), or
 * null where the record's q was solved as given.
 */
export function innovationOf(run: ScenarioRun, r: NaturalGradientRecord): Float64Array | null {
  const model = runModel(run);
  const o = run.methodOptions;
  if (!model || r.inverse !== 'push-through' || !run.method.id.startsWith('r-kalman') || o.batch !== 0 || o.curvatureBatch !== 0 || r.curvatureIteration !== r.k) return null;
  const scale = 1 / model.rowCount;
  if (r.curvatureKind === 'empirical-fisher') return new Float64Array(model.rowCount).fill(scale);
  if (r.curvatureKind === 'ggn' && model.loss === 'squared') return outputGradients(model, r.x, allRows(model)).map((v) => v * scale);
  return null;
}

/** q′ = Uᵀa + l2·x of an innovation solve as the check computes it, with the bound on its error */
function innovationVector(system: DampedSystem, l2: number, x: Float64Array, a: Float64Array): { q: Float64Array; error: number } | null {
  const s = system.structure;
  if (s.kind !== 'dense') return null;
  const n = system.dim;
  const q = x.map((v) => l2 * v);
  const abs = x.map((v) => 2 * l2 * Math.abs(v));
  for (let r = 0; r < s.rows.rows; r++)
    for (let j = 0; j < n; j++) {
      q[j] += a[r] * s.rows.data[r * n + j];
      abs[j] += Math.abs(a[r] * s.rows.data[r * n + j]);
    }
  return { q, error: normUp(abs.map((v) => gammaOf(s.rows.rows + 3) * v)) };
}

/** the innovation route's allowance: the dual solve from a, the primal push-through of l2·x where l2 > 0, and q̂′'s error */
function innovationRoute(system: DampedSystem, l2: number, r: NaturalGradientRecord, a: Float64Array, qError: number): { bound: number; route: string } {
  const regularizer = l2 > 0 ? pushThroughAllowance(system, r.x.map((v) => l2 * v)) : 0;
  const bound = innovationAllowance(system, normUp(a)) + regularizer + qError + formingAllowance(system, normUp(r.direction));
  return { bound, route: 'push-through from the innovation' };
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

/**
 * The system a record's δ was solved for: the rebuilt system, the right-hand side q (the recorded one, or
 * R-Kalman's q′ = Uᵀa + l2·x) and the route's allowance on ‖(C + μI)δ + q‖; null where the curvature point is
 * not in the run.
 */
export function systemSolved(run: ScenarioRun, records: readonly NaturalGradientRecord[], r: NaturalGradientRecord): { system: DampedSystem; q: Float64Array; bound: number; route: string } | null {
  const system = recordSystem(run, records, r);
  const model = runModel(run);
  if (!system || !model) return null;
  const a = innovationOf(run, r);
  const fromInnovation = a ? innovationVector(system, model.l2, r.x, a) : null;
  if (a && fromInnovation) return { system, q: fromInnovation.q, ...innovationRoute(system, model.l2, r, a, fromInnovation.error) };
  return { system, q: r.preconditioned, ...routeAllowance(system, r) };
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
    const solvedSystem = systemSolved(run, records, r);
    if (!solvedSystem || !Number.isFinite(solvedSystem.bound)) {
      unjudged++;
      continue;
    }
    const { system, q: solved, bound, route } = solvedSystem;
    const { observed, evaluation } = residualNorms(system, r.direction, solved);
    const qNorm = normUp(solved);
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
    'Dash, Abdi, Pan, Kaski & Sun 2026 (arXiv 2601.18420): the RING step δ = −(F + ρ‖∇L‖²I)⁻¹∇L [S], K-FAC blocks [S], the lazy inverse and its first-order update [S; R form]; rounding: Higham 2002, Thms 10.3–10.4 and section 3.5; docs/theory.md#natural-gradient-damped-system',
  statement: '\\|(C_{j}+\\mu_k I)\\,\\delta_k+q_k\\|\\le \\varepsilon_{\\mathrm{route}},\\qquad \\mu_k=\\rho\\|g_k\\|^{\\alpha}',
  assumptions: [capability('natural-gradient'), supervisedProblem],
  tight: false,
  gating: true,
  gatingReason:
    'a linear-algebra identity of the recorded step; the allowance is derived per route (Cholesky backward error, the adopted eigensolver model of src/classes/rounding.ts for the Kronecker eigenbasis, Newton–Schulz\'s recorded residual with its measurement error, the lazy update\'s exact remainder bound, the push-through solve\'s propagated backward error) plus the forming and evaluation errors of Higham 2002, section 3.5',
  check: checkDampedSystem,
};
