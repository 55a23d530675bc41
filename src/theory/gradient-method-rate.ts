/**
 * The gradient method's rate on convex f with B = I (Nesterov 2018, Thm 2.1.14, for the varying L_i of
 * a line search): every accepted step T = x − g/L with f(T) ≤ f + ⟨g, T − x⟩ + (L/2)‖T − x‖² and
 * convexity f(x) ≤ f* + ⟨g, x − x*⟩ give, with g = L(x − T) and
 * 2⟨x − T, T − x*⟩ = ‖x − x*‖² − ‖T − x*‖² − ‖x − T‖²,
 *   (f(x_{i+1}) − f*)/L_i ≤ ½(‖x_i − x*‖² − ‖x_{i+1} − x*‖²);
 * summed over i < k, with f monotone along accepted steps:
 *   f(x_k) − f* ≤ ‖x_0 − x*‖² / (2 Σ_{i<k} 1/L_i)   (≤ L̄‖x_0 − x*‖²/(2k) for L_i ≤ L̄).
 * Checked along the prefix of accepted steps. The arithmetic of the method perturbs each step's
 * inequality by the rounding of its test (γ_{n+3}(|f_i| + |⟨g, s⟩| + (L/2)‖s‖²)) and of
 * g = L(x − T) (x_{i+1} = fl(x_i + s_i), s_i = fl(−g_i/L_i): 2u(‖x_{i+1}‖ + ‖s_i‖) per unit of
 * ‖x_{i+1} − x*‖ + ‖s_i‖); their sum E_k is added to the bound. The oracle's own rounding of f and g
 * is not modelled: as for the convexity inequality δ ≤ ⟨g, x − x*⟩ of A9, whose guard was validated
 * numerically (docs/theory.md#rounding-allowances-and-the-precision-floor), f(x_k) − f* is judged only above 1e-10·max(1, |f*|) (in units of the
 * run's roundoff). The premise — h = −g/L_i and the upper-bound test with that L_i passed — is what
 * the capability `step-size` states; x_{i+1} = x_i + h_i is checked.
 */
import { norm2 as norm } from '../linalg/vector.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import { convex, knownOptimum } from './assumptions.js';
import { knownMinimizer, nextIterate } from './convex-step.js';
import { capability } from './method-capabilities.js';
import { atPrecision } from './run-precision.js';
import { stepSuccessor } from './step-successor.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

const euclideanMetric: Assumption = {
  id: 'metric-identity',
  statement: 'B = I',
  holds: (run) => (run.instance.metric.kind === 'identity' ? true : 'the metric B is not the identity (the rounding of B⁻¹g is not modelled here)'),
};

const distance = (a: Float64Array, b: Float64Array): number => norm(a.map((v, i) => v - b[i]));

/** One accepted step's δ_{k+1} = f(x_{k+1}) − f* and its bound (½‖x_0 − x*‖² + E_{k+1})/Σ_{i≤k}1/L_i. */
interface RateStep {
  readonly delta: number;
  readonly bound: number;
  readonly inverseLSum: number;
  readonly roundingSum: number;
}

/** The bound along the prefix of accepted steps; `brokenAt`: the k whose x_{k+1} ≠ x_k + h_k, where the prefix ends. */
function rateTrace(run: ScenarioRun): { readonly steps: RateStep[]; readonly brokenAt: number | null } {
  const xStar = run.instance.certificate.xStar as Float64Array;
  const fStar = run.instance.certificate.fStar as number;
  const records = run.records as readonly (StepRecord & StepSizeFields)[];
  const u = run.unitRoundoff;
  const n = run.instance.problem.dim;
  const gammaN3 = ((n + 3) * u) / (1 - (n + 3) * u);
  const steps: RateStep[] = [];
  if (records.length === 0) return { steps, brokenAt: null };
  const half = 0.5 * distance(records[0].x, xStar) ** 2;
  let inverseLSum = 0;
  let roundingSum = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || !r.accepted || !r.h) break;
    const successor = stepSuccessor(records, i, u);
    if (!successor.startsAtStep) return { steps, brokenAt: r.k };
    const xNext = nextIterate(run, i) as Float64Array;
    const stepNorm = norm(r.h);
    const test = Math.abs(r.f) + Math.abs(r.gh) + 0.5 * r.L * stepNorm * stepNorm;
    roundingSum += (gammaN3 * test) / r.L + 2 * u * (norm(xNext) + stepNorm) * (distance(xNext, xStar) + stepNorm);
    inverseLSum += 1 / r.L;
    steps.push({ delta: successor.f - fStar, bound: (half + roundingSum) / inverseLSum, inverseLSum, roundingSum });
  }
  return { steps, brokenAt: null };
}

export function checkGradientMethodRate(run: ScenarioRun): Verdict {
  const fStar = run.instance.certificate.fStar as number;
  const floor = atPrecision(1e-10, run.unitRoundoff) * Math.max(1, Math.abs(fStar));
  const w = new WorstRatio();
  if (run.records.length === 0) return w.verdict('no step');
  const { steps, brokenAt } = rateTrace(run);
  steps.forEach(({ delta, bound, inverseLSum, roundingSum }, i) => {
    if (delta < floor) w.skipPastFloor();
    else w.see(delta / bound, `k=${i + 1}: f−f*=${delta.toExponential(4)} bound ‖x0−x*‖²/(2Σ1/L)=${bound.toExponential(4)} (Σ1/L=${inverseLSum.toExponential(3)}, E=${roundingSum.toExponential(2)})`);
  });
  if (brokenAt !== null) w.see(Infinity, `k=${brokenAt}: x_{k+1} ≠ x_k + h_k`);
  return w.verdict(`f(x_k) − f* ≤ (½‖x_0 − x*‖² + E_k)/Σ_{i<k}1/L_i along accepted steps; E_k the rounding of the tests and of x + s (γ_{n+3}, 2u); judged while f − f* ≥ ${floor.toExponential(2)} (the validated guard, docs/theory.md#rounding-allowances-and-the-precision-floor)`);
}

export const gradientMethodRate: Theorem = {
  id: 'gradient-method-rate',
  title: 'Gradient method on convex f: f(x_k) − f* ≤ ‖x_0 − x*‖²/(2Σ1/L_i)  (O(L‖x_0 − x*‖²/k))',
  source: 'Nesterov, Lectures on Convex Optimization (2018), Thm 2.1.14, with the L_i of the line search in place of a fixed L; docs/theory.md#gradient-method-rate',
  statement: 'f(x_k)-f^\\star\\ \\le\\ \\frac{\\|x_0-x^\\star\\|^2}{2\\sum_{i<k}1/L_i}\\qquad(\\text{accepted steps }x_{i+1}=x_i-\\nabla f(x_i)/L_i)',
  assumptions: [capability('step-size'), convex, knownOptimum, knownMinimizer, euclideanMetric],
  tight: false,
  gating: true,
  gatingReason:
    'derived from the accepted upper-bound test and convexity, with the rounding of the tests and of the iterates added to the bound (E_k); the oracle\'s own rounding is not modelled, and is kept out by the guard f − f* ≥ 1e-10·max(1, |f*|) that was validated numerically for the same convexity inequality (docs/theory.md#rounding-allowances-and-the-precision-floor)',
  check: checkGradientMethodRate,
  // δ_k and its bound from k = 0 (no step yet: no bound) along the accepted prefix
  series: (run) => {
    if (run.records.length === 0) return null;
    const { steps } = rateTrace(run);
    const fStar = run.instance.certificate.fStar as number;
    return { observed: [run.records[0].f - fStar, ...steps.map((s) => s.delta)], bound: [Infinity, ...steps.map((s) => s.bound)], floor: atPrecision(1e-10, run.unitRoundoff) * Math.max(1, Math.abs(fStar)) };
  },
};
