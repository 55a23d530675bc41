/**
 * Descent, for every method whose acceptance rule implies f_{k+1} ≤ f_k (capability `descent`):
 * Algorithm 1's test f − f⁺ ≥ a⁺²/(8λ) ≥ 0, the gradient method's quadratic upper bound
 * f(T) ≤ f + ⟨g, T − x⟩ + (L/2)‖T − x‖² = f − ‖g‖²_* /(2L), damped Newton's Armijo test with ⟨g, d⟩ < 0.
 * Each compares the very f values the records hold, so an accepted step with f_{k+1} > f_k + ε_f is a
 * method that took a step its rule forbids (or records that misstate it). The upper bound's
 * right-hand side is f minus a nonnegative term only up to the rounding of ⟨g, h⟩ + (L/2)‖h‖² (in a
 * lower precision or an ill-conditioned B): for `step-size` records the rise the rule itself allowed,
 * fl(f + ⟨g, h⟩ + (L/2)‖h‖²) − f from the recorded values, is allowed. x_{k+1} = x_k + h_k is
 * checked as in A3 (bitwise in float64, within 2u·(|x| + |h|) per entry in lower precision).
 */
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { quadraticUpperBoundAt } from '../solvers/gradient-method.js';
import { type CheckResult, verdictOf, WorstCase } from './check-result.js';
import { stepSuccessor } from './step-successor.js';
import { capability } from './method-capabilities.js';
import { atPrecision } from './run-precision.js';
import type { Theorem } from './theorem.js';

/** the right-hand side the gradient method's test compared, from the record's f, ⟨g, h⟩, L and ‖h‖ */
const upperBoundOf = (r: StepRecord & StepSizeFields): number => quadraticUpperBoundAt({ f: r.f, gStep: r.gh, L: r.L, stepNorm: r.stepNorm });

export function checkDescent(run: ScenarioRun): CheckResult {
  const { records, unitRoundoff } = run;
  const upperBoundTest = run.method.capabilities.includes('step-size');
  const w = new WorstCase();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || !r.accepted) continue;
    const { f: fNext, startsAtStep } = stepSuccessor(records, i, unitRoundoff);
    if (!startsAtStep) {
      w.add(Infinity, () => `k=${r.k}: x_{k+1} ≠ x_k + h_k`);
      continue;
    }
    const epsF = atPrecision(1e-12, unitRoundoff) * (Math.abs(r.f) + Math.abs(fNext));
    const rise = fNext - (upperBoundTest ? Math.max(r.f, upperBoundOf(r as StepRecord & StepSizeFields)) : r.f);
    w.add(rise <= 0 ? 0 : epsF > 0 ? rise / epsF : Infinity, () => `k=${r.k}: f_k=${r.f} f_{k+1}=${fNext} (ε_f=${epsF.toExponential(2)})`);
  }
  return w.result();
}

export const descent: Theorem = {
  id: 'descent',
  title: 'Descent: every accepted step decreases f (any method whose acceptance rule implies it)',
  source: 'the acceptance rule of each method with capability descent: Lemma 1\'s test (Semenov, Jaggi & Doikov 2025), the quadratic upper bound of the gradient method, Armijo\'s test with ⟨g, d⟩ < 0 (Nocedal & Wright, §3.1); docs/theory.md#descent',
  statement: '\\text{accepted step }k:\\quad f(x_{k+1})\\ \\le\\ f(x_k)+\\epsilon_f,\\qquad x_{k+1}=x_k+h_k',
  assumptions: [capability('descent')],
  tight: true,
  gating: true,
  gatingReason:
    'each rule compares the recorded f values and accepts only f_{k+1} ≤ f_k (the right-hand sides are f_k minus a nonnegative term; for the quadratic upper bound, the rounding of that term is the rise its own test allowed, recomputed from the record); ε_f = 1e-12(|f_k| + |f_{k+1}|) in units of the run\'s roundoff covers a rule evaluated in other arithmetic than the records',
  check(run: ScenarioRun) {
    return verdictOf(checkDescent(run), `f_{k+1} ≤ f_k + ε_f, ε_f = ${atPrecision(1e-12, run.unitRoundoff).toExponential(2)}·(|f_k| + |f_{k+1}|); ratio (f_{k+1} − f_k)/ε_f; x_{k+1} = x_k + h_k bitwise in float64`);
  },
};
