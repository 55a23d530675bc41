import type { Property } from '../../properties/property.js';
import { violationProbabilityBound } from '../rates/rule-of-three.js';
import { summarizeTightness } from './case-tightness.js';
import { judgePower, type PowerJudgement } from './power-judgement.js';
import type { CaseResult, MethodFamilyCell, PropertySummary, TheoremSummary } from './results.js';

/** kinds judged as the real solver's cases (a violation fails the gate) */
const JUDGED = new Set(['case', 'corpus', 'target', 'defect']);

export function isJudged(c: CaseResult): boolean {
  return JUDGED.has(c.kind);
}

const withOk = (j: PowerJudgement) => ({ ...j, ok: j.status !== 'failed' });

/** Per-property counts and the power check's catch rate (judged by power-judgement.ts), from the cases alone. */
export function summarizeProperties(properties: readonly Property[], cases: readonly CaseResult[]): PropertySummary[] {
  return properties.map((p) => {
    const mine = cases.filter((c) => c.property === p.id);
    const judged = mine.filter(isJudged);
    const power = mine.filter((c) => c.kind === 'power');
    // a diagnostic verdict of the gating theorem (e.g. on an estimated constant) cannot judge the power check: not applicable
    const applicable = power.filter((c) => c.verdicts[p.power.theorem.id] && c.verdicts[p.power.theorem.id].status !== 'not-applicable' && c.verdicts[p.power.theorem.id].gating !== false);
    const caught = applicable.filter((c) => c.verdicts[p.power.theorem.id].status === 'violated').length;
    const fraction = applicable.length === 0 ? 0 : caught / applicable.length;
    return {
      id: p.id,
      title: p.title,
      theorems: p.theorems.map((t) => t.id),
      cases: judged.length,
      holds: judged.filter((c) => c.status === 'holds').length,
      violated: judged.filter((c) => c.status === 'violated').length,
      errors: mine.filter((c) => c.status === 'error').length,
      skipped: judged.filter((c) => c.status === 'skipped').length,
      power:
        power.length === 0
          ? null
          : { description: p.power.description, theorem: p.power.theorem.id, caught, applicable: applicable.length, fraction, minCaught: p.power.minCaught, ...withOk(judgePower(caught, applicable.length, p.power.minCaught)) },
    };
  });
}

/** Per-theorem verdict counts over the judged cases, with the worst ratio and its replay string. */
export function summarizeTheorems(properties: readonly Property[], cases: readonly CaseResult[]): TheoremSummary[] {
  const seen = new Map<string, Omit<TheoremSummary, 'byMethodFamily' | 'tightness'> & { holds: number; violated: number; notApplicable: number; pastFloor: number }>();
  for (const p of properties) {
    for (const t of p.theorems) {
      if (seen.has(t.id)) continue;
      seen.set(t.id, {
        id: t.id,
        title: t.title,
        source: t.source,
        statement: t.statement,
        tight: t.tight,
        gating: t.gating,
        gatingReason: t.gatingReason,
        assumptions: t.assumptions.map((a) => a.statement),
        holds: 0,
        violated: 0,
        notApplicable: 0,
        worstRatio: 0,
        worstCase: null,
        worstReplay: null,
        worstWhere: null,
        slack: null,
        pastFloor: 0,
      });
    }
  }
  for (const c of cases) {
    if (!isJudged(c)) continue;
    for (const [id, v] of Object.entries(c.verdicts)) {
      const s = seen.get(id);
      if (!s) continue;
      if (v.status === 'not-applicable') {
        s.notApplicable++;
        continue;
      }
      if (v.status === 'holds') s.holds++;
      else s.violated++;
      s.pastFloor += v.pastFloor;
      const r = comparableRatio(v.worstRatio);
      if (s.worstCase === null || r > s.worstRatio) {
        Object.assign(s, { worstRatio: r, worstCase: c.key, worstReplay: c.replay, worstWhere: v.where, slack: v.slack });
      }
    }
  }
  const byMethodFamily = summarizeByMethodFamily(cases);
  const judged = cases.filter(isJudged);
  return [...seen.values()].map((s) => ({ ...s, byMethodFamily: byMethodFamily.get(s.id) ?? [], tightness: summarizeTightness(s.id, judged) }));
}

/**
 * a verdict's worst ratio as summaries compare it: NaN (a ratio that could not be formed) is the
 * worst, and so is null (a non-finite ratio read back from JSON by merge), so that a merge equals the run
 */
const comparableRatio = (r: number | null): number => (r === null || Number.isNaN(r) ? Infinity : r);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Per theorem id, its verdicts on the judged cases split by method and instance family (the
 * cells of TheoremSummary.byMethodFamily), counted and compared as summarizeTheorems does: the
 * cells of a theorem add up to its counts, and its worst ratio is the largest of its cells'.
 */
export function summarizeByMethodFamily(cases: readonly CaseResult[]): Map<string, MethodFamilyCell[]> {
  const cells = new Map<string, Map<string, Mutable<MethodFamilyCell>>>();
  for (const c of cases) {
    if (!isJudged(c)) continue;
    for (const [id, v] of Object.entries(c.verdicts)) {
      const mine = cells.get(id) ?? new Map<string, Mutable<MethodFamilyCell>>();
      cells.set(id, mine);
      const at = `${c.method}\u0000${c.family}`;
      const cell = mine.get(at) ?? { method: c.method, family: c.family, holds: 0, violated: 0, notApplicable: 0, worstRatio: 0, worstCase: null };
      mine.set(at, cell);
      if (v.status === 'not-applicable') {
        cell.notApplicable++;
        continue;
      }
      if (v.status === 'holds') cell.holds++;
      else cell.violated++;
      const r = comparableRatio(v.worstRatio);
      if (cell.worstCase === null || r > cell.worstRatio) Object.assign(cell, { worstRatio: r, worstCase: c.key });
    }
  }
  return new Map([...cells].map(([id, mine]) => [id, [...mine.values()].sort((a, b) => byCodePoint(a.method, b.method) || byCodePoint(a.family, b.family))]));
}

/** How many judged cases each method ran, most first (ties by name). */
export function judgedCasesByMethod(cases: readonly CaseResult[]): { readonly method: string; readonly cases: number }[] {
  const counts = new Map<string, number>();
  for (const c of cases) if (isJudged(c)) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
  return [...counts].map(([method, n]) => ({ method, cases: n })).sort((a, b) => b.cases - a.cases || byCodePoint(a.method, b.method));
}

/** N = judged cases that ran with no violation, and the 95% bound on the violation probability. */
export function violationBound(cases: readonly CaseResult[]): { instances: number; bound95: number } {
  const clean = cases.filter((c) => isJudged(c) && c.status === 'holds').length;
  return { instances: clean, bound95: violationProbabilityBound(clean) };
}

/**
 * How a run ends, and its exit code: PASS (0) every judged case holds and every power check is
 * compatible with its promise; FAIL (1) a judged case is violated or an error, a power check failed,
 * a baseline regressed or a targeted search failed; INCOMPLETE (3) nothing failed, but cases were not
 * run (time budget, interrupt) or no case was judged — never a pass. (2 is bad usage or input.)
 */
export const EXIT_CODES = { pass: 0, fail: 1, incomplete: 3 } as const;

export type RunVerdict = keyof typeof EXIT_CODES;

/** The verdict a run's exit code stands for (FAIL for any code not written by a run). */
export function verdictOfExitCode(code: number): RunVerdict {
  return code === EXIT_CODES.pass ? 'pass' : code === EXIT_CODES.incomplete ? 'incomplete' : 'fail';
}

export interface RunOutcomeFacts {
  readonly properties: readonly PropertySummary[];
  readonly regressions: number;
  readonly targetErrors: number;
  readonly complete: boolean;
  /** judged cases that ran (held or were violated) */
  readonly judged: number;
  /** experiments of the paper suite that ran (a paper run judges no case: its experiments are its result) */
  readonly experiments: number;
}

export function runVerdictOf(f: RunOutcomeFacts): RunVerdict {
  const bad = f.properties.some((p) => p.violated > 0 || p.errors > 0 || (p.power !== null && !p.power.ok));
  if (bad || f.regressions > 0 || f.targetErrors > 0) return 'fail';
  if (!f.complete || (f.judged === 0 && f.experiments === 0)) return 'incomplete';
  return 'pass';
}

/** Judged cases that held or were violated (not skipped, not errors). */
export function judgedCount(cases: readonly CaseResult[]): number {
  return cases.filter((c) => isJudged(c) && (c.status === 'holds' || c.status === 'violated')).length;
}
