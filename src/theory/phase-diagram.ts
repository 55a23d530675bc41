import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { gapFloor } from '../rates/floor.js';
import { fitLine } from '../rates/least-squares.js';
import { iterationsTo } from '../rates/iterations-to.js';
import { linearRate } from '../rates/linear-rate.js';
import { tailWindow } from '../rates/tail-window.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { convex, knownOptimum } from './assumptions.js';
import { classAlphas } from './convex-step.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, type Verdict } from './verdict.js';

/**
 * The phase diagram (Figure 1 of the paper [P], docs/theory.md#phase-diagram-exact-rate) as SHAPE checks on one run: smoothness
 * degree α (from the instance's class memberships) against the approximation's certified degree β and
 * constant C1 (‖∇²f − H‖ ≤ C1 + C2‖∇f‖_*^{1−β}). DIAGNOSTICS (gating: false) with stated margins: the
 * paper's constants are unknown, so exponents and contractions are shown, never gated; the
 * gating form of the phase diagram is phase-diagram-iterations.ts.
 */

/** α of the instance (smallest over its memberships) and (C1, C2, β) of the model's certificate. */
export function phaseOf(run: ScenarioRun): { alpha: number; C1: number; C2: number; beta: number } | string {
  const cert = run.model.certificate;
  if (!cert.certified) return `the model '${run.model.id}' is uncertified`;
  const alphas = classAlphas(run);
  if (alphas.length === 0) return 'no class membership with a defined α';
  return { alpha: Math.min(...alphas), C1: cert.C1, C2: cert.C2, beta: cert.beta };
}

const certifiedPhase = (want: 'exact-rate' | 'degraded'): Assumption => ({
  id: `phase-${want}`,
  statement: want === 'exact-rate' ? 'certified approximation with β ≤ α and C1 = 0 (the class dominates)' : 'certified approximation with β > α or C1 > 0 (the approximation dominates)',
  holds: (run) => {
    const p = phaseOf(run);
    if (typeof p === 'string') return p;
    const exact = p.C1 === 0 && (p.C2 === 0 || p.beta <= p.alpha);
    if (want === 'exact-rate') return exact ? true : `β = ${p.beta}, α = ${p.alpha}, C1 = ${p.C1}: not in the β ≤ α, C1 = 0 region`;
    return exact ? `β = ${p.beta} ≤ α = ${p.alpha} and C1 = 0: not in the degraded region` : true;
  },
});

const linearClass: Assumption = {
  id: 'alpha-zero',
  statement: 'α = 0 (a quasi-self-concordant membership: Theorem 2 gives a global linear rate)',
  holds: (run) => {
    const p = phaseOf(run);
    if (typeof p === 'string') return p;
    return p.alpha === 0 ? true : `α = ${p.alpha} > 0`;
  },
};

/** δ_k = f(x_k) − f* along the run (start-of-iteration values and the final one). */
function gaps(run: ScenarioRun): number[] {
  const fStar = run.instance.certificate.fStar as number;
  const d = gnsRecords(run).map((r) => r.f - fStar);
  const last = gnsRecords(run)[gnsRecords(run).length - 1];
  if (last?.stepTaken) d.push(last.fNext - fStar);
  return d;
}

/** the tail contraction margin of the exact-rate region */
export const LINEAR_RATE_MARGIN = 0.9;
/** the allowed excess of the fitted K(ε) growth exponent over the degraded region's β (or 1 with C1 > 0) */
export const EXPONENT_MARGIN = 0.5;

/**
 * β ≤ α = 0 and C1 = 0 (e.g. LSE with a perturbation ‖E‖ = C2‖g‖): the rate of the exact method is kept
 * (M → M + C2): the Q-linear contraction of δ_k over the automatically chosen tail window (up to the
 * precision floor 1e3·u·max(1, |f*|)) is bounded away from 1 — at most 0.9 (generous: a global linear
 * rate 1 − 1/(c(M + C2)D) with any moderate c, and locally the method is superlinear).
 */
export const phaseDiagramExactRate: Theorem = {
  id: 'phase-diagram-exact-rate',
  title: 'Phase diagram, β ≤ α = 0, C1 = 0: the linear rate of the exact method is kept (shape)',
  source: 'Semenov, Jaggi & Doikov 2025, Figure 1 (phase diagram) and Theorem 2 with the approximation condition [P] (β = 0 keeps the linear rate); a shape check; docs/theory.md#phase-diagram-exact-rate',
  statement: '\\beta\\le\\alpha=0,\\ C_1=0\\ \\Rightarrow\\ \\Big(\\frac{\\delta_{K}}{\\delta_{k_0}}\\Big)^{1/(K-k_0)}\\le 0.9\\ \\text{over the tail window }[k_0,K]',
  assumptions: [algorithm1Run, convex, knownOptimum, linearClass, certifiedPhase('exact-rate')],
  tight: false,
  gating: false,
  gatingReason:
    'a fitted shape: Theorem 2 bounds δ_k from above; it does not bound the Q-linear contraction of a tail window by 0.9 (the margin is chosen, not derived). The sound form, K(ε) ≤ K_E(ε) with the certified envelope, is phase-diagram-iterations',
  check(run: ScenarioRun): Verdict {
    const d = gaps(run);
    const floor = gapFloor(run.unitRoundoff, run.instance.certificate.fStar as number);
    const rate = linearRate(d, { floor, windowLength: 5 });
    if (!rate) return notApplicable('fewer than 4 usable iterations before the precision floor');
    const ratio = rate.tail / LINEAR_RATE_MARGIN;
    return {
      status: ratio <= 1 ? 'holds' : 'violated',
      worstRatio: ratio,
      where: `tail window k ∈ [${rate.window.start}, ${rate.window.end}) (cut: ${rate.window.cut})`,
      slack: `shape margin: tail contraction ≤ ${LINEAR_RATE_MARGIN}; floor 1e3·u·max(1, |f*|)`,
      checked: rate.window.end - rate.window.start,
      pastFloor: d.length - rate.window.end,
      note: `SOFT shape check; Q-linear tail rate ${rate.tail.toFixed(4)}, worst ${rate.windowLength}-step window ${rate.worstWindow.toFixed(4)} at k = ${rate.worstAt}; iterations ${gnsRecords(run).length}`,
    };
  },
};

/**
 * β > α or C1 > 0: the approximation dominates, and the complexity bound of Corollary 2 is
 * K(ε) = O(M D^{1+α}ε^{−α} + C2 D^{1+β}ε^{−β} + C1 D²ε^{−1}): the iteration count to ε may grow at most
 * like ε^{−β*}, β* = 1 if C1 > 0 else β. Shape check: the exponent of K(ε) against 1/ε fitted over the
 * second half of a geometric ε grid between δ_0 and the smallest usable δ is at most β* + 0.5, on runs
 * that made at least two decades of progress (δ_0/min δ ≥ 100, so the fitted half has ε ≤ δ_0/10). The
 * margin is what the bound's additive form allows there: K = A + Bε^{−β*} has local exponent ≤ β*, and
 * K = B(ε^{−1} − δ_0^{−1}) at most 1/(1 − 1/10) ≈ 1.11; a linear rate, K ≈ log(δ_0/ε)/|log q|, has
 * 1/log(δ_0/ε) ≤ 0.43. (Over a narrow ε range the local exponent is unbounded, hence the two decades.)
 * Locally strongly convex instances (LSE with m > n) typically show a slower LINEAR tail instead of the
 * worst-case power law, i.e. a fitted exponent near 0: the note reports both.
 */
export const phaseDiagramDegraded: Theorem = {
  id: 'phase-diagram-degraded',
  title: 'Phase diagram, β > α or C1 > 0: iterations to ε grow at most like ε^{−β} (ε^{−1} with C1 > 0) (shape)',
  source: 'Semenov, Jaggi & Doikov 2025, Figure 1 (phase diagram) and Corollary 2 with the approximation condition [P]; a shape check; docs/theory.md#phase-diagram-degraded',
  statement:
    '\\beta>\\alpha\\ \\text{or}\\ C_1>0:\\ K(\\varepsilon)=O\\big(\\varepsilon^{-\\beta^\\ast}\\big),\\ \\beta^\\ast=\\begin{cases}1&C_1>0\\\\\\beta&C_1=0\\end{cases};\\ \\ \\widehat{\\tfrac{d\\log K}{d\\log(1/\\varepsilon)}}\\le\\beta^\\ast+0.5',
  assumptions: [algorithm1Run, convex, knownOptimum, certifiedPhase('degraded')],
  tight: false,
  gating: false,
  gatingReason:
    'a fitted shape: the theorem bounds K(ε) from above by A + Bε^{−β*}; it says nothing about the local slope of the observed K(ε), which can be steep (a fast phase, then a plateau) while K stays far below the bound. The sound form, K(ε) ≤ K_E(ε) with the certified envelope, is phase-diagram-iterations',
  check(run: ScenarioRun): Verdict {
    const p = phaseOf(run);
    if (typeof p === 'string') return notApplicable(p);
    const d = gaps(run);
    const floor = gapFloor(run.unitRoundoff, run.instance.certificate.fStar as number);
    const window = tailWindow(d, { floor, minLength: 4, burnIn: 0 });
    if (!window) return notApplicable('fewer than 4 usable iterations before the precision floor');
    let lowest = Infinity;
    for (let k = 0; k < window.end; k++) lowest = Math.min(lowest, d[k]);
    if (!(d[0] / lowest >= 100)) return notApplicable(`less than two decades of progress (δ_0/min δ = ${(d[0] / lowest).toPrecision(3)}): no ε range to fit a shape on`);
    const grid = iterationsTo(d, window.end, 12);
    const half = Math.floor(grid.eps.length / 2);
    const xs = grid.eps.slice(half).map((e) => Math.log(1 / e));
    const ys = grid.k.slice(half).map((k) => Math.log(Math.max(1, k)));
    const fit = fitLine(xs, ys);
    const betaStar = p.C1 > 0 ? 1 : p.beta;
    const exponent = xs.length >= 2 && Number.isFinite(fit.slope) ? fit.slope : 0;
    const bound = betaStar + EXPONENT_MARGIN;
    const rate = linearRate(d, { floor, windowLength: 5 });
    return {
      status: exponent <= bound ? 'holds' : 'violated',
      worstRatio: exponent / bound,
      where: `K(ε) = ${grid.k.join(',')} on ε from ${grid.eps[0]?.toExponential(2)} to ${grid.eps[grid.eps.length - 1]?.toExponential(2)}`,
      slack: `shape margin: fitted exponent ≤ β* + ${EXPONENT_MARGIN}; floor 1e3·u·max(1, |f*|)`,
      checked: grid.k.length,
      pastFloor: d.length - window.end,
      note: `SOFT shape check; α = ${p.alpha}, β = ${p.beta}, C1 = ${p.C1}, C2 = ${p.C2} (β* = ${betaStar}); fitted exponent of K(ε) ${exponent.toFixed(3)}; Q-linear tail rate ${rate ? rate.tail.toFixed(4) : 'n/a'}; iterations ${gnsRecords(run).length} (cut: ${window.cut})`,
    };
  },
};
