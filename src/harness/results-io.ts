import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../input-error.js';
import { methodLabel } from '../scenarios/scenario.js';
import { readJsonObject } from './json-file.js';
import { RESULTS_SCHEMA, type CaseResult, type Results } from './results.js';
import { summarizeTightness } from './case-tightness.js';
import { isJudged, summarizeByMethodFamily } from './summarize.js';

/**
 * JSON writes non-finite numbers (a ratio of ∞, an n/a ratio NaN) as null: the schema says so, and
 * JSON.stringify does so itself (ECMA-262 SerializeJSONProperty: a Number that is not finite is "null").
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent);
}

/** Write via a temporary file and a rename, so that a reader (or an interrupted run) never sees half a file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${toJson(value, 1)}\n`);
  renameSync(tmp, path);
}

/** One case per line, appended as soon as it finishes. */
export function appendCase(path: string, c: CaseResult): void {
  appendFileSync(path, `${toJson(c)}\n`);
}

/** The cases of a JSONL stream; a last line cut off by an interruption is ignored. */
export function readCases(path: string): CaseResult[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: CaseResult[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(withMethod(JSON.parse(line) as CaseResult));
    } catch (e) {
      if (i < lines.length - 2) throw new InputError(`${path}: line ${i + 1} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
  });
  return out;
}

export function readResults(path: string): Results {
  const o = readJsonObject(path, 'results file') as Partial<Results>;
  if (o.schema !== RESULTS_SCHEMA) throw new InputError(`results file ${path}: "schema" must be "${RESULTS_SCHEMA}"`);
  if (!Array.isArray(o.cases) || typeof o.config !== 'object' || o.config === null) throw new InputError(`results file ${path}: missing "config" or "cases"`);
  return withMethodBreakdown(withTightness({ ...o, cases: o.cases.map(withMethod) } as Results));
}

/**
 * Results written before cases carried their method: a case is filed under its scenario's method
 * (methodLabel), and a theorem's breakdown by method × family is computed from the cases, as a run
 * computes it. A case without a scenario is left as it is, for the reader that needs it to reject.
 */
function withMethod(c: CaseResult): CaseResult {
  if (typeof c.method === 'string' || typeof c.scenario !== 'object' || c.scenario === null) return c;
  return { ...c, method: methodLabel(c.scenario) };
}

/** results written before theorems carried their tightness: computed from the cases, as a run computes it (null where the cases carry none) */
function withTightness(r: Results): Results {
  if (!Array.isArray(r.theorems) || r.theorems.every((t) => t.tightness !== undefined)) return r;
  const judged = r.cases.filter(isJudged);
  return { ...r, theorems: r.theorems.map((t) => (t.tightness !== undefined ? t : { ...t, tightness: summarizeTightness(t.id, judged) })) };
}

function withMethodBreakdown(r: Results): Results {
  if (!Array.isArray(r.theorems) || r.theorems.every((t) => Array.isArray(t.byMethodFamily))) return r;
  const breakdown = summarizeByMethodFamily(r.cases);
  // the fields in the order a run writes them: byMethodFamily, then tightness
  return { ...r, theorems: r.theorems.map(({ tightness, ...t }) => (Array.isArray(t.byMethodFamily) ? { ...t, tightness } : { ...t, byMethodFamily: breakdown.get(t.id) ?? [], tightness })) };
}
