import { algorithm1Run, gnsGamma0, gnsRecords, gnsSummary } from './method-capabilities.js';
import { classById } from '../classes/index.js';
import type { HessianKind } from '../classes/smoothness-class.js';
import type { ClassId, Membership } from '../problems/certificate.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { convex, hessianPsd, knownOptimum } from './assumptions.js';
import { atPrecision } from './run-precision.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, type Verdict, WorstRatio } from './verdict.js';

// ───────────────────────────── the convex trace shared by (P) and the envelopes ─────────────────────────────

/** A minimizer x* is known by construction (certificate), so d_k = ‖x_k − x*‖_B can be measured. */
export const knownMinimizer: Assumption = {
  id: 'known-x-star',
  statement: 'x* known',
  holds: (run) => (run.instance.certificate.xStar ? true : 'no minimizer x* is certified for this instance'),
};

/**
 * The validated guards (docs/theory.md#rounding-allowances-and-the-precision-floor): (P) and the convexity check are evaluated only while
 * δ ≥ 1e-10·max(1, |f*|) and d ≥ 1e-12·max(1, ‖x*‖_B) in float64 (the same in units of the run's
 * roundoff otherwise, `atPrecision`); below that, f(x_k) − f* and x_k − x* are rounding noise
 * (unguarded ratios reach 4.6e22).
 */
export interface ConvexGuards {
  readonly deltaFloor: number;
  readonly distanceFloor: number;
}

export function convexGuards(run: ScenarioRun): ConvexGuards {
  const c = run.instance.certificate;
  const fStar = c.fStar ?? 0;
  const xs = c.xStar;
  const u = run.unitRoundoff;
  return { deltaFloor: atPrecision(1e-10, u) * Math.max(1, Math.abs(fStar)), distanceFloor: atPrecision(1e-12, u) * Math.max(1, xs ? run.metric.norm(xs) : 1) };
}

/** ε_f = 1e-12·(|f_k| + |f_{k+1}|), the slack for differences of f (docs/theory.md#rounding-allowances-and-the-precision-floor) (in units of the run's roundoff u, `atPrecision`). */
export function fSlack(fk: number, fk1: number, unitRoundoff: number): number {
  return atPrecision(1e-12, unitRoundoff) * (Math.abs(fk) + Math.abs(fk1));
}

/** x_{k+1} of record k: the next record's x, or the summary's final x after the last step. */
export function nextIterate(run: ScenarioRun, k: number): Float64Array | null {
  const r = run.records[k];
  if (!r.stepTaken) return null;
  return run.records[k + 1]?.x ?? run.summary.x;
}

/** ‖x − x*‖_B, or NaN when x* is not certified. */
export function distanceToMinimizer(run: ScenarioRun, x: Float64Array): number {
  const xs = run.instance.certificate.xStar;
  if (!xs) return NaN;
  return run.metric.norm(x.map((v, i) => v - xs[i]));
}

/** The γ the acceptance test of step k actually used: a_k/λ_k (= γ + ε in reference mode). */
export function effectiveGamma(r: GnsRecord): number {
  return r.gradNorm / r.lambda;
}

/** Step k was accepted by the search (so the Lemma 1 test holds for it). */
export function accepted(r: GnsRecord): boolean {
  return r.stepTaken && r.gammaAccepted !== null;
}

// ───────────────────────────── certified lower bounds on γ ─────────────────────────────

function hessianKind(run: ScenarioRun): HessianKind | 'approximate' {
  if (run.scenario.hessian === 'zero' && run.scenario.perturbations.length === 0) return 'zero';
  const c = run.model.certificate;
  return c.certified && c.C1 === 0 && c.C2 === 0 ? 'exact' : 'approximate';
}

/**
 * The certified lower bound π_H(t) on γ(x) at ‖∇f(x)‖_* = t for this run's Hessian model, from the
 * instance's memberships in `classes` (all classes when omitted), or null when none applies:
 *   • exact H: the best class bound max_m π_m(t) (docs/classes.md);
 *   • H ≡ 0: the classes' first-order bounds (Lipschitz gradient, (L0, L1));
 *   • a certified approximation ‖∇²f − H‖ ≤ C1 + C2 t^{1−β}: the harmonic-mean bound (docs/theory.md#harmonic-mean),
 *     π_H(t)^{-1} = π(t)^{-1} + C1/t + C2·t^{−β}.
 * An uncertified model gives null: nothing bounds its γ.
 */
export function certifiedGammaBound(run: ScenarioRun, classes?: readonly ClassId[]): ((t: number) => number) | null {
  const kind = hessianKind(run);
  const cert = run.model.certificate;
  if (kind === 'approximate' && !cert.certified) return null;
  const pi = classBound(run, kind === 'zero' ? 'zero' : 'exact', classes);
  if (!pi) return null;
  if (kind !== 'approximate' || !cert.certified) return pi;
  const { C1, C2, beta } = cert;
  return (t) => 1 / (1 / pi(t) + C1 / t + C2 * t ** -beta);
}

/**
 * The best certified class bound max_m π_m(t) on γ for the Hessian `hessian` (∇²f, or H ≡ 0), whatever
 * model the run used, from the memberships in `classes` (all when omitted); null when none applies. The
 * Hölder-third-derivative bound needs a convex f (docs/classes.md) and is left out otherwise.
 */
export function classBound(run: ScenarioRun, hessian: HessianKind, classes?: readonly ClassId[]): ((t: number) => number) | null {
  const c = run.instance.certificate;
  const convexF = c.convexity === 'convex' || c.convexity === 'strongly-convex';
  const usable = c.memberships.filter((m) => (!classes || classes.includes(m.class)) && (convexF || m.class !== 'holder-third') && Number.isFinite(boundOf(m, 1, hessian)));
  if (usable.length === 0) return null;
  return (t) => Math.max(...usable.map((m) => boundOf(m, t, hessian)));
}

function boundOf(m: Membership, t: number, hessian: HessianKind): number {
  const cls = classById[m.class] as { lowerBound(t: number, m: Membership, h: HessianKind): number };
  return cls.lowerBound(t, m, hessian);
}

/** α of the instance's memberships in `classes` (defined values only). */
export function classAlphas(run: ScenarioRun, classes?: readonly ClassId[]): number[] {
  const out: number[] = [];
  for (const m of run.instance.certificate.memberships) {
    if (classes && !classes.includes(m.class)) continue;
    const a = (classById[m.class] as { alpha(m: Membership): number }).alpha(m);
    if (Number.isFinite(a)) out.push(a);
  }
  return out;
}

/**
 * The search guarantee (docs/theory.md#the-search-guarantee [R], A5) chained from γ0, independent of what the run did: every
 * trial whose effective γ (γ + ε) is ≤ γ(x_k) passes the Lemma 1 test and the trials halve, so the
 * accepted effective γ of step k is at least ℓ_k = min(G_k + ε, π_H(a_k)/2), where G_k is a certified
 * lower bound on γ_k^start: G_0 = γ0 and G_{k+1} = min(2G_k, π_H(a_k) − 2ε) (γ^start_{k+1} ≥ 2γ_k^acc;
 * the reference floor γ_min only raises it). With π_H(t) = t^α/M_{1−α}, once G_k no longer binds, this
 * is γ_k ≥ a_k^α/(2M_{1−α}): (P) with the certified M = 2M_{1−α}. After a step the search did not accept
 * (reference mode takes the last trial) the chain restarts from the recorded γ^start.
 * Returns ℓ_k for every record k (NaN past a step that was not taken).
 */
export function searchLowerBounds(run: ScenarioRun, pi: (t: number) => number): { ell: number[]; startBinds: number; restarts: number } {
  const ell: number[] = [];
  let g = gnsGamma0(run);
  let startBinds = 0;
  let restarts = 0;
  for (const r of gnsRecords(run)) {
    const p = pi(r.gradNorm);
    const l = Math.min(g + run.eps, p / 2);
    if (g + run.eps < p / 2) startBinds++;
    ell.push(l);
    if (accepted(r)) g = Math.max(0, Math.min(2 * g, p - 2 * run.eps));
    else {
      restarts++;
      const next = gnsRecords(run)[r.k + 1];
      g = next ? next.gammaStart : 0;
    }
  }
  return { ell, startBinds, restarts };
}

/** H ⪰ 0 and a certified lower bound on γ for this model from the instance's class memberships. */
export function certifiedClassBound(classes?: readonly ClassId[]): Assumption {
  return {
    id: `certified-gamma-bound${classes ? `:${classes.join('+')}` : ''}`,
    statement: `γ(x) ≥ π_H(‖∇f(x)‖_*) certified (${classes ? classes.join(', ') : 'any class'} membership; exact H, H ≡ 0 where the class has a first-order bound, or a certified approximation)`,
    holds: (run) => (certifiedGammaBound(run, classes) ? true : `no certified ${classes ? classes.join('/') : 'class'} bound on γ for the model '${run.model.id}' on this instance`),
  };
}

/** The search guarantee (docs/theory.md#the-search-guarantee) needs the Lemma 1 test to pass whenever γ ≤ γ(x_k): H ⪰ 0 (stated as an assumption). */
export const searchGuarantee: Assumption = {
  id: 'search-guarantee',
  statement: 'adaptive search: γ_k^{acc} + ε ≥ min(γ_k^{start} + ε, γ(x_k)/2) (every trial with γ + ε ≤ γ(x_k) passes the Lemma 1 test; needs H_k ⪰ 0)',
  holds: (run) => {
    if (!run.method.capabilities.includes('adaptive-search')) return `the method '${run.method.id}' has no adaptive search`;
    return run.model.certificate.psd ? true : 'H is not certified PSD, so a trial with γ ≤ γ(x_k) may fail the test';
  },
};

// ───────────────────────────── (P) and the convexity check ─────────────────────────────

const SLACK =
  'convexity: δ_k ≤ a_k·d_k + ε_f; (P): RHS ≤ δ_k − δ_{k+1} + ε_f, with ε_f = 1e-12(|f_k| + |f_{k+1}|); ratios RHS/(LHS + ε_f); ' +
  'evaluated only while δ ≥ 1e-10·max(1, |f*|) and d ≥ 1e-12·max(1, ‖x*‖_B) (the validated guards, docs/theory.md#rounding-allowances-and-the-precision-floor), on accepted steps; ' +
  'the constants are float64 ones, taken as the same number of units of the run’s roundoff in other arithmetic';

interface StepData {
  readonly k: number;
  readonly deltaK: number;
  readonly deltaK1: number;
  readonly aK: number;
  readonly dK1: number;
  readonly slack: number;
  readonly record: GnsRecord;
}

/**
 * Runs the convexity check δ_k ≤ a_k d_k at every guarded k and calls `step` for every guarded
 * accepted step k → k+1 (returning the (P) ratio there). Steps that were not accepted are counted in
 * the note (Lemma 1 is not guaranteed for them).
 */
function convexWalk(run: ScenarioRun, step: (s: StepData) => number): { worst: WorstRatio; unaccepted: number; convexWorst: number; pWorst: number } {
  const fStar = run.instance.certificate.fStar as number;
  const guards = convexGuards(run);
  const worst = new WorstRatio();
  let unaccepted = 0;
  let convexWorst = 0;
  let pWorst = 0;
  const d: number[] = gnsRecords(run).map((r) => distanceToMinimizer(run, r.x));
  for (let k = 0; k < gnsRecords(run).length; k++) {
    const r = gnsRecords(run)[k];
    const deltaK = r.f - fStar;
    if (deltaK >= guards.deltaFloor && d[k] >= guards.distanceFloor) {
      const ratio = deltaK / (r.gradNorm * d[k] + fSlack(r.f, fStar, run.unitRoundoff));
      convexWorst = Math.max(convexWorst, ratio);
      worst.see(ratio, `k=${k} convexity δ_k ≤ a_k d_k`);
    } else {
      worst.skipPastFloor();
    }
    if (!r.stepTaken) continue;
    if (!accepted(r)) {
      unaccepted++;
      continue;
    }
    const x1 = nextIterate(run, k);
    if (!x1) continue;
    const dK1 = distanceToMinimizer(run, x1);
    const deltaK1 = r.fNext - fStar;
    if (!(deltaK1 >= guards.deltaFloor && dK1 >= guards.distanceFloor && d[k] >= guards.distanceFloor)) {
      worst.skipPastFloor();
      continue;
    }
    const ratio = step({ k, deltaK, deltaK1, aK: r.gradNorm, dK1, slack: fSlack(r.f, r.fNext, run.unitRoundoff), record: r });
    pWorst = Math.max(pWorst, ratio);
    worst.see(ratio, `k=${k} (P)`);
  }
  return { worst, unaccepted, convexWorst, pWorst };
}

/** (P) with the per-step lower bound `ell` on γ_k: RHS = ell·δ²_{k+1}/(8 a_k d²_{k+1}). */
function pRatio(s: StepData, ell: number): number {
  const rhs = (ell * s.deltaK1 * s.deltaK1) / (8 * s.aK * s.dK1 * s.dK1);
  return rhs / (s.deltaK - s.deltaK1 + s.slack);
}

const EMPIRICAL_ALPHAS = [0, 1 / 3, 1 / 2, 1];

/**
 * A9 with the EMPIRICAL M̂ = max_k a_k^α/γ_k over accepted steps (γ_k the effective γ of the accepted
 * trial, a_k/λ_k). This holds BY CONSTRUCTION for any real α: it is the acceptance test
 * f_k − f_{k+1} ≥ γ_k a²_{k+1}/(8a_k), convexity δ_{k+1} ≤ a_{k+1}d_{k+1}, and M̂ ≥ a_k^α/γ_k. It checks
 * the run's bookkeeping (test, recorded γ/λ, f* and x* certificates), not the class.
 */
export const convexStepEmpirical: Theorem = {
  id: 'convex-step-empirical',
  title: 'A9: convex per-step inequality (P) with the empirical M̂ (holds by construction) and δ_k ≤ a_k d_k',
  source: 'Semenov, Jaggi & Doikov 2025, Theorem 2 (convex case) [P]: its per-step inequality (P) derived [R], with the empirical M̂; docs/theory.md#convex-step-empirical',
  statement:
    '\\delta_k\\le a_k d_k,\\qquad \\delta_k-\\delta_{k+1}\\ \\ge\\ \\frac{\\delta_{k+1}^2}{8\\hat M d_{k+1}^2 a_k^{1-\\alpha}},\\quad \\hat M=\\max_{j\\ \\mathrm{accepted}} a_j^{\\alpha}/\\gamma_j,\\ \\alpha\\in\\{0,\\tfrac13,\\tfrac12,1\\}\\cup\\{\\alpha_{\\rm class}\\}',
  assumptions: [algorithm1Run, convex, knownOptimum, knownMinimizer],
  tight: false,
  gating: true,
  gatingReason:
    'holds by construction: the acceptance test, convexity δ_{k+1} ≤ a_{k+1}d_{k+1} and M̂ ≥ a_k^α/γ_k (docs/theory.md#convex-step-empirical); a violation is a wrong f*/x* certificate or bookkeeping; the slack is ε_f under the validated guards',
  check(run: ScenarioRun): Verdict {
    const alphas = [...new Set([...EMPIRICAL_ALPHAS, ...classAlphas(run)])];
    const steps = gnsRecords(run).filter(accepted);
    if (steps.length === 0) return notApplicable('no accepted step');
    const mHat = alphas.map((alpha) => Math.max(...steps.map((r) => r.gradNorm ** alpha / effectiveGamma(r))));
    const walk = convexWalk(run, (s) => Math.max(...alphas.map((alpha, i) => pRatio(s, s.aK ** alpha / mHat[i]))));
    return walk.worst.verdict(
      SLACK,
      `EMPIRICAL M̂ (holds by construction: acceptance test + convexity); α ∈ {${alphas.map((a) => a.toFixed(3)).join(', ')}}, M̂ = {${mHat.map((m) => m.toExponential(2)).join(', ')}}; ` +
        `worst (P) ${walk.pWorst.toExponential(3)}, convexity ${walk.convexWorst.toFixed(3)}; ${walk.unaccepted} steps not accepted (unchecked)`,
    );
  },
};

/**
 * A9 with a CERTIFIED constant: γ_k ≥ ℓ_k = min(G_k + ε, π_H(a_k)/2) by the search guarantee chained from γ0 (`searchLowerBounds`) and
 * the class lower bound, so δ_k − δ_{k+1} ≥ ℓ_k δ²_{k+1}/(8 a_k d²_{k+1}); for π_H(t) = t^α/M_{1−α} and
 * a start value that does not bind, this is (P) with M = 2M_{1−α}. Unlike the empirical version it
 * can fail when the certificate (class constant, approximation bound) or the search is wrong.
 */
export const convexStepCertified: Theorem = {
  id: 'convex-step-certified',
  title: 'A9: convex per-step inequality (P) with the certified M = 2·M_{1−α} (search guarantee) and δ_k ≤ a_k d_k',
  source:
    'Semenov, Jaggi & Doikov 2025, Theorem 2 (convex case) [P]: its per-step inequality (P) derived [R] with the search guarantee [R] and the certified class bounds, approximations by the harmonic mean [R]; docs/theory.md#convex-step-certified',
  statement:
    '\\delta_k-\\delta_{k+1}\\ \\ge\\ \\frac{\\ell_k\\,\\delta_{k+1}^2}{8\\,a_k\\,d_{k+1}^2},\\quad \\ell_k=\\min\\big(G_k+\\varepsilon,\\ \\tfrac12\\pi_H(a_k)\\big),\\ G_0=\\gamma_0,\\ G_{k+1}=\\min(2G_k,\\pi_H(a_k)-2\\varepsilon);\\\\ \\pi_H(t)=t^\\alpha/M_{1-\\alpha}\\Rightarrow (P)\\ \\text{with}\\ M=2M_{1-\\alpha}',
  assumptions: [algorithm1Run, convex, knownOptimum, knownMinimizer, hessianPsd, searchGuarantee, certifiedClassBound()],
  tight: false,
  gating: true,
  gatingReason:
    '(P) follows from Lemma 1\'s test, convexity and γ_k ≥ ℓ_k (search guarantee chained from γ0 with the certified π, docs/theory.md#the-per-step-inequality-p-and-the-envelope); the slack is ε_f under the validated guards',
  check(run: ScenarioRun): Verdict {
    const pi = certifiedGammaBound(run);
    if (!pi) return notApplicable('no certified bound on γ');
    const { ell, startBinds, restarts } = searchLowerBounds(run, pi);
    const walk = convexWalk(run, (s) => pRatio(s, ell[s.k]));
    return walk.worst.verdict(
      SLACK,
      `CERTIFIED π_H (model '${run.model.id}'); worst (P) ${walk.pWorst.toExponential(3)}, convexity ${walk.convexWorst.toFixed(3)}; ` +
        `γ0-chain G_k binding at ${startBinds} steps; ${walk.unaccepted} steps not accepted (unchecked; chain restarted ${restarts}×)`,
    );
  },
};
