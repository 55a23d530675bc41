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

/**
 * The cases of a suite, in their canonical order: per entry, its scenarios drawn from the
 * property's arbitrary with the entry's seed (the real solver, or the broken variant for a
 * `defective` entry; a solver process in place of the method the scenario names when a solver is
 * checked; the instance drawn from the entry's user problems, registered in this thread, when it
 * has some — `problems` maps their family ids to the sources a worker registers them from), then
 * its power-check scenarios drawn with seed + 1 (ratecheck's own broken variants on the property's
 * own instances: the promised catch rate was calibrated on them). A shard i/n keeps the cases at
 * positions ≡ i − 1 (mod n), so the shards of a suite partition it.
 */
export function planCases(
  entries: readonly PlannedEntry[],
  backend: string,
  shard: Shard | null,
  /** the subject in place of the method each judged scenario names (a solver process, another method), or null */
  inPlace: ((s: Scenario) => Scenario) | null = null,
  problems: ReadonlyMap<string, ProblemSource> = new Map(),
): CaseJob[] {
  const jobs: CaseJob[] = [];
  for (const e of entries) {
    const kind: CaseKind = e.subject === 'defective' ? 'defect' : 'case';
    fc.sample(entryScenarios(e), { seed: e.seed, numRuns: e.cases }).forEach((drawn, index) => {
      const scenario = inPlace && kind === 'case' ? inPlace(drawn) : drawn;
      const source = problems.get(scenario.instance.family);
      jobs.push({ key: caseKey(e.property.id, kind, index), property: e.property.id, kind, index, scenario, backend, keepTrace: index < TRACED_CASES, shrink: true, ...(source ? { problems: [source] } : {}) });
    });
    if (e.powerCases > 0) {
      fc.sample(e.property.scenarios, { seed: e.seed + 1, numRuns: e.powerCases }).forEach((scenario, index) => {
        jobs.push({ key: caseKey(e.property.id, 'power', index), property: e.property.id, kind: 'power', index, scenario, backend, keepTrace: false, shrink: false });
      });
    }
  }
  return shard ? jobs.filter((_, position) => position % shard.count === shard.index - 1) : jobs;
}

const KIND_RANK: Readonly<Record<CaseKind, number>> = { corpus: 0, case: 1, defect: 1, power: 2, target: 3 };

/** The canonical order of results (independent of workers and shards): corpus replays, cases, power cases, targeted near-misses; each by property, then index. */
export function compareCases(propertyOrder: readonly string[]): (a: CaseResult, b: CaseResult) => number {
  const rank = new Map(propertyOrder.map((id, i) => [id, i]));
  return (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (rank.get(a.property) ?? 0) - (rank.get(b.property) ?? 0) || a.index - b.index;
}
