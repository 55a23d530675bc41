/**
 * The curvature bound behind P-GD's Jacobian (docs/theory.md#pgd-jacobian): at every iterate
 *   λ_max(λ·H_λ(x_k)) ≤ L,   H_λ(x) = ∇²φ*(λ∇f(x))·∇²f(x),
 * equivalently every eigenvalue of DT(x_k) = I − γλH_λ(x_k) is ≥ 1 − γL. H_λ is similar to the
 * symmetric S^½∇²f S^½ (S = ∇²φ*(λ∇f) = aI + (b − a)eeᵀ ⪰ 0), whose eigenvalues are computed
 * (src/classes/curvature-map.ts). Rounding: S^½ = αI + βeeᵀ with α + |β| ≤ 1 (a, b ≤ 1 for the four
 * kernels), so forming S^½ĤS^½ errs by at most γ_{2n+10}‖Ĥ‖_F in norm; the eigensolver's backward
 * error is 32n·u·‖S^½ĤS^½‖_F (the eigen model of src/classes/rounding.ts); the oracle's Hessian is
 * allowed ε_H = 1e-12‖Ĥ‖_F and its gradient ε_g, which moves the certified bound by at most λ·L·ε_g
 * (λ‖S(λĝ)‖(L0 + L1‖g‖) ≤ λ‖S(λĝ)‖(L0 + L1‖ĝ‖) + λL1ε_g). Checked at up to MAX_POINTS iterates evenly
 * spaced along the run.
 */
import { preconditionedHessian } from '../classes/curvature-map.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { frobeniusNorm as frobenius } from '../linalg/matrix.js';
import { norm2 } from '../linalg/vector.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { atPrecision } from './run-precision.js';
import { constantsWithinTheory, euclideanMetric, gradientAllowance, lambdaOfConstants, parametersOf, pgdRecords, preconditionerRecords, underConstants, withinTheory } from './pgd-run.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** the most iterates a run is checked at (all of a shorter run) */
export const MAX_POINTS = 200;

/** The indices of at most `count` records evenly spaced from the first to the last. */
export function evenlySpaced(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, j) => Math.round((j * (length - 1)) / (count - 1)));
}

export function checkPgdJacobian(run: ScenarioRun): Verdict {
  const records = pgdRecords(run);
  const { kernel, lambda } = parametersOf(run);
  const c = constantsWithinTheory(run);
  const u = run.unitRoundoff;
  const oracle = run.instance.problem.oracle;
  const n = oracle.dim;
  const w = new WorstRatio();
  for (const i of evenlySpaced(records.length, MAX_POINTS)) {
    const r = records[i];
    const H = oracle.hess(r.x);
    const hNorm = frobenius(H);
    const A = preconditionedHessian(kernel, lambda, r.g, H);
    const values = symmetricEigenvalues(A);
    const top = values.length === 0 ? 0 : lambda * values[values.length - 1];
    const rounding = lambda * (gammaConstant(2 * n + 10, u) * hNorm + 32 * n * u * frobenius(A) + atPrecision(1e-12, u) * hNorm) + lambda * c.L * gradientAllowance(run, r.x, norm2(r.g));
    w.see(top / (c.L + rounding), `k=${r.k}: λ_max(λH_λ) = ${top.toPrecision(8)}, L = ${c.L} (rounding ${rounding.toExponential(2)})`);
  }
  const verdict = w.verdict(`λ_max(λ·S^½∇²f S^½) ≤ L + λ(γ_{2n+10}‖∇²f‖_F + 32n·u·‖S^½∇²f S^½‖_F + ε_H) + λLε_g, at up to ${MAX_POINTS} iterates; ratio λ_max/(L + rounding)`);
  return underConstants(c, verdict);
}

export const pgdJacobian: Theorem = {
  id: 'pgd-jacobian',
  title: 'P-GD: λ_max(λ·H_λ(x_k)) ≤ L at every iterate, so I − γλH_λ has every eigenvalue ≥ 1 − γL',
  source:
    'Bodard & Patrinos 2025 (arXiv 2509.15817): the second-order characterisation of anisotropic smoothness and the Jacobian I − γλH_λ of the P-GD map, in the λ_max form derived here [R], with the constants of src/classes/anisotropic-constants.ts; docs/theory.md#pgd-jacobian',
  statement: '\\lambda_{\\max}\\big(\\lambda\\,\\nabla^2\\varphi^*(\\lambda\\nabla f(x_k))\\,\\nabla^2 f(x_k)\\big)\\ \\le\\ L',
  assumptions: [preconditionerRecords, euclideanMetric, withinTheory, lambdaOfConstants],
  tight: true,
  gating: true,
  gatingReason:
    'for certified constants λ‖S‖‖∇²f‖ ≤ L follows from the certified class bound at every x; the check adds the rounding of forming S^½∇²f S^½ (γ_{2n+10}‖∇²f‖_F, α + |β| ≤ 1), the eigensolver\'s backward error (32n·u·‖·‖_F, the rounding model the class spot checks adopt for the Jacobi solver, not a bound derived for it) and the oracle allowances; a verdict on estimated constants is a diagnostic (gating: false) that says so',
  check: checkPgdJacobian,
};
