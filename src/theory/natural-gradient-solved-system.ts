/**
 * What a natural-gradient record's δ was solved for (docs/theory.md#natural-gradient-damped-system): the
 * damped system rebuilt at the record's curvature point (natural-gradient-system.ts), its right-hand side
 * (the recorded q, or R-Kalman's q′ = Uᵀa + l2·x from its innovation a) and the route's derived allowance
 * on ‖(C + μI)δ + q‖ (natural-gradient-solve-rounding.ts). Shared by the GRNG theorems that judge a solve.
 */
import { outputGradients } from '../problems/curvature.js';
import { allRows } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { curvaturePoint, gammaOf, type NaturalGradientRecord, normUp, runModel } from './natural-gradient-records.js';
import {
  choleskySolveAllowance,
  diagonalSolveAllowance,
  factorSolveAllowance,
  formingAllowance,
  innovationAllowance,
  lazyAllowance,
  newtonSchulzAllowance,
  pushThroughAllowance,
} from './natural-gradient-solve-rounding.js';
import { type DampedSystem, dampedSystem } from './natural-gradient-system.js';

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
  if (!model || r.inverse !== 'push-through' || r.variant !== 'r-kalman') return null;
  if (o.batch !== 0 || o.curvatureBatch !== 0 || r.curvatureIteration !== r.k) return null;
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

/** the record's variant regularizes the gradient (RENG: q = g + ρ∇²L·g); RING and R-Kalman precondition g itself */
export function regularizesGradient(r: NaturalGradientRecord): boolean {
  return r.variant === 'reng';
}

/**
 * The system a record's δ was solved for: the rebuilt system, the right-hand side q (the recorded one, or
 * R-Kalman's q′ = Uᵀa + l2·x) and the route's allowance on ‖(C + μI)δ + q‖; null where the curvature point is
 * not in the run.
 */
export function systemSolved(
  run: ScenarioRun,
  records: readonly NaturalGradientRecord[],
  r: NaturalGradientRecord,
): { system: DampedSystem; q: Float64Array; bound: number; route: string } | null {
  const system = recordSystem(run, records, r);
  const model = runModel(run);
  if (!system || !model) return null;
  const a = innovationOf(run, r);
  const fromInnovation = a ? innovationVector(system, model.l2, r.x, a) : null;
  if (a && fromInnovation) return { system, q: fromInnovation.q, ...innovationRoute(system, model.l2, r, a, fromInnovation.error) };
  return { system, q: r.preconditioned, ...routeAllowance(system, r) };
}
