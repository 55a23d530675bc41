/**
 * Differential check of a lower-precision backend against the float64 reference: the run (e.g. tfjs,
 * float32) and its companion (the same scenario on cpu, float64) must get the same verdicts from the
 * checks that take their slack from the backend — A1 linear solve, A2 step bound, A3 Lemma 1 decrease,
 * A6 trial count, A7 Theorem 1 sum, wherever both runs meet the theorem's assumptions. A verdict that
 * differs is a disagreement: either a false
 * violation (a float64-only allowance applied to float32) or a real defect of one backend. The
 * iteration where the trajectories part (the first search decision that differs, or ‖∇f‖_* apart by
 * more than 1e-3 relative) is reported in `where`; the comparison of verdicts is over whole runs.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
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

/** The first iteration whose search decisions differ, or whose gradient norms are apart by more than 1e-3 relative. */
function partingIteration(a: ScenarioRun, b: ScenarioRun): number | null {
  const n = Math.min(a.records.length, b.records.length);
  for (let k = 0; k < n; k++) {
    const ra = a.records[k];
    const rb = b.records[k];
    const decisions = (r: typeof ra) => r.trials.map((t) => t.outcome).join(',');
    if (decisions(ra) !== decisions(rb) || Math.abs(ra.gradNorm - rb.gradNorm) > 1e-3 * Math.max(ra.gradNorm, rb.gradNorm)) return k;
  }
  return a.records.length === b.records.length ? null : n;
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
  const parting = partingIteration(run, reference);
  const trajectories = parting === null ? `trajectories agree over all ${run.records.length} iterations` : `trajectories part at k=${parting}`;
  return {
    status: disagreements.length === 0 ? 'holds' : 'violated',
    worstRatio: disagreements.length,
    where: disagreements.length === 0 ? `verdicts agree on ${COMPARED_THEOREMS.length} theorems; ${trajectories}` : `${disagreements.join('; ')}; ${trajectories}`,
    slack: 'none: the number of theorems whose verdicts differ between the run and its float64 companion (each check uses its own backend-derived slack)',
    checked: COMPARED_THEOREMS.length,
    pastFloor: 0,
  };
}

export const backendAgreement: Theorem = {
  id: 'backend-agreement',
  title: 'A lower-precision backend gets the same verdicts as the float64 reference (A1, A2, A3, A6, A7)',
  source: 'derived here: design.md §3 (slack from the backend); the compared checks are A1–A3, A6, A7 of spec gns.md §8.2',
  statement: '\\operatorname{verdict}_{\\rm float32}(A_i)=\\operatorname{verdict}_{\\rm float64}(A_i),\\quad i\\in\\{1,2,3,6,7\\}',
  assumptions: [againstReference],
  tight: false,
  check: checkBackendAgreement,
};
