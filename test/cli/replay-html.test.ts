import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVELOPE_DEFECT } from '../report/case-replays.js';
import { cli, ratecheck } from './run-cli.js';

/** a case of gradient-method-rate run by a solver process (drawn with examples/broken/gradient_solver_double_step.mjs as the suite's solver; replayed here with --solver-cmd) */
const SOLVER_CASE =
  'rc1:gradient-method-rate:case:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJob2xkZXItcG93ZXItc3VtIiwicGFyYW1zIjp7Im51IjowLjYsImtpbmQiOiJhYnMiLCJtZXRyaWMiOiJpZGVudGl0eSIsInJvd3MiOiJvcnRob2dvbmFsIiwiZXh0cmFSb3dzIjowfSwiZGltIjo2LCJzZWVkIjoxODYxMTcyODc4fSwicGVydHVyYmF0aW9ucyI6W10sIm1heEl0ZXJzIjo3MCwiZ3JhZFRvbFJlbGF0aXZlIjoxZS05LCJtb2RlIjoic3RyaWN0IiwiZ2FtbWEwIjoxLCJoZXNzaWFuIjoiZXhhY3QiLCJtZXRob2QiOnsiaWQiOiJzb2x2ZXItcHJvY2VzcyIsIm9wdGlvbnMiOnsiY29tbWFuZCI6Im5vZGUgL3dvcmsvbWFpbi9leGFtcGxlcy9icm9rZW4vZ3JhZGllbnRfc29sdmVyX2RvdWJsZV9zdGVwLm1qcyIsImNhcGFiaWxpdGllcyI6InN0ZXAtc2l6ZSxkZXNjZW50Iiwic29sdmVyT3B0aW9ucyI6IntcIkwwXCI6MC4wMDF9IiwibW9kZSI6InN0cmljdCIsImdhbW1hMCI6MX19fQ';

describe('ratecheck replay --html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratecheck-replay-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plain = ratecheck('replay', ENVELOPE_DEFECT);

  it('writes the page where asked, prints its path after the unchanged verdict lines, and exits as without --html', () => {
    const path = join(dir, 'new', 'folder', 'case.html');
    const r = ratecheck('replay', ENVELOPE_DEFECT, '--html', path);
    expect(plain.code).toBe(1);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(`${plain.stdout}report: ${path}\n`);
    const page = readFileSync(path, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain(`<code>ratecheck replay '${ENVELOPE_DEFECT}'</code>`);
  });

  it('--html before the replay string takes no value from it; with --json the path goes to stderr and stdout stays one JSON object', () => {
    const r = spawnSync(process.execPath, [cli, 'replay', '--html', ENVELOPE_DEFECT, '--json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { hash: string; digest: string };
    const path = join('reports', `replay-${result.hash}`, 'index.html');
    expect(r.stderr).toBe(`report: ${path}\n`);
    expect(readFileSync(join(dir, path), 'utf8')).toContain(`<code>${result.digest}</code>`);
  });

  it('a case of a solver process: the page of its run, exit code 0 as without --html', () => {
    const path = join(dir, 'solver.html');
    const r = ratecheck('replay', SOLVER_CASE, '--solver-cmd', 'node examples/gradient_solver.mjs', '--html', path);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = readFileSync(path, 'utf8');
    expect(page).toContain('HOLDS');
    expect(page).toContain('process: node examples/gradient_solver.mjs');
    expect(page).toContain('<th>L_k</th>');
  });

  it('a case whose solver process faults: exit code 1, and the page says what went wrong', () => {
    const path = join(dir, 'fault.html');
    const r = ratecheck('replay', SOLVER_CASE, '--solver-cmd', `node -e 'process.exit(3)'`, '--html', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/status: error \(solver process: the process exited with code 3/);
    const page = readFileSync(path, 'utf8');
    expect(page).toContain('<div id="verdict" class="banner fail">ERROR</div>');
    expect(page).toContain('the process exited with code 3');
    expect(page).toContain('No trajectory to draw.');
  });

  it('a path that cannot be written: one line on stderr, exit code 2, before the case runs', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    for (const [path, why] of [
      [join(file, 'case.html'), /cannot write .*: (ENOTDIR|EEXIST)$/],
      [join(dir, 'a-folder'), /is a folder; name the file to write$/],
    ] as const) {
      const r = ratecheck('replay', ENVELOPE_DEFECT, '--html', path);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^ratecheck: --html: /);
      expect(r.stderr.trimEnd()).toMatch(why);
    }
    expect(existsSync(join(file, 'case.html'))).toBe(false);
  });
});
