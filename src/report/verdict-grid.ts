import type { Results } from '../harness/results.js';
import { isJudged } from '../harness/summarize.js';

export interface VerdictCounts {
  holds: number;
  violated: number;
  notApplicable: number;
}

/** Verdict counts of the judged cases per theorem and instance family (the summary table's cells). */
export interface VerdictGrid {
  readonly families: readonly string[];
  /** theorem id → family → counts; a missing family means no case of it checked the theorem */
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, VerdictCounts>>;
}

export function verdictGrid(results: Results): VerdictGrid {
  const families = new Set<string>();
  const cells = new Map<string, Map<string, VerdictCounts>>();
  for (const c of results.cases) {
    if (!isJudged(c)) continue;
    for (const [theorem, v] of Object.entries(c.verdicts)) {
      families.add(c.family);
      const byFamily = cells.get(theorem) ?? new Map<string, VerdictCounts>();
      cells.set(theorem, byFamily);
      const counts = byFamily.get(c.family) ?? { holds: 0, violated: 0, notApplicable: 0 };
      byFamily.set(c.family, counts);
      if (v.status === 'holds') counts.holds++;
      else if (v.status === 'violated') counts.violated++;
      else counts.notApplicable++;
    }
  }
  return { families: [...families].sort(), cells };
}
