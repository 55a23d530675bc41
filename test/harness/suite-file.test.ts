import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { fixture, tempDir } from './run-support.js';

describe('suite files', () => {
  it('a misspelt top-level field is an error naming it and the allowed fields (exit 2, nothing run)', () => {
    const out = tempDir('misspelt');
    const r = ratecheck('run', '--suite', fixture('misspelt-field.suite.json'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/misspelt-field\.suite\.json: unknown field "timeBudgetSecond" \(allowed: schema, name, description, timeBudgetSeconds, entries, solver, problems\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
