import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { algebraicOrder } from '../rates/algebraic-order.js';
import { linearRate } from '../rates/linear-rate.js';
import type { ClassId } from '../problems/certificate.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { convex, hessianPsd, knownOptimum } from './assumptions.js';
import { accepted, certifiedClassBound, certifiedGammaBound, convexGuards, distanceToMinimizer, fSlack, nextIterate, searchGuarantee, searchLowerBounds } from './convex-step.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, type Verdict, WorstRatio } from './verdict.js';

/**
 * f − f* envelopes from the convex per-step inequality (P), shared by the per-class envelope theorems.
 *
 * Derivation (docs/theory.md#the-per-step-inequality-p-and-the-envelope [R]). For an accepted step, Lemma 1's test gives
 * δ_k − δ_{k+1} ≥ γ_k a²_{k+1}/(8a_k); the search guarantee and the certified class bound give
 * γ_k ≥ ℓ_k = min(G_k + ε, π_H(a_k)/2) with G_0 = γ0, G_{k+1} = min(2G_k, π_H(a_k) − 2ε) (a certified lower bound on γ_k^start, chained from γ0, not read from the run); convexity gives δ_{k+1} ≤ a_{k+1}d_{k+1} ≤ a_{k+1}D. Hence
 *     δ_k − δ_{k+1} ≥ δ²_{k+1}/c_k,   c_k = 8 a_k D²/ℓ_k   (= 16 M_{1−α} D² a_k^{1−α} when π_H = t^α/M_{1−α}).
 * So δ_{k+1} ≤ φ(δ_k; c_k), where φ(δ; c) = 2δ/(1 + √(1 + 4δ/c)) is the positive root r of r + r²/c = δ.
 * φ is increasing in δ, so with E_0 = δ_0 and E_{k+1} = φ(E_k; c_k), induction gives δ_k ≤ E_k for every
 * k up to the first step not accepted by the search. For constant c (α = 1 with a non-binding start
 * value) 1/E_{k+1} − 1/E_k ≥ min(1/(2c), 1/E_0), i.e. E_k ≤ (1/δ_0 + k·min(1/(2c), 1/δ_0))^{-1} = O(c/k).
 *
 * D: the certified sublevel radius when the instance has one; otherwise, when x* is certified, the
 * trajectory radius D_run = max_{j≥1}‖x_j − x*‖_B — (P) only needs d_{k+1} ≤ D, so this is the same
 * theorem with a measured (not fitted) radius; the note says which was used.
 */
export const boundedRadius: Assumption = {
  id: 'bounded-d',
  statement: 'D < ∞ known (certified sublevel radius, or x* certified so that max_k‖x_k − x*‖_B bounds d_{k+1})',
  holds: (run) => {
    const c = run.instance.certificate;
    return c.sublevelRadius !== undefined || c.xStar ? true : 'neither a sublevel radius nor x* is certified';
  },
};

/** The premises of δ_k ≤ E_k: (P) with a certified bound on γ from memberships in `classes` (all when omitted). */
export function envelopeAssumptions(classes?: readonly ClassId[]): Assumption[] {
  return [convex, knownOptimum, boundedRadius, hessianPsd, searchGuarantee, certifiedClassBound(classes)];
}

/** φ(δ; c): the positive root r of r + r²/c = δ, computed without cancellation. */
export function envelopeStep(delta: number, c: number): number {
  if (!(delta > 0)) return 0;
  if (!Number.isFinite(c)) return delta;
  return (2 * delta) / (1 + Math.sqrt(1 + (4 * delta) / c));
}

const SLACK =
  'δ_{k+1} ≤ E_{k+1}(1 + 1e-9) + ε_f(f_{k+1}, f*), ε_f(a, b) = 1e-12(|a| + |b|); checked while δ_{k+1} ≥ 1e-10·max(1, |f*|) and E_{k+1} above that floor, up to the first step not accepted by the search; ' +
  'the f constants are float64 ones, taken as the same number of units of the run’s roundoff in other arithmetic';

export interface EnvelopeOptions {
  readonly id: string;
  readonly title: string;
  /** the class(es) whose certified bound π defines c_k */
  readonly classes: readonly ClassId[];
  /** the closed form and class-specific part of the derivation (appended to the common source) */
  readonly derivation: string;
  readonly statement: string;
}

/** An envelope theorem for the given classes (see the module comment). */
export function envelopeTheorem(o: EnvelopeOptions): Theorem {
  return {
    id: o.id,
    title: o.title,
    source:
      'Semenov, Jaggi & Doikov 2025, Theorem 2 and Corollary 2 (convex rates) [P]; the envelope derived here [R] from the per-step inequality (P) (Lemma 1 test + convexity + the search guarantee [R] + the certified class bound [R], ' +
      'approximations by the harmonic mean [R]): δ_k − δ_{k+1} ≥ δ²_{k+1}/c_k, c_k = 8a_kD²/ℓ_k, ℓ_k = min(G_k + ε, π_H(a_k)/2), G_0 = γ0, G_{k+1} = min(2G_k, π_H(a_k) − 2ε) (search guarantee chained from γ0); ' +
      'δ_{k+1} ≤ φ(δ_k; c_k) with φ(δ; c) = 2δ/(1 + √(1 + 4δ/c)) increasing in δ, so δ_k ≤ E_k, E_0 = δ_0, E_{k+1} = φ(E_k; c_k). ' +
      o.derivation +
      '; docs/theory.md#' +
      o.id,
    statement: o.statement,
    assumptions: [algorithm1Run, ...envelopeAssumptions(o.classes)],
    tight: false,
    gating: true,
    gatingReason:
      'δ_k ≤ E_k by induction from the per-step inequality (P), which follows from Lemma 1\'s test, convexity, the search guarantee and the certified class bound (docs/theory.md#the-per-step-inequality-p-and-the-envelope); the slack is ε_f under the validated guards',
    check: (run) => checkEnvelope(run, o.classes),
    series: (run) => {
      const e = envelopeTrace(run, o.classes);
      return typeof e === 'string' ? null : { observed: e.delta, bound: e.envelope, floor: convexGuards(run).deltaFloor };
    },
  };
}

export interface EnvelopeTrace {
  readonly delta: number[];
  readonly envelope: number[];
  readonly radius: number;
  readonly radiusSource: 'certified' | 'trajectory';
}

/** The envelope E_k along the run (up to the first unaccepted step) from the memberships in `classes` (all when omitted), or a reason it cannot be built. */
export function envelopeTrace(run: ScenarioRun, classes?: readonly ClassId[]): EnvelopeTrace | string {
  const cert = run.instance.certificate;
  const pi = certifiedGammaBound(run, classes);
  if (!pi) return 'no certified bound on γ';
  if (cert.fStar === undefined) return 'f* unknown';
  const fStar = cert.fStar;
  let radius: number;
  let radiusSource: EnvelopeTrace['radiusSource'];
  if (cert.sublevelRadius !== undefined) {
    radius = cert.sublevelRadius;
    radiusSource = 'certified';
  } else if (cert.xStar) {
    radius = 0;
    for (let k = 0; k < gnsRecords(run).length; k++) {
      const x1 = nextIterate(run, k);
      if (!x1 || !accepted(gnsRecords(run)[k])) break;
      radius = Math.max(radius, distanceToMinimizer(run, x1));
    }
    radiusSource = 'trajectory';
  } else return 'no D';
  const { ell } = searchLowerBounds(run, pi);
  const delta: number[] = [gnsRecords(run)[0].f - fStar];
  const envelope: number[] = [delta[0]];
  for (let k = 0; k < gnsRecords(run).length; k++) {
    const r = gnsRecords(run)[k];
    if (!accepted(r) || !Number.isFinite(r.fNext)) break;
    const c = (8 * r.gradNorm * radius * radius) / ell[k];
    envelope.push(envelopeStep(envelope[k], c));
    delta.push(r.fNext - fStar);
  }
  return { delta, envelope, radius, radiusSource };
}

export function checkEnvelope(run: ScenarioRun, classes: readonly ClassId[]): Verdict {
  const trace = envelopeTrace(run, classes);
  if (typeof trace === 'string') return notApplicable(trace);
  const fStar = run.instance.certificate.fStar as number;
  const { deltaFloor } = convexGuards(run);
  const worst = new WorstRatio();
  let lastChecked = 0;
  for (let k = 1; k < trace.delta.length; k++) {
    const d = trace.delta[k];
    const e = trace.envelope[k];
    if (!(d >= deltaFloor) || !(e >= deltaFloor)) {
      worst.skipPastFloor();
      continue;
    }
    lastChecked = k;
    worst.see(d / (e * (1 + 1e-9) + fSlack(d + fStar, fStar, run.unitRoundoff)), `k=${k} δ=${d.toExponential(3)} E=${e.toExponential(3)}`);
  }
  worst.pastFloor += gnsRecords(run).length + 1 - trace.delta.length;
  const floorOpts = { floor: deltaFloor };
  const envOrder = algebraicOrder(trace.envelope.slice(0, lastChecked + 1), floorOpts);
  const envRate = linearRate(trace.envelope.slice(0, lastChecked + 1), floorOpts);
  const obsOrder = algebraicOrder(trace.delta, floorOpts);
  const obsRate = linearRate(trace.delta, floorOpts);
  const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toPrecision(3));
  return worst.verdict(
    SLACK,
    `D = ${trace.radius.toExponential(3)} (${trace.radiusSource === 'certified' ? 'certified sublevel radius' : 'trajectory radius max‖x_k − x*‖, x* certified'}); ` +
      `E_K = ${trace.envelope[lastChecked]?.toExponential(3)} vs δ_K = ${trace.delta[lastChecked]?.toExponential(3)} at K = ${lastChecked}; ` +
      `log–log order: envelope ${fmt(envOrder?.order)}, observed ${fmt(obsOrder?.order)}; Q-linear tail rate: envelope ${fmt(envRate?.tail)}, observed ${fmt(obsRate?.tail)}`,
  );
}
