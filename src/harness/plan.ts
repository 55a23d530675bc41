import fc from 'fast-check';
import { type CaseJob, caseKey } from './case-job.js';
import type { CaseResult, CaseKind } from './results.js';
import type { PlannedEntry } from './suite-source.js';
import type { ProblemSource } from './suite-problems.js';
import { userInstanceNames } from '../problems/user-problem.js';
import type { Scenario } from '../scenarios/scenario.js';

/** cases per property (by index) whose per-iteration series are kept for the report and the rate fits */
export const TRACED_CASES = 30;

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The scenarios of an entry: the property's own, or, for an entry with user problems, the property's
 * scenarios with the instance drawn from those problems (as checkMethod's `instances` option does).
 */
function entryScenarios(e: PlannedEntry): fc.Arbitrary<Scenario> {
  if (!e.problems || e.problems.length === 0) return e.property.scenarios;
  return fc.record({ base: e.property.scenarios, instance: userInstanceNames(...e.problems) }).map(({ base, instance }): Scenario => ({ ...base, instance }));
}

/** An entry's scenarios as drawn: those its cases judge (before a subject is put in place) and its power checks'. */
export interface EntryDraws {
  readonly judged: readonly Scenario[];
  readonly power: readonly Scenario[];
}

/** An entry's scenarios, drawn from the property's arbitrary with the entry's seed (the power checks' with seed + 1). */
export function drawEntry(e: PlannedEntry): EntryDraws {
  return {
    judged: fc.sample(entryScenarios(e), { seed: e.seed, numRuns: e.cases }),
    power: e.powerCases > 0 ? fc.sample(e.property.scenarios, { seed: e.seed + 1, numRuns: e.powerCases }) : [],
  };
}

/** the jobs an entry plans before the shard: its cases, then its power cases */
const entryCount = (e: PlannedEntry): number => e.cases + e.powerCases;

/** Whether the job at `position` among the suite's planned jobs is in the shard. */
const inShard = (shard: Shard | null, position: number): boolean => !shard || position % shard.count === shard.index - 1;

/** The position of each entry's first job among the suite's planned jobs. */
export function entryPositions(entries: readonly PlannedEntry[]): number[] {
  const first: number[] = [];
  let position = 0;
  for (const e of entries) {
    first.push(position);
    position += entryCount(e);
  }
  return first;
}

/** The keys of the cases planCases plans, in its order, without drawing them. */
export function plannedKeys(entries: readonly PlannedEntry[], shard: Shard | null): string[] {
  const keys: string[] = [];
  const firsts = entryPositions(entries);
  entries.forEach((e, i) => {
    const first = firsts[i];
    const kind: CaseKind = e.subject === 'defective' ? 'defect' : 'case';
    for (let index = 0; index < e.cases; index++) if (inShard(shard, first + index)) keys.push(caseKey(e.property.id, kind, index));
    for (let index = 0; index < e.powerCases; index++) if (inShard(shard, first + e.cases + index)) keys.push(caseKey(e.property.id, 'power', index));
  });
  return keys;
}

/**
 * An entry's jobs from its draws (the real solver, or the broken variant for a `defective` entry; a
 * solver process in place of the method the scenario names when a solver is checked; the instance
 * drawn from the entry's user problems, registered in this thread, when it has some — `problems`
 * maps their family ids to the sources a worker registers them from), then its power-check jobs
 * (ratecheck's own broken variants on the property's own instances: the promised catch rate was
 * calibrated on them). `first` is the position of the entry's first job among the suite's planned
 * jobs: a shard i/n keeps the jobs at positions ≡ i − 1 (mod n), so the shards of a suite partition it.
 */
export function entryJobs(
  e: PlannedEntry,
  draws: EntryDraws,
  first: number,
  backend: string,
  shard: Shard | null,
  /** the subject in place of the method each judged scenario names (a solver process, another method), or null */
  inPlace: ((s: Scenario) => Scenario) | null = null,
  problems: ReadonlyMap<string, ProblemSource> = new Map(),
): CaseJob[] {
  const jobs: CaseJob[] = [];
  const kind: CaseKind = e.subject === 'defective' ? 'defect' : 'case';
  draws.judged.forEach((drawn, index) => {
    if (!inShard(shard, first + index)) return;
    const scenario = inPlace && kind === 'case' ? inPlace(drawn) : drawn;
    const source = problems.get(scenario.instance.family);
    jobs.push({ key: caseKey(e.property.id, kind, index), property: e.property.id, kind, index, scenario, backend, keepTrace: index < TRACED_CASES, shrink: true, ...(source ? { problems: [source] } : {}) });
  });
  draws.power.forEach((scenario, index) => {
    if (!inShard(shard, first + e.cases + index)) return;
    jobs.push({ key: caseKey(e.property.id, 'power', index), property: e.property.id, kind: 'power', index, scenario, backend, keepTrace: false, shrink: false });
  });
  return jobs;
}

/**
 * The cases of a suite, in their canonical order: per entry, its scenarios drawn from the
 * property's arbitrary with the entry's seed, then its power-check scenarios drawn with seed + 1
 * (drawEntry, entryJobs). A run draws its entries on its workers (run-suite.ts): the same jobs.
 */
export function planCases(
  entries: readonly PlannedEntry[],
  backend: string,
  shard: Shard | null,
  inPlace: ((s: Scenario) => Scenario) | null = null,
  problems: ReadonlyMap<string, ProblemSource> = new Map(),
): CaseJob[] {
  const first = entryPositions(entries);
  return entries.flatMap((e, i) => entryJobs(e, drawEntry(e), first[i], backend, shard, inPlace, problems));
}

const KIND_RANK: Readonly<Record<CaseKind, number>> = { corpus: 0, case: 1, defect: 1, power: 2, target: 3 };

/** The canonical order of results (independent of workers and shards): corpus replays, cases, power cases, targeted near-misses; each by property, then index. */
export function compareCases(propertyOrder: readonly string[]): (a: CaseResult, b: CaseResult) => number {
  const rank = new Map(propertyOrder.map((id, i) => [id, i]));
  return (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (rank.get(a.property) ?? 0) - (rank.get(b.property) ?? 0) || a.index - b.index;
}
