import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults, toJson } from '../../src/harness/results-io.js';
import { methodLabel } from '../../src/scenarios/scenario.js';
import { syntheticResults } from '../report/fixture.js';
import { tempDir } from './run-support.js';

/** results.json as written before cases carried their method and theorems their breakdown by method × family and their tightness */
function olderResults(): Record<string, unknown> {
  const r = JSON.parse(toJson(syntheticResults())) as Record<string, unknown> & { cases: Record<string, unknown>[]; theorems: Record<string, unknown>[] };
  return {
    ...r,
    cases: r.cases.map(({ method: _method, ...c }) => c),
    theorems: r.theorems.map(({ byMethodFamily: _cells, tightness: _tightness, ...t }) => t),
  };
}

describe('readResults', () => {
  it('reads an older results file as if it had the method of each case and the breakdown and tightness of each theorem', () => {
    const path = join(tempDir('older-results'), 'results.json');
    writeFileSync(path, toJson(olderResults()));
    const read = readResults(path);
    const now = JSON.parse(toJson(syntheticResults())) as ReturnType<typeof syntheticResults>;
    expect(read.cases.map((c) => c.method)).toEqual(now.cases.map((c) => c.method));
    expect(read.cases.map((c) => c.method)).toEqual(read.cases.map((c) => methodLabel(c.scenario)));
    expect(new Set(read.cases.map((c) => c.method))).toEqual(new Set(['gns-reference', 'gradient', 'damped-newton']));
    expect(toJson(read.theorems)).toBe(toJson(now.theorems));
  });

  it('keeps the method and breakdown a file has', () => {
    const path = join(tempDir('current-results'), 'results.json');
    const r = syntheticResults();
    const relabelled = { ...r, cases: r.cases.map((c) => ({ ...c, method: 'as-written' })) };
    writeFileSync(path, toJson(relabelled));
    const read = readResults(path);
    expect(new Set(read.cases.map((c) => c.method))).toEqual(new Set(['as-written']));
    expect(toJson(read.theorems)).toBe(toJson(r.theorems));
  });
});
