import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ratecheckAsync, readJson, runDir, tempDir } from './run-support.js';

describe('ratecheck run --workers beyond what the machine holds', () => {
  it('--workers 1000 runs a suite on the capped count, says so in one line and records it', async () => {
    const out = tempDir('workers1000');
    const r = await ratecheckAsync(['run', '--suite', fixture('small.suite.json'), '--workers', '1000', '--out', out]).done;
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => l.includes('capped'));
    expect(notes).toHaveLength(1);
    const m = /^ratecheck: --workers 1000 capped to (\d+) \(\d+ cores; ~\d+ MB per worker, \d+ MB free(; \d+ memory maps left, ~\d+ per worker)?\)$/.exec(notes[0]);
    expect(m, notes[0]).not.toBeNull();
    const workers = Number(m?.[1]);
    expect(workers).toBeGreaterThanOrEqual(1);
    expect(workers).toBeLessThanOrEqual(os.availableParallelism());
    expect(r.stderr).not.toMatch(/internal error|out of memory|^\s+at /m);
    expect(readJson<{ environment: { workers: number } }>(join(runDir(out), 'results.json')).environment.workers).toBe(workers);
  }, 180_000);
});
