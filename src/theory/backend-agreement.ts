/**
 * Differential check of a lower-precision backend against the float64 reference: the run (e.g. tfjs,
 * float32) and its companion (the same scenario on cpu, float64) must get the same verdicts from the
 * checks that take their slack from the backend — A1 linear solve, A2 step bound, A3 Lemma 1 decrease,
 * A6 trial count, A7 Theorem 1 sum, wherever both runs meet the theorem's assumptions (gating) — and,
 * as a diagnostic, their trajectories agree until the lower precision's floor. They part at the first iteration whose
 * search decisions differ, or whose ‖∇f‖_* are apart by more than 1e-3 relative; that is allowed only
 * at the floor: a decision that differs on a trial whose acceptance margin
 * (f_k − f⁺) − a⁺²/(8λ) lies within the f resolution of the lower precision (`noiseLevel`) in either
 * run, or gradient norms apart by no more than 1e-3 + GRADIENT_FLOOR_ULPS·u·a_0/a_k (the relative
 * rounding of a_k at the precision floor of runScenario), or the lower-precision run ending at its
 * floor (a shorter run). A verdict that differs is either a false violation (a float64-only
 * allowance applied to float32) or a real defect of one backend; a parting above the floor is shown
 * (the allowances of the parting rule are chosen, not derived). The parting iteration is in `where`.
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { noiseLevel } from './run-view.js';
import { GRADIENT_FLOOR_ULPS, type ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { lemma1Decrease } from './lemma1-decrease.js';
import { linearSolve } from './linear-solve.js';
import { stepBound } from './step-bound.js';
import { type Assumption, failedAssumption, type Theorem } from './theorem.js';
import { theorem1Sum } from './theorem1-sum.js';
import { trialCount } from './trial-count.js';
import type { Verdict } from './verdict.js';

export const COMPARED_THEOREMS: readonly Theorem[] = [linearSolve, stepBound, lemma1Decrease, trialCount, theorem1Sum];

const againstReference: Assumption = {
  id: 'float64-companion',
  statement: 'a companion run of the same scenario on the float64 cpu reference, and the run itself on another backend',
  holds: (run) => {
    if (!run.companion) return 'no companion run';
    return run.backend !== run.companion.backend ? true : `the run is on the reference backend (${run.backend}) already`;
  },
};

function statusOf(t: Theorem, run: ScenarioRun): Verdict['status'] {
  return failedAssumption(t, run) ? 'not-applicable' : t.check(run).status;
}

/** The trial margin (f_k − f⁺) − a⁺²/(8λ) of the acceptance test lies within the f resolution of arithmetic u. */
function borderline(r: GnsRecord, i: number, unitRoundoff: number): boolean {
  const t = r.trials[i];
  if (!t || t.fNext === undefined || t.gradNormNext === undefined) return false;
  const fTest = r.f - ((t.gradNormNext * t.gradNormNext) / (8 * t.lambda));
  return noiseLevel(fTest, t.fNext, unitRoundoff);
}

interface Parting {
  readonly k: number;
  /** why the trajectories part there, and whether the lower precision's floor explains it */
  readonly how: string;
  readonly atFloor: boolean;
}

/**
 * The first iteration where the lower-precision run `low` parts from the float64 run `high` (see the
 * module comment), or null when they agree over their whole length.
 */
export function partingIteration(low: ScenarioRun, high: ScenarioRun): Parting | null {
  const u = low.unitRoundoff;
  const n = Math.min(gnsRecords(low).length, gnsRecords(high).length);
  const a0 = gnsRecords(low)[0]?.gradNorm ?? NaN;
  for (let k = 0; k < n; k++) {
    const rl = gnsRecords(low)[k];
    const rh = gnsRecords(high)[k];
    const i = rl.trials.findIndex((t, j) => t.outcome !== rh.trials[j]?.outcome);
    if (i >= 0 || rl.trials.length !== rh.trials.length) {
      const j = i >= 0 ? i : Math.min(rl.trials.length, rh.trials.length);
      const atFloor = borderline(rl, j, u) || borderline(rh, j, u);
      return { k, how: `search decisions differ at trial ${j} (${rl.trials[j]?.outcome ?? 'none'} in u = ${u.toExponential(2)}, ${rh.trials[j]?.outcome ?? 'none'} in float64)${atFloor ? ', within the f resolution' : ''}`, atFloor };
    }
    const gap = Math.abs(rl.gradNorm - rh.gradNorm) / Math.max(rl.gradNorm, rh.gradNorm);
    if (gap > 1e-3) {
      const allowed = 1e-3 + (GRADIENT_FLOOR_ULPS * u * a0) / rl.gradNorm;
      return { k, how: `‖∇f‖_* apart by ${gap.toExponential(2)} relative (rounding allows ${allowed.toExponential(2)} at a_k/a_0 = ${(rl.gradNorm / a0).toExponential(2)})`, atFloor: gap <= allowed };
    }
  }
  if (gnsRecords(low).length === gnsRecords(high).length) return null;
  const atFloor = gnsRecords(low).length < gnsRecords(high).length && low.summary.status === 'success';
  return { k: n, how: `the run in u = ${u.toExponential(2)} ${gnsRecords(low).length < gnsRecords(high).length ? 'stops' : 'goes on'} after ${gnsRecords(low).length} iterations, the float64 run after ${gnsRecords(high).length}`, atFloor };
}

export function checkBackendAgreement(run: ScenarioRun): Verdict {
  const reference = run.companion as ScenarioRun;
  const disagreements: string[] = [];
  for (const t of COMPARED_THEOREMS) {
    const low = statusOf(t, run);
    const high = statusOf(t, reference);
    // an assumption decided differently (e.g. H_k ⪰ 0 at slightly different iterates) is no disagreement of verdicts
    if (low !== 'not-applicable' && high !== 'not-applicable' && low !== high) disagreements.push(`${t.id}: ${low} in u = ${run.unitRoundoff.toExponential(2)}, ${high} in float64`);
  }
  return {
    status: disagreements.length === 0 ? 'holds' : 'violated',
    worstRatio: disagreements.length,
    where: disagreements.length === 0 ? `verdicts agree on ${COMPARED_THEOREMS.length} theorems` : disagreements.join('; '),
    slack: 'none on verdicts: the number of theorems whose verdicts differ, each check with its own backend-derived slack',
    checked: COMPARED_THEOREMS.length,
    pastFloor: 0,
  };
}

export function checkBackendTrajectories(run: ScenarioRun): Verdict {
  const parting = partingIteration(run, run.companion as ScenarioRun);
  const above = parting !== null && !parting.atFloor;
  return {
    status: above ? 'violated' : 'holds',
    worstRatio: above ? 1 + 1 / (parting.k + 1) : 0,
    where: parting === null ? `trajectories agree over all ${gnsRecords(run).length} iterations` : `trajectories part ${parting.atFloor ? 'at the floor' : 'above the floor'} at k=${parting.k}: ${parting.how}`,
    slack: 'partings allowed at the floor: a decision on a trial whose acceptance margin is within the f resolution (noiseLevel in the lower precision), ‖∇f‖_* apart by ≤ 1e-3 + 1e3·u·a_0/a_k, or the lower-precision run stopping at its precision floor',
    checked: Math.min(gnsRecords(run).length, gnsRecords(run.companion as ScenarioRun).length),
    pastFloor: 0,
  };
}

export const backendAgreement: Theorem = {
  id: 'backend-agreement',
  title: 'A lower-precision backend gets the same verdicts as the float64 reference (A1, A2, A3, A6, A7)',
  source: 'derived here (each compared check takes its slack from its own backend); the compared checks are linear-solve, step-bound, lemma1-decrease, trial-count and theorem1-sum (A1–A3, A6, A7); docs/theory.md#backend-agreement',
  statement: '\\operatorname{verdict}_{\\rm float32}(A_i)=\\operatorname{verdict}_{\\rm float64}(A_i),\\ i\\in\\{1,2,3,6,7\\}',
  assumptions: [algorithm1Run, againstReference],
  tight: false,
  gating: true,
  gatingReason:
    'each compared verdict is itself sound (its slack taken from its own backend), so two backends disagreeing means one of them violates a theorem',
  check: checkBackendAgreement,
};

export const backendTrajectories: Theorem = {
  id: 'backend-trajectories',
  title: 'The float32 trajectory follows the float64 one until the float32 floor (diagnostic)',
  source: 'derived here: the parting rule of partingIteration; docs/theory.md#backend-trajectories',
  statement: 'x_k^{\\rm float32}\\approx x_k^{\\rm float64}\\text{ until the float32 floor}',
  assumptions: [algorithm1Run, againstReference],
  tight: false,
  gating: false,
  gatingReason:
    'no theorem bounds how far two roundings of the same run drift apart: the 1e-3 relative allowance on ‖∇f‖_* and the f-resolution rule for differing decisions are chosen, not derived. It shows a backend defect the verdicts cannot see (e.g. a biased device gradient), never gating',
  check: checkBackendTrajectories,
};
