import type { AnyBackend } from '../backends/backend.js';
import { formatName } from '../problems/instance.js';
import { methodLabel, type ScenarioRun, scenarioLabel } from '../scenarios/scenario.js';
import { failsGate, type Verdict } from '../theory/verdict.js';
import { SOLVER_PROCESS_ID } from '../solver-process/process-method.js';
import { caseHash } from './case-hash.js';
import type { CaseJob } from './case-job.js';
import { boundSeries, caseTrace } from './case-trace.js';
import { caseTightness } from './case-tightness.js';
import { theoremsFor, verdictsOf, worstOf } from './case-verdicts.js';
import { propertyById } from './property-lookup.js';
import { encodeReplay } from './replay-string.js';
import type { CaseResult, CaseStatus } from './results.js';
import { shrinkViolation } from './shrink.js';
import { traceDigest } from './trace-digest.js';
import { isUserFamily } from './suite-problems.js';

/** iterationsToTolerance counts iterations until ‖∇f‖_* ≤ this fraction of ‖∇f(x0)‖_* */
export const GRADIENT_TOLERANCE = 1e-6;

/** What names a case in the results, whatever its outcome. */
function caseIdentity(job: CaseJob) {
  return {
    key: job.key,
    property: job.property,
    kind: job.kind,
    index: job.index,
    hash: caseHash(job.property, job.kind, job.scenario, job.backend),
    scenario: job.scenario,
    label: scenarioLabel(job.scenario),
    method: methodLabel(job.scenario),
    family: job.scenario.instance.family,
    hessian: job.scenario.hessian + job.scenario.perturbations.map((q) => `+${q.kind}`).join(''),
    dim: job.scenario.instance.dim,
    replay: encodeReplay({ property: job.property, kind: job.kind, scenario: job.scenario }),
  };
}

/**
 * The reason a case on a user problem (a suite's `problems`) or of a solver process judged nothing:
 * every gating theorem is not applicable (e.g. no f* claimed, a capability the solver lacks). The
 * property drew its scenario for its own instances and methods, where its theorems apply; with
 * another instance or method in their place such a case is a skip naming why, never a case that
 * held. Null when some gating theorem was judged, or for the property's own instances and methods.
 */
function nothingJudgedInPlace(job: CaseJob, verdicts: Readonly<Record<string, Verdict>>): string | null {
  const inPlace = isUserFamily(job.scenario.instance.family) || job.scenario.method?.id === SOLVER_PROCESS_ID;
  if (!inPlace || job.kind === 'power') return null;
  const gating = Object.entries(verdicts).filter(([, v]) => v.gating !== false);
  if (gating.some(([, v]) => v.status !== 'not-applicable')) return null;
  const why = [...new Set(gating.map(([, v]) => v.note ?? 'not applicable'))].join('; ');
  return `no gating theorem applies on ${formatName(job.scenario.instance)}: ${why}`;
}

function statusOf(verdicts: Readonly<Record<string, Verdict>>): CaseStatus {
  return Object.values(verdicts).some(failsGate) ? 'violated' : 'holds';
}

/**
 * Runs one case and judges it. A run that meets non-finite values is an error unless a theorem
 * already names a violation (the power variants may diverge on purpose: there a non-finite run
 * that no theorem catches is simply not caught) or the method states why divergence is one of its
 * outcomes (`Method.mayDiverge`: its records up to there are judged, and the case's reason says so). Exceptions propagate: the worker turns them into
 * error results.
 */
export function runCase(job: CaseJob, backend?: AnyBackend, onRun?: (run: ScenarioRun, verdicts: Readonly<Record<string, Verdict>>) => void): CaseResult {
  const started = performance.now();
  const p = propertyById(job.property);
  const base = caseIdentity(job);
  const { outcome, verdicts } = verdictsOf(p, job.kind, job.scenario, backend);
  const skipped = (why: string): CaseResult => ({ ...base, status: 'skipped', reason: why, verdicts: {}, worstRatio: 0, iterations: null, iterationsToTolerance: null, oracleCalls: null, solverStatus: null, digest: null, seconds: (performance.now() - started) / 1000 });
  if (!outcome.ok) return skipped(outcome.skipped);
  const run = outcome.run;
  onRun?.(run, verdicts);
  let status = statusOf(verdicts);
  let reason: string | undefined;
  const diverged = status === 'holds' && run.summary.status === 'non-finite' && job.kind !== 'power';
  const allowed = diverged ? run.method.mayDiverge?.(run.instance) : null;
  if (diverged && !allowed) {
    status = 'error';
    reason = `the run met a non-finite value at iteration ${run.summary.iterations} (${formatName(job.scenario.instance)})`;
  } else {
    const nothingJudged = nothingJudgedInPlace(job, verdicts);
    if (nothingJudged) return skipped(nothingJudged);
    // a method that promises no convergence here: its theorems judged the finite records, and the case says it diverged (skipped where they judged nothing)
    if (diverged && !Object.values(verdicts).some((v) => v.status !== 'not-applicable' && v.checked > 0)) return skipped(`the run diverged at iteration ${run.summary.iterations} before any check judged a step: ${allowed}`);
    if (diverged) reason = `the run diverged at iteration ${run.summary.iterations}, an outcome this method allows: ${allowed}`;
  }
  const a0 = run.records[0]?.gradNorm ?? NaN;
  const reached = run.records.findIndex((r) => r.gradNorm <= GRADIENT_TOLERANCE * a0);
  const counts = run.instance.problem.counts;
  const judgedAsCase = job.kind !== 'power';
  const shrunk = status === 'violated' && judgedAsCase && job.shrink ? shrinkViolation(p, job.kind, job.scenario, verdicts, backend) : undefined;
  const series = judgedAsCase || job.keepTrace ? boundSeries(run, theoremsFor(p, job.kind), verdicts) : [];
  const tightness = judgedAsCase ? Object.fromEntries(series.map((s) => [s.theorem, caseTightness(s)])) : {};
  return {
    ...base,
    status,
    ...(reason ? { reason } : {}),
    verdicts,
    worstRatio: worstOf(verdicts),
    iterations: run.records.length,
    iterationsToTolerance: reached < 0 ? null : reached,
    oracleCalls: { f: counts.f, grad: counts.grad, hess: counts.hess },
    solverStatus: run.summary.status,
    digest: traceDigest(run.records),
    ...(job.keepTrace || status === 'violated' ? { trace: caseTrace(run, series) } : {}),
    ...(Object.keys(tightness).length > 0 ? { tightness } : {}),
    ...(shrunk ? { shrunk } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The result of a case that threw, timed out or crashed its worker: an error, never a pass. */
export function errorCase(job: CaseJob, reason: string, seconds: number): CaseResult {
  return {
    ...caseIdentity(job),
    status: 'error',
    reason,
    verdicts: {},
    worstRatio: 0,
    iterations: null,
    iterationsToTolerance: null,
    oracleCalls: null,
    solverStatus: null,
    digest: null,
    seconds,
  };
}
