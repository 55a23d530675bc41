import type { StepRecord } from '../methods/step-record.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { certifiedGammaBound } from '../theory/convex-step.js';
import type { Theorem } from '../theory/theorem.js';
import { theoremFitsMethod } from '../theory/method-capabilities.js';
import type { Verdict } from '../theory/verdict.js';
import type { CaseTrace } from './results.js';

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** γ_k of a method that has one (Algorithm 1's accepted γ), else null */
function gammaOf(r: StepRecord): number | null {
  const gamma = (r as Partial<GnsRecord>).gammaAccepted;
  return gamma === undefined || gamma === null ? null : finiteOrNull(gamma);
}

export interface BoundSeries {
  readonly theorem: string;
  readonly observed: readonly number[];
  readonly bound: readonly number[];
  /** the check judges no value below it */
  readonly floor: number;
}

/** The per-iteration bound of each theorem that has one (Theorem.series), fits the method and applied to this run. */
export function boundSeries(run: ScenarioRun, theorems: readonly Theorem[], verdicts: Readonly<Record<string, Verdict>>): BoundSeries[] {
  const out: BoundSeries[] = [];
  for (const t of theorems) {
    if (!t.series || !theoremFitsMethod(t, run.method) || verdicts[t.id]?.status === 'not-applicable') continue;
    const s = t.series(run);
    if (s) out.push({ theorem: t.id, observed: s.observed, bound: s.bound, floor: s.floor });
  }
  return out;
}

/**
 * The series a report plots for one run: f − f*, ‖g_k‖_*, the accepted γ_k against the certified
 * class bound π(‖g_k‖), and for each theorem with a series (boundSeries) the observed values and the bound.
 */
export function caseTrace(run: ScenarioRun, series: readonly BoundSeries[]): CaseTrace {
  const fStar = run.instance.certificate.fStar;
  const pi = certifiedGammaBound(run);
  const envelopes = series.map((s) => ({ theorem: s.theorem, delta: [...s.observed], bound: [...s.bound] }));
  return {
    fGap: run.records.map((r) => (fStar === undefined ? null : finiteOrNull(r.f - fStar))),
    gradNorm: run.records.map((r) => r.gradNorm),
    gamma: run.records.map((r) => gammaOf(r)),
    pi: run.records.map((r) => (pi ? finiteOrNull(pi(r.gradNorm)) : null)),
    envelopes,
  };
}

