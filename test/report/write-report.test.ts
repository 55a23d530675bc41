import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { writeReport } from '../../src/report/write-report.js';
import { syntheticResults } from './fixture.js';

describe('writeReport', () => {
  const root = mkdtempSync(join(tmpdir(), 'ratecheck-report-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the folder and writes the page, junit.xml and the CSV files, not results.json', () => {
    const dir = join(root, 'reports', 'run-1');
    const written = writeReport(syntheticResults(), dir);
    const names = ['index.html', 'junit.xml', 'summary.csv', 'methods.csv', 'ratios.csv', 'envelopes.csv', 'tightness.csv', 'gamma-traces.csv', 'profiles.csv', 'paper-series.csv'];
    expect(written).toEqual(names.map((n) => join(dir, n)));
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('links each theorem to its section of the package\'s docs/theory.md, relative to the report\'s folder', () => {
    const dir = join(root, 'deep', 'er', 'run-2');
    writeReport(syntheticResults(), dir);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    const hrefs = [...page.matchAll(/<a class="derivation" href="([^"#]+)#([^"]+)">/g)];
    expect(hrefs.map((m) => m[2])).toEqual(['envelope-qsc', 'lemma1-decrease', 'class-lower-bound']);
    const pkg = packageRoot();
    if (pkg === null) throw new Error('the tests run inside the package');
    for (const [, href] of hrefs) expect(resolve(dir, decodeURIComponent(href))).toBe(join(pkg, 'docs', 'theory.md'));
    expect(existsSync(join(pkg, 'docs', 'theory.md'))).toBe(true);
  });
});
