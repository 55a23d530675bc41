import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../input-error.js';
import { packageRoot } from '../package-root.js';
import type { Scenario } from '../scenarios/scenario.js';
import { caseHash, GENERATOR_VERSION } from './case-hash.js';
import { readJsonObject } from './json-file.js';
import { type CaseJob, caseKey } from './case-job.js';
import type { CaseResult } from './results.js';
import { writeJsonAtomic } from './results-io.js';
import { isJudged } from './summarize.js';

export const CORPUS_SCHEMA = 'ratecheck-corpus/1';

/** A past counterexample or near-miss, replayed first on every run that includes its property. */
export interface CorpusEntry {
  /** caseHash(property, 'case', scenario, backend) */
  readonly hash: string;
  readonly generator: number;
  readonly property: string;
  readonly scenario: Scenario;
  readonly backend: string;
  readonly theorem: string;
  readonly ratio: number;
  readonly found: 'violation' | 'near-miss';
  readonly date: string;
  readonly note?: string;
}

export interface Corpus {
  readonly schema: typeof CORPUS_SCHEMA;
  readonly entries: readonly CorpusEntry[];
}

/** cases whose worst ratio reaches this are kept as near-misses (with the targeted search's best) */
export const NEAR_MISS_RATIO = 0.99;

export function defaultCorpusPath(): string {
  return join(packageRoot() ?? process.cwd(), 'suites', 'corpus.json');
}

export function readCorpus(path: string, mustExist: boolean): Corpus {
  if (!existsSync(path)) {
    if (mustExist) throw new InputError(`corpus file ${path} does not exist`);
    return { schema: CORPUS_SCHEMA, entries: [] };
  }
  const o = readJsonObject(path, 'corpus file') as Partial<Corpus>;
  if (o.schema !== CORPUS_SCHEMA || !Array.isArray(o.entries)) throw new InputError(`corpus file ${path}: expected {"schema": "${CORPUS_SCHEMA}", "entries": [...]}`);
  return o as Corpus;
}

/** Jobs replaying the corpus entries of these properties made by the current generators on this backend. */
export function corpusJobs(corpus: Corpus, properties: ReadonlySet<string>, backend: string): CaseJob[] {
  return corpus.entries
    .filter((e) => e.generator === GENERATOR_VERSION && e.backend === backend && properties.has(e.property))
    .map((e, index) => ({ key: caseKey(e.property, 'corpus', index), property: e.property, kind: 'corpus', index, scenario: e.scenario, backend, keepTrace: true, shrink: true }));
}

/** This run's violations, and its near-misses (worst ratio ≥ NEAR_MISS_RATIO or found by the targeted search). */
export function corpusCandidates(cases: readonly CaseResult[], backend: string, date: string): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const c of cases) {
    if (!isJudged(c) || c.kind === 'defect' || c.kind === 'corpus') continue;
    const worst = Object.entries(c.verdicts).filter(([, v]) => v.status !== 'not-applicable').sort(([, a], [, b]) => b.worstRatio - a.worstRatio)[0];
    if (!worst) continue;
    const violation = c.status === 'violated';
    if (!violation && c.kind !== 'target' && !(c.worstRatio >= NEAR_MISS_RATIO)) continue;
    out.push({
      hash: caseHash(c.property, 'case', c.scenario, backend),
      generator: GENERATOR_VERSION,
      property: c.property,
      scenario: c.scenario,
      backend,
      theorem: worst[0],
      ratio: worst[1].worstRatio,
      found: violation ? 'violation' : 'near-miss',
      date,
    });
  }
  return out;
}

/** Adds the entries not yet in the corpus (by hash) and writes it back; returns how many were new. */
export function addToCorpus(path: string, corpus: Corpus, additions: readonly CorpusEntry[]): number {
  const known = new Set(corpus.entries.map((e) => e.hash));
  const fresh = additions.filter((e) => !known.has(e.hash) && (known.add(e.hash), true));
  if (fresh.length > 0) writeJsonAtomic(path, { schema: CORPUS_SCHEMA, entries: [...corpus.entries, ...fresh] });
  return fresh.length;
}
