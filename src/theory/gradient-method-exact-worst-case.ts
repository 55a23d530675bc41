/**
 * The exact worst case of the gradient method with a constant step (Drori & Teboulle 2014, Math.
 * Program. 145, Thm 3.1; attained by a 1-D Huber function, Thm 3.2): on convex f with L-Lipschitz ∇f,
 * x_{i+1} = x_i − (h/L)∇f(x_i), 0 < h ≤ 1, gives
 *   f(x_k) − f* ≤ L‖x_0 − x*‖²/(4kh + 2)   at every k (the k-step run is a prefix of a longer one).
 * With the constant L' ≥ L of the records, h = L/L'. The computed run x̂_{i+1} = fl(x̂_i + ĥ_i),
 * ĥ_i = fl(−ĝ_i/L'), is the exact map T(x) = x − ∇f(x)/L' plus an error e_i, and T is nonexpansive for
 * L' ≥ L/2 (‖Tx − Ty‖² = ‖x − y‖² − (2/L')⟨∇f x − ∇f y, x − y⟩ + ‖∇f x − ∇f y‖²/L'², and
 * ⟨∇f x − ∇f y, x − y⟩ ≥ ‖∇f x − ∇f y‖²/L, Baillon–Haddad), so the exact run x_k from x̂_0 stays within
 * D_k = Σ_{i<k}‖e_i‖ of x̂_k, and by convexity f(x̂_k) ≤ f(x_k) + ‖∇f(x̂_k)‖·D_k:
 *   f̂_k − f* ≤ L‖x̂_0 − x*‖²/(4kh + 2) + (‖ĝ_k‖ + ε_g,k)·D_k + ε_f,k,
 *   ‖e_i‖ ≤ γ₃‖ĝ_i‖/L' + ε_g,i/L' + 3u(‖x̂_i‖ + ‖ĥ_i‖) + u‖x̂_{i+1}‖
 * (γ₃: the step's −1/L', its product with ĝ and a conversion; 3u(…) + u‖x̂_{i+1}‖: the sum x̂_i + ĥ_i as
 * stepSuccessor admits it). ε_f = 1e-12(|f̂_k| + |f*|) and ε_g = 1e-12·max(‖ĝ‖, ‖M(x̂)‖) (M the oracle's
 * gradient magnitude where it states one), in units of the run's roundoff, are the allowances for
 * the oracle's own rounding (as ε_f of descent and A3); the right-hand side is raised by γ_{n+k+8}
 * for its own evaluation. Judged while f̂_k − f* ≥ 1e-10·max(1, |f*|), the validated guard of docs/theory.md#rounding-allowances-and-the-precision-floor.
 */
import { norm2 as norm } from '../linalg/vector.js';
import { smallestLipschitzConstant } from '../problems/certificate.js';
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { convex, knownOptimum } from './assumptions.js';
import { knownMinimizer, nextIterate } from './convex-step.js';
import { capability } from './method-capabilities.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { atPrecision } from './run-precision.js';
import { stepSuccessor } from './step-successor.js';
import { type Assumption, failedAssumption, type Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

const distance = (a: Float64Array, b: Float64Array): number => norm(a.map((v, i) => v - b[i]));

/** the certified Lipschitz constant of ∇f in B = I (the smallest stated), or null */
function certifiedL(run: ScenarioRun): number | null {
  return run.instance.metric.kind === 'identity' ? smallestLipschitzConstant(run.instance.certificate) : null;
}

/** The records' one constant L' of the step 1/L', or why there is none. */
function constantStepL(run: ScenarioRun): number | string {
  const taken = (run.records as readonly (StepRecord & StepSizeFields)[]).filter((r) => r.stepTaken);
  if (taken.length === 0) return 'no step was taken';
  const L = taken[0].L;
  const other = taken.find((r) => r.L !== L);
  return other ? `the step 1/L varies (L = ${L} at k = ${taken[0].k}, ${other.L} at k = ${other.k})` : L;
}

const euclideanLipschitz: Assumption = {
  id: 'lipschitz-gradient-identity',
  statement: '∇f L-Lipschitz in B = I, L certified',
  holds: (run) => (certifiedL(run) !== null ? true : run.instance.metric.kind !== 'identity' ? 'the metric B is not the identity' : 'no Lipschitz constant of ∇f is certified'),
};

const constantStepAtLeastL: Assumption = {
  id: 'constant-step-at-least-l',
  statement: "one step 1/L' with L' ≥ L (h = L/L' ∈ (0, 1])",
  holds: (run) => {
    const Lp = constantStepL(run);
    if (typeof Lp === 'string') return Lp;
    const L = certifiedL(run);
    if (L === null || !(L > 0)) return 'no positive certified L';
    return Lp >= L ? true : `L' = ${Lp} is below the certified L = ${L}`;
  },
};

export interface WorstCaseTrace {
  /** f̂_k − f* for k = 0 … K, K the number of steps taken */
  readonly observed: number[];
  /** L‖x̂_0 − x*‖²/(4kh + 2) plus the slack of the run's rounding, per k */
  readonly bound: number[];
  /** the slack alone, per k */
  readonly slack: number[];
  /** the first k with x̂_k ≠ x̂_{k−1} + ĥ_{k−1}, or null */
  readonly brokenAt: number | null;
  readonly h: number;
}

/** The observed f̂_k − f* and the bound with its slack along the run (see the module comment). */
export function worstCaseTrace(run: ScenarioRun): WorstCaseTrace {
  const records = run.records as readonly (StepRecord & StepSizeFields)[];
  const xStar = run.instance.certificate.xStar as Float64Array;
  const fStar = run.instance.certificate.fStar as number;
  const L = certifiedL(run) as number;
  const Lp = constantStepL(run) as number;
  const h = L / Lp;
  const u = run.unitRoundoff;
  const n = run.instance.problem.dim;
  const epsUnit = atPrecision(1e-12, u);
  const magnitude = run.instance.problem.oracle.gradMagnitude?.bind(run.instance.problem.oracle);
  const gradientAllowance = (x: Float64Array, g: Float64Array): number => epsUnit * Math.max(norm(g), magnitude ? norm(magnitude(x)) : 0);
  const R2 = distance(records[0].x, xStar) ** 2;
  const observed = [records[0].f - fStar];
  const slack = [epsUnit * (Math.abs(records[0].f) + Math.abs(fStar))];
  const bound = [((L * R2) / 2) * (1 + gammaConstant(n + 8, u)) + slack[0]];
  let drift = 0;
  let brokenAt: number | null = null;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || !r.h) break;
    const successor = stepSuccessor(records, i, u);
    if (!successor.startsAtStep) {
      brokenAt = i + 1;
      break;
    }
    const xNext = nextIterate(run, i) as Float64Array;
    const gNext = records[i + 1]?.g ?? r.gNext;
    drift += (gammaConstant(3, u) * norm(r.g) + gradientAllowance(r.x, r.g)) / Lp + 3 * u * (norm(r.x) + norm(r.h)) + u * norm(xNext);
    const k = i + 1;
    const fNext = successor.f;
    const s = (gNext ? (norm(gNext) + gradientAllowance(xNext, gNext)) * drift : Infinity) + epsUnit * (Math.abs(fNext) + Math.abs(fStar));
    observed.push(fNext - fStar);
    slack.push(s);
    bound.push(((L * R2) / (4 * k * h + 2) + s) * (1 + gammaConstant(n + k + 8, u)));
  }
  return { observed, bound, slack, brokenAt, h };
}

export function checkGradientMethodExactWorstCase(run: ScenarioRun): Verdict {
  const fStar = run.instance.certificate.fStar as number;
  const floor = atPrecision(1e-10, run.unitRoundoff) * Math.max(1, Math.abs(fStar));
  const t = worstCaseTrace(run);
  const w = new WorstRatio();
  let unjudged = 0;
  for (let k = 1; k < t.observed.length; k++) {
    const delta = t.observed[k];
    if (delta < floor) {
      w.skipPastFloor();
      continue;
    }
    // no ∇f at x_k in the records (the run's last point): the drift term cannot be bounded there
    if (!Number.isFinite(t.slack[k])) {
      unjudged++;
      continue;
    }
    w.see(delta / t.bound[k], `k=${k}: f−f*=${delta.toExponential(6)} bound LR²/(4kh+2)+slack=${t.bound[k].toExponential(6)} (h=${t.h.toPrecision(6)}, slack=${t.slack[k].toExponential(2)})`);
  }
  if (t.brokenAt !== null) w.see(Infinity, `k=${t.brokenAt}: x_{k} ≠ x_{k−1} + h_{k−1}`);
  return w.verdict(`f(x_k) − f* ≤ L‖x_0 − x*‖²/(4kh + 2) + (‖g_k‖ + ε_g)·D_k + ε_f, h = L/L', D_k the drift of the computed run from the exact one; judged while f − f* ≥ ${floor.toExponential(2)} (the validated guard, docs/theory.md#rounding-allowances-and-the-precision-floor)`,
    unjudged > 0 ? `${unjudged} iteration${unjudged === 1 ? '' : 's'} not judged: no ∇f(x_k) recorded to bound the drift term` : undefined,
  );
}

export const gradientMethodExactWorstCase: Theorem = {
  id: 'gradient-method-exact-worst-case',
  title: "Gradient method with the constant step 1/L' ≥ 1/L on convex L-smooth f: f(x_k) − f* ≤ L‖x_0 − x*‖²/(4kh + 2), h = L/L' (exact worst case)",
  source: 'Drori & Teboulle, Performance of first-order methods for smooth convex minimization: a novel approach, Math. Program. 145 (2014), Thm 3.1 (bound), Thm 3.2 (attained by a 1-D Huber function); the rounding of the run by nonexpansiveness of x − ∇f(x)/L\' (Baillon–Haddad): docs/theory.md#gradient-method-exact-worst-case',
  statement: "f(x_k)-f^\\star\\ \\le\\ \\frac{L\\,\\|x_0-x^\\star\\|^2}{4kh+2},\\qquad x_{i+1}=x_i-\\tfrac{h}{L}\\nabla f(x_i),\\ h=L/L'\\in(0,1]",
  assumptions: [capability('step-size'), convex, knownOptimum, knownMinimizer, euclideanLipschitz, constantStepAtLeastL],
  tight: true,
  gating: true,
  gatingReason:
    "the bound of Drori & Teboulle for the exact run from x̂_0, plus the drift D_k of the computed run from it (each step's rounding carried without growth, x − ∇f(x)/L' being nonexpansive) times ‖∇f(x̂_k)‖ by convexity; the oracle's own rounding enters as ε_f = 1e-12(|f| + |f*|) and ε_g = 1e-12·max(‖g‖, ‖M‖) in units of the run's roundoff, judged above the validated guard f − f* ≥ 1e-10·max(1, |f*|) (docs/theory.md#rounding-allowances-and-the-precision-floor)",
  check: checkGradientMethodExactWorstCase,
  series: (run) => {
    if (failedAssumption(gradientMethodExactWorstCase, run) !== null) return null;
    const t = worstCaseTrace(run);
    const fStar = run.instance.certificate.fStar as number;
    return { observed: t.observed, bound: t.bound, floor: atPrecision(1e-10, run.unitRoundoff) * Math.max(1, Math.abs(fStar)) };
  },
};
