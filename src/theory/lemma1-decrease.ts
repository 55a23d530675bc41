/**
 * A3 (Lemma 1, docs/theory.md#lemma1-decrease): every accepted step satisfies
 *   f_k − f_{k+1} ≥ a_{k+1}²/(8λ_k) − ε_f,  ε_f = 1e-12(|f_k| + |f_{k+1}|),
 * with f_{k+1}, a_{k+1} read from the next record (the solver's state at x_{k+1} = x_k + h_k, checked
 * bitwise in float64, within one rounding of the run's arithmetic otherwise), and f is monotone along
 * accepted steps; and every rejected trial fails the test (the search's rule, docs/theory.md#algorithm-1-and-its-search: a search that
 * rejects a trial passing Lemma 1's test, e.g. with a stricter constant, is caught here).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { type CheckResult, UNIT_ROUNDOFF, verdictOf, WorstCase } from './check-result.js';
import { stepSuccessor } from './step-successor.js';
import type { Theorem } from './theorem.js';

/**
 * A3: every accepted step has f_k − f_{k+1} ≥ a_{k+1}²/(8λ_k) − ε_f, ε_f = 1e-12(|f_k| + |f_{k+1}|),
 * with f_{k+1}, a_{k+1} read from the NEXT record when there is one (the solver's state at x_{k+1},
 * checked to be x_k + h_k), else from the record's own fNext/gradNormNext. Also f_{k+1} ≤ f_k + ε_f
 * along accepted steps. Ratio = required decrease / observed decrease (+ε_f).
 */
export function checkLemma1Decrease(records: readonly GnsRecord[], unitRoundoff = UNIT_ROUNDOFF): CheckResult {
  const w = new WorstCase();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || r.gammaAccepted === null) continue;
    const { f: fNext, gradNorm: aNext, startsAtStep } = stepSuccessor(records, i, unitRoundoff);
    if (!startsAtStep) {
      w.add(Infinity, () => `k=${r.k}: x_{k+1} ≠ x_k + h_k`);
      continue;
    }
    const epsF = 1e-12 * (Math.abs(r.f) + Math.abs(fNext));
    const required = (aNext * aNext) / (8 * r.lambda);
    const decrease = r.f - fNext;
    // required ≤ decrease + ε_f  ⇔  ratio ≤ 1; monotonicity: 0 ≤ decrease + ε_f
    const ratio = required === 0 ? (decrease + epsF >= 0 ? 0 : Infinity) : required / Math.max(decrease + epsF, 0);
    const mono = decrease + epsF >= 0 ? 0 : Infinity;
    w.add(Math.max(ratio, mono), () => `k=${r.k} f_k−f_k+1=${decrease.toExponential(4)} a²/(8λ)=${required.toExponential(4)} ε_f=${epsF.toExponential(2)}`);
  }
  return w.result();
}

/**
 * The other half of the search's rule: a trial is rejected only when it fails the test,
 * f_k − f⁺ < a⁺²/(8λ). Ratio = observed decrease / (required decrease + ε_f) over the evaluated
 * rejected trials: above 1, a trial that passed Lemma 1's test beyond rounding was rejected.
 */
export function checkRejections(records: readonly GnsRecord[]): CheckResult {
  const w = new WorstCase();
  for (const r of records) {
    r.trials.forEach((t, i) => {
      if (t.outcome !== 'rejected' || t.fNext === undefined || t.gradNormNext === undefined) return;
      const required = (t.gradNormNext * t.gradNormNext) / (8 * t.lambda);
      const decrease = r.f - t.fNext;
      const epsF = 1e-12 * (Math.abs(r.f) + Math.abs(t.fNext));
      w.add(decrease <= 0 ? 0 : decrease / (required + epsF), () => `k=${r.k} trial ${i} rejected: f_k−f⁺=${decrease.toExponential(4)} ≥ a⁺²/(8λ)=${required.toExponential(4)} (ε_f=${epsF.toExponential(2)})`);
    });
  }
  return w.result();
}

export const lemma1Decrease: Theorem = {
  id: 'lemma1-decrease',
  title: 'A3: the search accepts exactly the trials that pass Lemma 1\'s test; f monotone',
  source: 'Semenov, Jaggi & Doikov 2025, Lemma 1 (constant 8) [P], the acceptance test of the search (Algorithm 3) [P]; docs/theory.md#lemma1-decrease',
  statement: '\\text{accepted: }f(x_k)-f(x_{k+1})\\ \\ge\\ \\frac{\\|\\nabla f(x_{k+1})\\|_*^2}{8\\lambda_k}-\\epsilon_f;\\quad\\text{rejected: }f(x_k)-f(x^+)<\\frac{\\|\\nabla f(x^+)\\|_*^2}{8\\lambda}+\\epsilon_f,\\qquad \\lambda=\\frac{\\|\\nabla f(x_k)\\|_*}{\\gamma(+\\varepsilon)}',
  assumptions: [algorithm1Run],
  tight: true,
  gating: true,
  gatingReason:
    'the acceptance test of the search is Lemma 1\'s inequality (docs/theory.md#algorithm-1-and-its-search): it holds by construction on every accepted step and fails on every rejected trial, up to the rounding of the f difference (ε_f)',
  check(run: ScenarioRun) {
    const w = new WorstCase();
    w.merge(checkLemma1Decrease(gnsRecords(run), run.unitRoundoff), 'accepted');
    w.merge(checkRejections(gnsRecords(run)), 'rejected');
    return verdictOf(
      w.result(),
      `accepted steps and rejected trials (the test recomputed from the recorded f, f⁺, a⁺, λ); ε_f = 1e-12(|f_k| + |f_{k+1}|) absolute on the decrease (docs/theory.md#rounding-allowances-and-the-precision-floor; f as the run evaluated it: A3 is the search's own test, so float64's slack holds in any precision); f_{k+1} and a_{k+1} from the next record, x_{k+1} = x_k + h_k bitwise in float64, within 2u·(|x| + |h|) per entry in lower precision (u = ${run.unitRoundoff.toExponential(2)})`,
    );
  },
};
