import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { fixture, runDir, tempDir } from './run-support.js';

describe('ratecheck run --resume', () => {
  it('with other settings than the run it completes: exit 2, naming each setting that differs with both values', () => {
    const out = tempDir('resume-settings');
    const tiny = fixture('tiny.suite.json');
    const first = ratecheck('run', '--suite', tiny, '--workers', '1', '--out', out);
    expect(first.code, first.stderr).toBe(0);
    const dir = runDir(out);
    const r = ratecheck('run', '--suite', tiny, '--workers', '1', '--seed', '9', '--target', '--resume', dir);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/that run used other settings \(--seed: 2 in that run, 9 now; --target: false in that run, true now\)$/);
    // the settings that agree are not printed
    expect(lines[0]).not.toMatch(/--suite|--backend|--corpus|"/);
  }, 60_000);
});
