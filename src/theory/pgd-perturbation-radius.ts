/**
 * The perturbation rule of perturbed P-GD (Bodard & Patrinos 2025, Algorithm 1 after Jin et al. 2017;
 * docs/theory.md#pgd-perturbation-radius): a perturbation iteration adds ξ_k drawn from the ball of the
 * stated radius r, so ‖ξ_k‖ ≤ r and x_{k+1} = x_k + ξ_k. r is the method's own, from its options
 * (perturbationSchedule: the given radius, or the schedule's from ε, γ, λ). The computed ξ = z·(r·U^{1/n})/‖z‖
 * has norm at most r(1 + γ_{2n+8}) (the length, ‖z‖ and the n products, and the check's own norm).
 */
import { norm2 } from '../linalg/vector.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { type PerturbedPreconditionedGradientOptions, perturbationSchedule } from '../solvers/perturbed-preconditioned-gradient.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { pgdRecords, preconditionerRecords } from './pgd-run.js';
import { stepSuccessor } from './step-successor.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

const statesARadius: Assumption = {
  id: 'perturbation-options',
  statement: 'the method perturbs with the options ε, γ, λ (and a radius, or the schedule\'s)',
  holds: (run) => (typeof run.methodOptions.epsilon === 'number' ? true : `the method '${run.method.id}' has no perturbation options`),
};

/** the radius r the run's options state */
export function statedRadius(run: ScenarioRun): number {
  return perturbationSchedule(run.methodOptions as unknown as PerturbedPreconditionedGradientOptions).radius;
}

export function checkPgdPerturbationRadius(run: ScenarioRun): Verdict {
  const records = pgdRecords(run);
  const u = run.unitRoundoff;
  const radius = statedRadius(run);
  const allowed = radius * (1 + gammaConstant(2 * run.instance.problem.dim + 8, u));
  const w = new WorstRatio();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.perturbed || !r.stepTaken) continue;
    if (!r.h) {
      w.see(Infinity, `k=${r.k}: a perturbation with no ξ recorded`);
      continue;
    }
    if (!stepSuccessor(records, i, u).startsAtStep) {
      w.see(Infinity, `k=${r.k}: x_{k+1} ≠ x_k + ξ_k`);
      continue;
    }
    const size = norm2(r.h);
    w.see(size / allowed, `k=${r.k}: ‖ξ_k‖ = ${size.toExponential(6)}, radius ${radius.toExponential(6)}`);
  }
  return w.verdict(`‖ξ_k‖ ≤ r(1 + γ_{2n+8}), r = ${radius.toExponential(4)} from the method's options; x_{k+1} = x_k + ξ_k bitwise in float64`, w.checked === 0 ? 'no perturbation iteration' : undefined);
}

export const pgdPerturbationRadius: Theorem = {
  id: 'pgd-perturbation-radius',
  title: 'Perturbed P-GD: every perturbation ξ_k lies in the ball of the stated radius and is the step taken',
  source: 'Bodard & Patrinos 2025 (arXiv 2509.15817), Algorithm 1 (ξ ~ Uniform(ball(0, r))), after Jin, Ge, Netrapalli, Kakade & Jordan 2017 [S]; docs/theory.md#pgd-perturbation-radius',
  statement: '\\|\\xi_k\\|\\ \\le\\ r,\\qquad x_{k+1}=x_k+\\xi_k\\quad\\text{(perturbation iterations)}',
  assumptions: [preconditionerRecords, statesARadius],
  tight: false,
  gating: true,
  gatingReason: 'a rule of the method: ξ is drawn from the ball of the radius its own options state; the slack is the rounding of drawing and measuring ξ, r·γ_{2n+8}',
  check: checkPgdPerturbationRadius,
};
