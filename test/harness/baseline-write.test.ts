import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { tempDir } from './run-support.js';

/** A results file as `readResults` accepts it, with the given cases. */
function resultsFile(dir: string, cases: readonly Record<string, unknown>[]): string {
  const path = join(dir, 'results.json');
  writeFileSync(path, JSON.stringify({ schema: 'ratecheck-results/1', runId: 'r', createdAt: '2026-01-01T00:00:00.000Z', complete: true, config: { suite: 'x', backend: 'cpu', shard: null }, cases }));
  return path;
}

describe('ratecheck baseline write', () => {
  it.each([
    ['no cases', [], /has no scenarios to record: it has no cases; a baseline of it would gate nothing/],
    ['only power checks and skipped cases', [
      { kind: 'power', status: 'violated', hash: 'a', key: 'p/power/0', label: 'a', verdicts: {} },
      { kind: 'case', status: 'skipped', hash: 'b', key: 'p/case/0', label: 'b', verdicts: {} },
    ], /has no scenarios to record: of its 2 cases none is a random case that ran/],
  ])('a run with %s is an error (exit 2, one line), and no baseline is written', (_, cases, message) => {
    const dir = tempDir('empty-baseline');
    const results = resultsFile(dir, cases);
    const out = join(dir, 'baseline.json');
    const r = ratecheck('baseline', 'write', results, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^ratecheck: results file .*results\.json has no scenarios/);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
