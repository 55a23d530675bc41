import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { drawEntry, entryJobs, entryPositions, planCases, plannedKeys } from '../../src/harness/plan.js';
import type { PlannedEntry } from '../../src/harness/suite-source.js';

// three cheap properties' entries, one defective and one without power cases
const [a, b, c] = ALL_PROPERTIES.filter((p) => !p.id.startsWith('pgd') && !p.id.startsWith('saddle')).slice(0, 3);
const entries: PlannedEntry[] = [
  { property: a, cases: 3, powerCases: 2, seed: 11, subject: 'solver' },
  { property: b, cases: 2, powerCases: 0, seed: 12, subject: 'defective' },
  { property: c, cases: 4, powerCases: 3, seed: 13, subject: 'solver' },
];

describe('planning an entry at a time (the draws a worker makes)', () => {
  it('each entry\'s jobs from its own draws, at its positions, are planCases\' jobs, and plannedKeys names them without drawing, for the whole suite and each shard', () => {
    const first = entryPositions(entries);
    expect(first).toEqual([0, 5, 7]);
    for (const shard of [null, { index: 1, count: 3 }, { index: 2, count: 3 }, { index: 3, count: 3 }]) {
      // a shard i/n: the suite's jobs at positions ≡ i − 1 (mod n)
      const whole = planCases(entries, 'cpu', null).filter((_, position) => !shard || position % shard.count === shard.index - 1);
      expect(JSON.stringify(planCases(entries, 'cpu', shard))).toBe(JSON.stringify(whole));
      const byEntry = entries.flatMap((e, i) => entryJobs(e, drawEntry(e), first[i], 'cpu', shard));
      expect(JSON.stringify(byEntry)).toBe(JSON.stringify(whole));
      expect(plannedKeys(entries, shard)).toEqual(whole.map((j) => j.key));
    }
    expect(plannedKeys(entries, null)).toContain(`${b.id}/defect/1`);
    expect(plannedKeys(entries, null)).toHaveLength(14);
  });
});
