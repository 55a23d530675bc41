import type { HessianCertificate } from '../hessians/hessian-model.js';
import type { Capability, StepRecord } from '../methods/step-record.js';
import type { Certificate } from '../problems/certificate.js';
import { SolverFault } from '../solver-process/solver-fault.js';
import { boundSeries, caseTrace } from './case-trace.js';
import { theoremsFor, verdictsOf } from './case-verdicts.js';
import { propertyById } from './property-lookup.js';
import type { CaseKind, CaseResult, CaseTrace } from './results.js';
import { traceDigest } from './trace-digest.js';

/** A theorem a case is judged by, as a one-case report names it. */
export interface JudgingTheorem {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly gating: boolean;
}

/** What a CaseResult leaves out of a run and a one-case report draws: the series, the records, the certificates. */
export interface RerunDetail {
  readonly trace: CaseTrace;
  readonly records: readonly StepRecord[];
  /** the capabilities of the method that ran (for a power or defect case: the broken variant) */
  readonly capabilities: readonly Capability[];
  readonly methodTitle: string;
  readonly certificate: Certificate;
  readonly hessianCertificate: HessianCertificate;
  readonly digest: string;
}

/** A case's result with its run computed once more; `run` is null when there is none, and `note` says why, or that the two runs differ. */
export interface CaseRerun {
  readonly result: CaseResult;
  readonly theorems: readonly JudgingTheorem[];
  readonly run: RerunDetail | null;
  readonly note: string | null;
}

/** The theorems a case of this kind is judged by (theoremsFor), as a report names them. */
export function judgingTheorems(property: string, kind: CaseKind): JudgingTheorem[] {
  return theoremsFor(propertyById(property), kind).map((t) => ({ id: t.id, title: t.title, source: t.source, gating: t.gating }));
}

/**
 * Runs the scenario of `result` again on the float64 cpu backend, as `ratecheck replay` ran it
 * (a case is deterministic: equal trace digests show that this is the run the result judged).
 */
export function rerunCase(result: CaseResult): CaseRerun {
  const p = propertyById(result.property);
  const judging = theoremsFor(p, result.kind);
  const theorems = judgingTheorems(result.property, result.kind);
  const none = (note: string): CaseRerun => ({ result, theorems, run: null, note });
  let again;
  try {
    again = verdictsOf(p, result.kind, result.scenario);
  } catch (e) {
    if (e instanceof SolverFault) return none(`the run ended in a protocol fault, so there is no trajectory: ${e.message}`);
    throw e;
  }
  const { outcome, verdicts } = again;
  if (!outcome.ok) return none(`the case was skipped: ${outcome.skipped}`);
  const run = outcome.run;
  const digest = traceDigest(run.records);
  const detail: RerunDetail = {
    trace: caseTrace(run, boundSeries(run, judging, verdicts)),
    records: run.records,
    capabilities: run.method.capabilities,
    methodTitle: run.method.title,
    certificate: run.instance.certificate,
    hessianCertificate: run.model.certificate,
    digest,
  };
  const differs = result.digest !== null && result.digest !== digest;
  return { result, theorems, run: detail, note: differs ? `this run's trace digest ${digest} differs from the judged run's ${result.digest}: the charts and tables show this run (a solver process that is not deterministic?)` : null };
}
