import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/harness/results.js';
import { ratecheck } from '../cli/run-cli.js';
import { comparable, fixture, ratecheckAsync, readJson, runDir, tempDir } from '../harness/run-support.js';

describe('ratecheck run --coverage', () => {
  it('counts src/solvers/ in every thread without changing a verdict or a digest, and the report and results carry it', async () => {
    const plain = tempDir('coverage-off');
    const covered = tempDir('coverage-on');
    const off = await ratecheckAsync(['run', '--suite', fixture('small.suite.json'), '--workers', '2', '--out', plain]).done;
    const on = await ratecheckAsync(['run', '--suite', fixture('small.suite.json'), '--workers', '2', '--out', covered, '--coverage']).done;
    expect(on.code, on.stderr).toBe(off.code);
    const without = readJson<Results>(join(runDir(plain), 'results.json'));
    const withCoverage = readJson<Results>(join(runDir(covered), 'results.json'));
    expect(without.coverage).toBeUndefined();
    const { coverage, ...rest } = withCoverage;
    expect(comparable(rest as unknown as Record<string, unknown>)).toEqual(comparable(without as unknown as Record<string, unknown>));
    expect(withCoverage.cases.map((c) => c.digest)).toEqual(without.cases.map((c) => c.digest));

    expect(coverage?.scope).toBe('src/solvers/');
    expect(coverage?.threads).toBe(withCoverage.environment.workers + 1); // the workers and the main thread
    expect(coverage?.lostThreads).toBe(0);
    const gns = coverage?.files.find((f) => f.file === 'src/solvers/gns.ts');
    expect(gns?.loaded).toBe(true);
    expect(gns?.branches.covered).toBeGreaterThan(0);
    expect(coverage?.named.map((n) => n.status)).not.toContain('missing');
    expect(coverage?.named.find((n) => n.name === 'not-positive-definite trial')?.status).toBe('reached');
    expect(coverage?.unreached.length).toBeGreaterThan(0);
    for (const u of coverage?.unreached ?? []) expect(u.file).toMatch(/^src\/solvers\/[a-z-]+\.ts$/);

    expect(on.stdout).toMatch(/^coverage of src\/solvers\/: branches \d+\.\d% \(\d+\/\d+\), lines/m);
    expect(on.stdout).toMatch(/^unreached branches \(\d+\):$/m);
    const page = readFileSync(join(runDir(covered), 'index.html'), 'utf8');
    expect(page).toContain('<h2 id="coverage">');
    expect(page).toContain('href="#coverage"');
    expect(page).toContain('src/solvers/gns.ts');
    expect(readFileSync(join(runDir(plain), 'index.html'), 'utf8')).not.toContain('id="coverage"');
  }, 180_000);

  it('refuses what it cannot count: an interrupted run to complete, a solver process (one line, exit 2)', () => {
    const resumed = ratecheck('run', '--coverage', '--resume', tempDir('coverage-resume'));
    expect(resumed.code).toBe(2);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toMatch(/--coverage.*--resume/);
    const solver = ratecheck('run', '--coverage', '--solver-cmd', 'node nowhere.mjs');
    expect(solver.code).toBe(2);
    expect(solver.stderr.trim().split('\n')).toHaveLength(1);
    expect(solver.stderr).toMatch(/--coverage.*solver process/);
  });
});
