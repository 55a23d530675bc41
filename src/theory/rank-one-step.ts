/**
 * A12 (docs/theory.md#rank-one-step): for a rank-one model H = α·vvᵀ, the solver's Sherman–Morrison step equals
 * the dense Cholesky solve of (H + λB)h = −g with the same H expanded, and — for the Fisher term of
 * f = (1/p)‖u‖^p, where g ∥ v — the closed form −B⁻¹g/(λ + (p−2)a²/‖u‖^p), in the B-norm, relative.
 *
 * Tolerance: the spec's 1e-10 is a rounding allowance, and it is NOT attainable when X = α‖v‖²_*
 * (= (p−2)a²/‖u‖^p for the Fisher term) dominates λ on the ill-conditioned NE metric
 * (B = AᵀA + 1e-8·I, κ ≈ 1e8–1e9): all three vectors are formed through the factor L of B
 * (κ(L) = √κ(B)), and the part of h along B⁻¹v is the difference of two such terms scaled by
 * λ/(λ + X), so relative errors of size u·√κ(B) are amplified by (λ + X)/λ.
 * Stated model: τ = max(1e-10, 4·n·u·√κ(B)·(1 + X/λ)) + ρ_* / (λ‖h‖), u the run's unit roundoff and ρ_* the
 * dual norm of the residual an iterative solve vouched for: since H + λB ⪰ λB, a residual r moves the
 * step by ‖(H + λB)⁻¹r‖ ≤ ‖r‖_* / λ (0 for direct solves).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { toDense } from '../hessians/dense-hessian.js';
import { cholesky, choleskySolve } from '../linalg/cholesky.js';
import type { Metric } from '../linalg/metric.js';
import { norm2 } from '../linalg/vector.js';
import type { NonlinearEquationsOracle } from '../problems/families/nonlinear-equations.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { rankOneHessian } from './assumptions.js';
import { type CheckResult, dualNormFactor, metricCondition, verdictOf, vouchedResidual, WorstCase } from './check-result.js';
import type { Theorem } from './theorem.js';

export const RANK_ONE_REL_TOL = 1e-10;

export interface RankOneCase {
  readonly where: string;
  readonly sm: Float64Array;
  readonly dense: Float64Array;
  /** null where no closed form applies (not the Fisher term of a nonlinear-equations f) */
  readonly closed: Float64Array | null;
  readonly tol?: number;
}

/**
 * A12: relative B-norm distances between the Sherman–Morrison step, the dense solve of the expanded H,
 * and the closed form −B⁻¹g/(λ + (p−2)a²/‖u‖^p), each ≤ the case's `tol` (default relTol).
 */
export function checkRankOneStep(cases: readonly RankOneCase[], metric: (i: number) => Metric, relTol: number): CheckResult & { parts: { dense: CheckResult; closed: CheckResult } } {
  const dense = new WorstCase();
  const closed = new WorstCase();
  cases.forEach((c, i) => {
    const m = metric(i);
    const rel = (x: Float64Array, y: Float64Array) => m.norm(x.map((v, j) => v - y[j])) / m.norm(y);
    const tol = c.tol ?? relTol;
    const d = rel(c.sm, c.dense);
    dense.add(d / tol, () => `${c.where} ‖h_SM − h_dense‖/‖h_dense‖=${d.toExponential(3)}`);
    if (c.closed) {
      const closedForm = c.closed;
      const e = rel(c.sm, closedForm);
      closed.add(e / tol, () => `${c.where} ‖h_SM − h_closed‖/‖h_closed‖=${e.toExponential(3)}`);
    }
  });
  const parts = { dense: dense.result(), closed: closed.result() };
  const all = new WorstCase();
  all.merge(parts.dense, 'SM vs dense');
  all.merge(parts.closed, 'SM vs closed form');
  all.checked = parts.dense.checked + parts.closed.checked;
  return { ...all.result(), parts };
}

/** The run's rank-one steps as A12 cases: the solver's own h_k against the dense solve and the closed form. */
export function rankOneCases(run: ScenarioRun): RankOneCase[] {
  const n = run.instance.problem.dim;
  const rootKappa = Math.sqrt(metricCondition(run.instance.metric));
  const dualFactor = dualNormFactor(run.instance.metric);
  const oracle = run.instance.problem.oracle as Partial<NonlinearEquationsOracle>;
  const fisher = oracle.kind === 'nonlinear-equations' && run.model.id === 'fisher-term' && oracle.residual !== undefined && oracle.p !== undefined;
  const out: RankOneCase[] = [];
  for (const r of gnsRecords(run)) {
    const H = run.hessians[r.k];
    if (!r.stepTaken || !r.h || !H || H.kind !== 'rank-one') continue;
    const lambda = r.lambda;
    const f = cholesky(run.metric.shifted(toDense(H, n), lambda));
    if (!f.ok) continue;
    const dense = choleskySolve(f.factor, r.g.map((v) => -v));
    const vDual = run.metric.dualNorm(H.v);
    const X = Math.abs(H.alpha) * vDual * vDual;
    let closed: Float64Array | null = null;
    if (fisher) {
      const un = norm2(oracle.residual!.value(r.x));
      const p = oracle.p!;
      const a = r.gradNorm;
      const scale = -1 / (lambda + ((p - 2) * a * a) / un ** p);
      closed = run.metric.solve(r.g).map((v) => v * scale);
    }
    const moved = vouchedResidual(r, dualFactor) / (lambda * run.metric.norm(dense));
    const tol = Math.max(RANK_ONE_REL_TOL, 4 * n * run.unitRoundoff * rootKappa * (1 + X / lambda)) + moved;
    out.push({ where: `k=${r.k} λ=${lambda.toExponential(2)} X/λ=${(X / lambda).toExponential(2)} √κ(B)=${rootKappa.toExponential(2)} τ=${tol.toExponential(2)}`, sm: r.h, dense, closed, tol });
  }
  return out;
}

export const rankOneStep: Theorem = {
  id: 'rank-one-step',
  title: 'A12: the rank-one (Sherman–Morrison) step equals the dense solve and the closed form',
  source:
    "authors' code (epfml/grad-norm-smooth) grad_norm_smooth_for_rank_one, invert_backend 'wsm'; closed form −B⁻¹g/(λ + (p−2)a²/‖u‖^p) derived [R], tolerance modelled for ill-conditioned B; docs/theory.md#rank-one-step",
  statement: 'h_{\\rm SM}=-(\\alpha vv^\\top+\\lambda B)^{-1}g=-\\frac{B^{-1}g}{\\lambda+(p-2)\\|g\\|_*^2/\\|u\\|^p}\\quad(\\text{relative, }\\tau=\\max(10^{-10},4nu\\sqrt{\\kappa(B)}(1+X/\\lambda)))',
  assumptions: [algorithm1Run, rankOneHessian],
  tight: false,
  gating: true,
  gatingReason:
    'Sherman–Morrison and the Fisher-term closed form are identities (docs/theory.md#rank-one-step); the tolerance models the rounding through B\'s factor amplified by (λ + X)/λ, plus the vouched residual',
  check(run: ScenarioRun) {
    const cases = rankOneCases(run);
    const r = checkRankOneStep(cases, () => run.metric, RANK_ONE_REL_TOL);
    return verdictOf(
      r,
      `τ = max(1e-10, 4n·u·√κ(B)·(1 + X/λ)) + ρ_*/(λ‖h‖), X = α‖v‖²_* (relative B-norm distance), u = ${run.unitRoundoff.toExponential(2)}, ρ_* the residual an iterative solve vouched for (0 for Cholesky); the dense solve is a fresh float64 Cholesky of H + λB`,
      0,
      `${cases.length} rank-one steps (${cases.filter((c) => c.closed).length} with the Fisher-term closed form)`,
    );
  },
};
