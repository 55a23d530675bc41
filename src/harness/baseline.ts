import { existsSync } from 'node:fs';
import { InputError } from '../input-error.js';
import { isGating } from '../theory/index.js';
import { readJsonObject } from './json-file.js';
import type { BaselineRegression, CaseResult, Results } from './results.js';
import { writeJsonAtomic } from './results-io.js';

export const BASELINE_SCHEMA = 'ratecheck-baseline/1';
export const TOLERANCE_SCHEMA = 'ratecheck-tolerance/1';

/** What a baseline remembers of one case (keyed by the case hash: generator + scenario + backend). */
export interface BaselineEntry {
  readonly key: string;
  readonly label: string;
  readonly status: string;
  readonly iterations: number | null;
  readonly iterationsToTolerance: number | null;
  readonly gradCalls: number | null;
  /** per theorem: the worst ratio observed/bound (null: not applicable) */
  readonly ratios: Readonly<Record<string, number | null>>;
}

export interface Baseline {
  readonly schema: typeof BASELINE_SCHEMA;
  readonly suite: string;
  readonly backend: string;
  readonly createdAt: string;
  readonly entries: Readonly<Record<string, BaselineEntry>>;
}

/** Limits of a regression: now > baseline·(1 + relative) + absolute (ratios: now > baseline + absolute). */
export interface Tolerance {
  readonly iterations: { readonly relative: number; readonly absolute: number };
  readonly gradCalls: { readonly relative: number; readonly absolute: number };
  readonly ratio: { readonly absolute: number };
  /** a baseline case absent from a complete run is a regression */
  readonly missingIsRegression: boolean;
}

export const DEFAULT_TOLERANCE: Tolerance = {
  iterations: { relative: 0.1, absolute: 2 },
  gradCalls: { relative: 0.1, absolute: 5 },
  ratio: { absolute: 0.05 },
  missingIsRegression: true,
};

const baselineCases = (r: Pick<Results, 'cases'>): CaseResult[] => r.cases.filter((c) => c.kind === 'case' && c.status !== 'skipped');

function entryOf(c: CaseResult): BaselineEntry {
  const ratios: Record<string, number | null> = {};
  // a diagnostic verdict of a gating theorem (e.g. on an estimated constant) records no ratio: it never gates, not even against a baseline
  for (const [id, v] of Object.entries(c.verdicts)) ratios[id] = v.status === 'not-applicable' || v.gating === false || !Number.isFinite(v.worstRatio) ? null : v.worstRatio;
  return { key: c.key, label: c.label, status: c.status, iterations: c.iterations, iterationsToTolerance: c.iterationsToTolerance, gradCalls: c.oracleCalls?.grad ?? null, ratios };
}

/**
 * Writes the baseline of a run; replacing an existing file needs `update` (an explicit flag). A run
 * with no scenario to record (no cases, or only power checks and skipped cases) is an error: its
 * baseline would compare nothing and gate nothing. `source` names the results in that message.
 */
export function writeBaseline(results: Results, path: string, update: boolean, source = 'the results'): number {
  const recorded = baselineCases(results);
  if (recorded.length === 0) {
    const why = results.cases.length === 0 ? 'it has no cases' : `of its ${results.cases.length} cases none is a random case that ran (power checks, corpus replays, near-misses, defect runs and skipped cases are not recorded)`;
    throw new InputError(`${source} has no scenarios to record: ${why}; a baseline of it would gate nothing`);
  }
  if (existsSync(path) && !update) throw new InputError(`baseline ${path} exists; pass --update to replace it`);
  const entries: Record<string, BaselineEntry> = {};
  for (const c of recorded) entries[c.hash] = entryOf(c);
  writeJsonAtomic(path, { schema: BASELINE_SCHEMA, suite: results.config.suite, backend: results.config.backend, createdAt: results.createdAt, entries });
  return Object.keys(entries).length;
}

export function readBaseline(path: string): Baseline {
  const o = readJsonObject(path, 'baseline');
  if (o.schema !== BASELINE_SCHEMA || typeof o.entries !== 'object' || o.entries === null) throw new InputError(`baseline ${path}: expected {"schema": "${BASELINE_SCHEMA}", "entries": {...}}`);
  return o as unknown as Baseline;
}

/** A tolerance file: any subset of the fields of DEFAULT_TOLERANCE, with "schema": "ratecheck-tolerance/1". */
export function readTolerance(path: string): Tolerance {
  const o = readJsonObject(path, 'tolerance file');
  if (o.schema !== TOLERANCE_SCHEMA) throw new InputError(`tolerance file ${path}: "schema" must be "${TOLERANCE_SCHEMA}"`);
  const num = (v: unknown, field: string, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new InputError(`tolerance file ${path}: ${field} must be a finite number ≥ 0`);
    return v;
  };
  const part = (key: string) => (o[key] ?? {}) as Record<string, unknown>;
  const d = DEFAULT_TOLERANCE;
  if (o.missingIsRegression !== undefined && typeof o.missingIsRegression !== 'boolean') throw new InputError(`tolerance file ${path}: missingIsRegression must be true or false`);
  return {
    iterations: { relative: num(part('iterations').relative, 'iterations.relative', d.iterations.relative), absolute: num(part('iterations').absolute, 'iterations.absolute', d.iterations.absolute) },
    gradCalls: { relative: num(part('gradCalls').relative, 'gradCalls.relative', d.gradCalls.relative), absolute: num(part('gradCalls').absolute, 'gradCalls.absolute', d.gradCalls.absolute) },
    ratio: { absolute: num(part('ratio').absolute, 'ratio.absolute', d.ratio.absolute) },
    missingIsRegression: (o.missingIsRegression as boolean | undefined) ?? d.missingIsRegression,
  };
}

/** Every way the run (its cases, whether it is complete, its shard) is worse than the baseline beyond the tolerance. */
export function compareWithBaseline(results: Pick<Results, 'cases' | 'complete' | 'config'>, baseline: Baseline, tol: Tolerance): BaselineRegression[] {
  const out: BaselineRegression[] = [];
  const now = new Map(baselineCases(results).map((c) => [c.hash, entryOf(c)]));
  const worse = (b: number, n: number, t: { relative: number; absolute: number }) => n > b * (1 + t.relative) + t.absolute;
  for (const [hash, b] of Object.entries(baseline.entries)) {
    const n = now.get(hash);
    if (!n) {
      if (results.complete && tol.missingIsRegression && results.config.shard === null) out.push({ key: b.key, what: `case missing from this run (${b.label})`, baseline: b.status, now: null });
      continue;
    }
    if (b.status === 'holds' && n.status !== 'holds') out.push({ key: n.key, what: `verdict ${b.status} → ${n.status}`, baseline: b.status, now: n.status });
    if (b.iterationsToTolerance !== null && n.iterationsToTolerance === null) out.push({ key: n.key, what: 'no longer reaches the gradient tolerance', baseline: b.iterationsToTolerance, now: null });
    else if (b.iterationsToTolerance !== null && n.iterationsToTolerance !== null && worse(b.iterationsToTolerance, n.iterationsToTolerance, tol.iterations)) {
      out.push({ key: n.key, what: 'iterations to tolerance', baseline: b.iterationsToTolerance, now: n.iterationsToTolerance });
    }
    if (b.gradCalls !== null && n.gradCalls !== null && worse(b.gradCalls, n.gradCalls, tol.gradCalls)) out.push({ key: n.key, what: 'gradient calls', baseline: b.gradCalls, now: n.gradCalls });
    for (const [theorem, br] of Object.entries(b.ratios)) {
      if (!isGating(theorem)) continue; // a diagnostic never gates, not even against a baseline
      const nr = n.ratios[theorem];
      if (br !== null && nr !== null && nr !== undefined && nr > br + tol.ratio.absolute) out.push({ key: n.key, what: `${theorem} bound ratio`, baseline: br, now: nr });
    }
  }
  return out;
}
