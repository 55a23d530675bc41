import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblemFile } from '../../src/problems/files/problem-file.js';
import { buildInstance } from '../../src/problems/registry.js';
import { ratecheck } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ratecheck-solve-stop-'));
/** A ratecheck-problem/1 file of a small LogSumExp instance, with its fStar changed (undefined: removed). */
function problem(name: string, fStar: (f: number) => number | undefined): string {
  const o = JSON.parse(formatProblemFile(buildInstance('logsumexp/mu=1,rows=12/n=6/seed=4'))) as { fStar?: number };
  const changed = fStar(o.fStar as number);
  if (changed === undefined) delete o.fStar;
  else o.fStar = changed;
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(o));
  return path;
}

type SolveJson = { status: string; iterations: number; stoppedBy: string; f: number[]; fStarWrong: { iteration: number; f: number; fStar: number } | null };

describe('ratecheck solve: stop tests', () => {
  it('a problem without f* stops at the default relative gradient tolerance, not at the iteration cap, and says so', () => {
    const file = problem('no-fstar.json', () => undefined);
    const r = ratecheck('solve', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as SolveJson;
    expect(out.status).toBe('success');
    expect(out.iterations).toBeLessThan(50);
    expect(out.stoppedBy).toMatch(/^‖∇f‖_\* = \S+ < \S+ \(the default 1\.0e-9·‖∇f\(x0\)‖_\*/);
    const text = ratecheck('solve', file);
    expect(text.stdout).toMatch(/\nstopped by ‖∇f‖_\* = .* \(the default 1\.0e-9·‖∇f\(x0\)‖_\*; --grad-tol T to change\)\n/);
    // --grad-tol overrides it (0: no gradient test), and then the cap stops the run and is named
    const capped = JSON.parse(ratecheck('solve', file, '--grad-tol', '0', '--max-iters', '30', '--json').stdout) as SolveJson;
    expect(capped).toMatchObject({ status: 'iterations_exceeded', iterations: 30 });
    expect(capped.stoppedBy).toMatch(/^the iteration cap 30 \(--max-iters\)/);
  });

  it('a reference file keeps the authors’ stop test f − f* < solver.fTol', () => {
    const r = ratecheck('solve', join(import.meta.dirname, '../../../shared/reference/rosenbrock-2d.json'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'success', iterations: 51, stoppedBy: expect.stringMatching(/< 1e-8 \(solver\.fTol of the file\)$/), fStarWrong: null });
  });

  it('a claimed f* above an observed f is reported (iteration, f, f*), exit 1; within the rounding slack it is not', () => {
    const high = problem('high-fstar.json', (f) => f + 1e-3);
    const r = ratecheck('solve', high, '--json');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ratecheck: .*high-fstar\.json: the claimed f\* = \S+ is wrong: iteration \d+ has f = \S+ < f\* \(beyond the rounding slack 1\.0e-12·\(\|f\| \+ \|f\*\|\)\)$/);
    const out = JSON.parse(r.stdout) as SolveJson;
    expect(out.fStarWrong).not.toBeNull();
    const k = out.fStarWrong?.iteration ?? -1;
    expect(out.f[k]).toBe(out.fStarWrong?.f);
    expect(out.f[k]).toBeLessThan(out.fStarWrong?.fStar ?? -Infinity);
    expect(out.f.slice(0, k).every((f) => f >= (out.fStarWrong?.fStar ?? Infinity))).toBe(true);
    // the text trace says it too, and an f* above f(x0) is caught at load, iteration 0, even with no step
    expect(ratecheck('solve', high).stdout).toMatch(/\nthe claimed f\* is wrong: f = \S+ at iteration \d+ is below f\* = \S+\n/);
    const aboveStart = problem('above-x0.json', () => 1e6);
    const zero = ratecheck('solve', aboveStart, '--max-iters', '0');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/the claimed f\* = 1000000 is wrong: iteration 0 has f = /);
    // a claim off by rounding only is not reported
    const rounding = problem('rounding-fstar.json', (f) => f * (1 + 1e-14));
    const ok = ratecheck('solve', rounding, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
    expect((JSON.parse(ok.stdout) as SolveJson).fStarWrong).toBeNull();
  });
});
