import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/harness/results.js';
import { methodLabel } from '../../src/scenarios/scenario.js';
import { ratecheck } from '../cli/run-cli.js';
import { comparable, fixture, ratecheckAsync, readJson, runDir, tempDir } from './run-support.js';

const JUDGED = new Set(['case', 'corpus', 'target', 'defect']);

/** results.json as written before cases carried their method and theorems their breakdown */
function writeOlder(from: string, to: string): string {
  const r = readJson<Record<string, unknown> & { cases: Record<string, unknown>[]; theorems: Record<string, unknown>[] }>(from);
  const older = { ...r, cases: r.cases.map(({ method: _m, ...c }) => c), theorems: r.theorems.map(({ byMethodFamily: _b, ...t }) => t) };
  writeFileSync(to, JSON.stringify(older));
  return to;
}

describe('a run over several methods', () => {
  it('files each case under its method, splits every theorem by method × family in results.json, the report, methods.csv and the summary line; shards of older files merge to the same', async () => {
    const suite = fixture('methods.suite.json');
    const [whole, s1, s2] = ['methods', 'methods-s1', 'methods-s2'].map((p) => tempDir(p));
    const runs = await Promise.all([
      ratecheckAsync(['run', '--suite', suite, '--workers', '1', '--out', whole]).done,
      ratecheckAsync(['run', '--suite', suite, '--workers', '1', '--shard', '1/2', '--out', s1]).done,
      ratecheckAsync(['run', '--suite', suite, '--workers', '1', '--shard', '2/2', '--out', s2]).done,
    ]);
    // the verdicts are not this test's subject: a violation (exit 1) still has its breakdown
    for (const r of runs) expect([0, 1], r.stderr).toContain(r.code);
    const dir = runDir(whole);
    const results = readJson<Results>(join(dir, 'results.json'));
    for (const c of results.cases) expect(c.method).toBe(methodLabel(c.scenario));
    const judged = results.cases.filter((c) => JUDGED.has(c.kind));
    const methods = [...new Set(judged.map((c) => c.method))].sort();
    expect(methods.length).toBeGreaterThanOrEqual(3);

    for (const t of results.theorems) {
      const expected = new Map<string, [number, number, number]>();
      for (const c of judged) {
        const v = c.verdicts[t.id];
        if (!v) continue;
        const key = `${c.method} ${c.family}`;
        const n = expected.get(key) ?? [0, 0, 0];
        n[v.status === 'holds' ? 0 : v.status === 'violated' ? 1 : 2]++;
        expected.set(key, n);
      }
      expect(new Map(t.byMethodFamily.map((c) => [`${c.method} ${c.family}`, [c.holds, c.violated, c.notApplicable]]))).toEqual(expected);
      expect(t.byMethodFamily.reduce((s, c) => s + c.holds + c.violated + c.notApplicable, 0)).toBe(t.holds + t.violated + t.notApplicable);
    }

    const line = runs[0].stdout.split('\n').find((l) => l.startsWith('methods: '));
    expect(line).toBeDefined();
    for (const m of methods) expect(line).toContain(`${m} (${judged.filter((c) => c.method === m).length}`);

    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    const table = page.slice(page.indexOf('<table id="methods-table" class="by-method">'), page.indexOf('</table>', page.indexOf('<table id="methods-table" class="by-method">')));
    expect(table).toContain(`<th>theorem</th>${methods.map((m) => `<th>${m}</th>`).join('')}</tr>`);
    const csv = readFileSync(join(dir, 'methods.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + results.theorems.reduce((s, t) => s + t.byMethodFamily.length, 0));

    // older files (no method, no breakdown): merge equals the run, and report writes the same tables
    const merged = tempDir('methods-merged');
    const older = [s1, s2].map((s, i) => writeOlder(join(runDir(s), 'results.json'), join(tempDir(`older-${i}`), 'results.json')));
    const m = ratecheck('merge', ...older, '--out', merged);
    expect(m.code, m.stderr).toBe(results.exitCode);
    expect(comparable(readJson(join(merged, 'results.json')))).toEqual(comparable(results as unknown as Record<string, unknown>));
    const reported = tempDir('methods-report');
    const r = ratecheck('report', writeOlder(join(dir, 'results.json'), join(reported, 'results.json')));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(reported, 'methods.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(join(reported, 'index.html'), 'utf8')).toContain(table);
  }, 120_000);
});
