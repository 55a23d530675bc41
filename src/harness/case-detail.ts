import type { HessianCertificate } from '../hessians/hessian-model.js';
import type { Capability, StepRecord } from '../methods/step-record.js';
import type { Certificate } from '../problems/certificate.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { Verdict } from '../theory/verdict.js';
import { boundSeries, caseTrace } from './case-trace.js';
import { theoremsFor } from './case-verdicts.js';
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
export interface RunDetail {
  readonly trace: CaseTrace;
  readonly records: readonly StepRecord[];
  /** the capabilities of the method that ran (for a power or defect case: the broken variant) */
  readonly capabilities: readonly Capability[];
  readonly methodTitle: string;
  readonly certificate: Certificate;
  readonly hessianCertificate: HessianCertificate;
  readonly digest: string;
}

/** A case's result with the run it judged; `run` is null when there is none, and `note` says why. */
export interface CaseDetail {
  readonly result: CaseResult;
  readonly theorems: readonly JudgingTheorem[];
  readonly run: RunDetail | null;
  readonly note: string | null;
}

/** The theorems a case of this kind is judged by (theoremsFor), as a report names them. */
export function judgingTheorems(property: string, kind: CaseKind): JudgingTheorem[] {
  return theoremsFor(propertyById(property), kind).map((t) => ({ id: t.id, title: t.title, source: t.source, gating: t.gating }));
}

/** The run runCase judged (its onRun hook), or null where it kept none (a skipped case). */
export interface JudgedRun {
  readonly run: ScenarioRun;
  readonly verdicts: Readonly<Record<string, Verdict>>;
}

/** `result` with the detail of the run it judged, for a one-case report. */
export function caseDetail(result: CaseResult, judged: JudgedRun | null): CaseDetail {
  const theorems = judgingTheorems(result.property, result.kind);
  if (!judged) return { result, theorems, run: null, note: result.status === 'skipped' ? `the case was skipped: ${result.reason ?? ''}` : 'the case kept no run to draw' };
  const { run, verdicts } = judged;
  const detail: RunDetail = {
    trace: caseTrace(run, boundSeries(run, theoremsFor(propertyById(result.property), result.kind), verdicts)),
    records: run.records,
    capabilities: run.method.capabilities,
    methodTitle: run.method.title,
    certificate: run.instance.certificate,
    hessianCertificate: run.model.certificate,
    digest: traceDigest(run.records),
  };
  return { result, theorems, run: detail, note: null };
}
