import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { syntheticResults } from './fixture.js';

describe('writeReport', () => {
  const root = mkdtempSync(join(tmpdir(), 'ratecheck-report-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the folder and writes the page, junit.xml and the CSV files, not results.json', () => {
    const dir = join(root, 'reports', 'run-1');
    const written = writeReport(syntheticResults(), dir);
    const names = ['index.html', 'junit.xml', 'summary.csv', 'methods.csv', 'ratios.csv', 'envelopes.csv', 'tightness.csv', 'gamma-traces.csv', 'profiles.csv'];
    expect(written).toEqual(names.map((n) => join(dir, n)));
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
