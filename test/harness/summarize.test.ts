import { describe, expect, it } from 'vitest';
import { descentProperty } from '../../properties/descent.js';
import { toJson } from '../../src/harness/results-io.js';
import type { CaseKind, CaseResult, MethodFamilyCell } from '../../src/harness/results.js';
import { judgedCasesByMethod, summarizeByMethodFamily, summarizeTheorems } from '../../src/harness/summarize.js';
import type { Verdict } from '../../src/theory/verdict.js';

const holds = (worstRatio: number): Verdict => ({ status: 'holds', worstRatio, where: 'k=1', slack: 'none', checked: 3, pastFloor: 0 });
const violated = (worstRatio: number): Verdict => ({ status: 'violated', worstRatio, where: 'k=2', slack: 'none', checked: 3, pastFloor: 0 });
const notApplicable: Verdict = { status: 'not-applicable', worstRatio: NaN, where: null, slack: '', checked: 0, pastFloor: 0 };

/** A case of the descent property: only what the summaries read is specific, the rest is filler. */
function descentCase(kind: CaseKind, index: number, method: 'gns-reference' | 'gradient', family: string, verdicts: Record<string, Verdict>): CaseResult {
  return {
    key: `descent/${kind}/${index}`,
    property: 'descent',
    kind,
    index,
    hash: `h${kind}${index}`,
    scenario: { instance: { family, params: {}, dim: 2, seed: index }, ...(method === 'gradient' ? { method: { id: 'gradient' } } : {}), hessian: 'exact', perturbations: [], mode: 'reference', gamma0: 1, maxIters: 5, gradTolRelative: 1e-9 },
    label: `${family} ${method}`,
    method,
    family,
    hessian: 'exact',
    dim: 2,
    status: Object.values(verdicts).some((v) => v.status === 'violated') ? 'violated' : Object.keys(verdicts).length === 0 ? 'skipped' : 'holds',
    verdicts,
    worstRatio: 0,
    iterations: 5,
    iterationsToTolerance: null,
    oracleCalls: null,
    solverStatus: 'max-iters',
    digest: null,
    replay: `rc1:descent:${kind}:${index}`,
    seconds: 0,
  };
}

/** two methods × two families; a corpus case (judged), a skipped case and a power case (not judged), a non-finite ratio */
const CASES: readonly CaseResult[] = [
  descentCase('case', 0, 'gns-reference', 'logsumexp', { descent: holds(0.5), 'optimum-bound': holds(0.1) }),
  descentCase('case', 1, 'gns-reference', 'quadratic', { descent: violated(2), 'optimum-bound': holds(0.2) }),
  descentCase('case', 2, 'gradient', 'logsumexp', { descent: holds(0.7), 'optimum-bound': notApplicable }),
  descentCase('case', 3, 'gradient', 'logsumexp', { descent: holds(NaN), 'optimum-bound': holds(0.3) }),
  descentCase('case', 4, 'gradient', 'quadratic', { descent: notApplicable, 'optimum-bound': holds(0.05) }),
  descentCase('case', 5, 'gns-reference', 'quadratic', {}),
  descentCase('power', 0, 'gradient', 'quadratic', { descent: violated(9), 'optimum-bound': holds(0.4) }),
  descentCase('corpus', 0, 'gns-reference', 'logsumexp', { descent: holds(0.9) }),
];

const cell = (method: string, family: string, holds: number, violated: number, notApplicable: number, worstRatio: number, worstCase: string | null): MethodFamilyCell => ({ method, family, holds, violated, notApplicable, worstRatio, worstCase });

describe('summaries by method × instance family', () => {
  it('counts each theorem per method and family over the judged cases, with the worst ratio and its case', () => {
    const byCell = summarizeByMethodFamily(CASES);
    expect([...byCell.keys()].sort()).toEqual(['descent', 'optimum-bound']);
    expect(byCell.get('descent')).toEqual([
      cell('gns-reference', 'logsumexp', 2, 0, 0, 0.9, 'descent/corpus/0'),
      cell('gns-reference', 'quadratic', 0, 1, 0, 2, 'descent/case/1'),
      cell('gradient', 'logsumexp', 2, 0, 0, Infinity, 'descent/case/3'),
      cell('gradient', 'quadratic', 0, 0, 1, 0, null),
    ]);
    expect(byCell.get('optimum-bound')).toEqual([
      cell('gns-reference', 'logsumexp', 1, 0, 0, 0.1, 'descent/case/0'),
      cell('gns-reference', 'quadratic', 1, 0, 0, 0.2, 'descent/case/1'),
      cell('gradient', 'logsumexp', 1, 0, 1, 0.3, 'descent/case/3'),
      cell('gradient', 'quadratic', 1, 0, 0, 0.05, 'descent/case/4'),
    ]);
  });

  it('gives the theorem summaries cells that add up to their counts, the worst ratio the largest of the cells', () => {
    for (const t of summarizeTheorems([descentProperty], CASES)) {
      const sum = (k: 'holds' | 'violated' | 'notApplicable') => t.byMethodFamily.reduce((s, c) => s + c[k], 0);
      expect([sum('holds'), sum('violated'), sum('notApplicable')]).toEqual([t.holds, t.violated, t.notApplicable]);
      expect(Math.max(...t.byMethodFamily.map((c) => c.worstRatio))).toBe(t.worstRatio);
      expect(t.byMethodFamily).toEqual(summarizeByMethodFamily(CASES).get(t.id));
    }
  });

  it('gives the same cells for cases read back from JSON (a non-finite ratio is null there), as a merge reads them', () => {
    const readBack = JSON.parse(toJson(CASES)) as CaseResult[];
    expect(toJson(Object.fromEntries(summarizeByMethodFamily(readBack)))).toBe(toJson(Object.fromEntries(summarizeByMethodFamily(CASES))));
    const t = summarizeTheorems([descentProperty], readBack).find((s) => s.id === 'descent');
    expect(t?.worstCase).toBe('descent/case/3');
  });

  it('counts the judged cases of each method, most first', () => {
    expect(judgedCasesByMethod(CASES)).toEqual([
      { method: 'gns-reference', cases: 4 },
      { method: 'gradient', cases: 3 },
    ]);
  });
});
