import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ratecheckAsync, readJson, runDir, tempDir } from '../harness/run-support.js';

/** the fault fixture (docs/solver-protocol.md §4) and what each case's error must name */
const FAULTS: Readonly<Record<string, RegExp>> = {
  crash: /exited with code 1 before the session ended.*RuntimeError: the solver crashed on purpose/,
  'exit-early': /exited with code 0 before the session ended/,
  'non-json': /a line that is not JSON: "x = \[1, 2, 3\]"/,
  'unknown-message': /a message of unknown type "gradient_please"/,
  'wrong-dimension': /"evaluate" message: x has \d+ entries, the problem has dimension \d+/,
  'nan-point': /"evaluate" message: x\[0\] is "NaN", not a finite number/,
  'stops-answering': /no message within the case time limit \(\d+ s\): the solver stopped answering/,
  misreport: /f is .* at iteration 1, the oracle gives .* at the reported x: the solver misreports its iterate/,
  flood: /a line longer than \d+ bytes/,
};
/** the time limit of the fault that never answers; the others, which end at once, get a generous one (the pool's limit counts a worker's start-up) */
const HANG_TIMEOUT_S = 6;
const TIMEOUT_S = 30;
const timeoutOf = (fault: string) => (fault === 'stops-answering' ? HANG_TIMEOUT_S : TIMEOUT_S);

/** runs `task` over `items`, `width` at a time */
async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(task))));
  return out;
}

function processesMarked(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(marker));
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.skipIf(!hasPython)('a faulty solver process (a Python fixture): every fault is an error verdict naming it, within the case time limit, with no process left', () => {
  it('gives each case of each fault an error naming it, and ends every process the solver started', async () => {
    const dir = tempDir('faults');
    const suite = join(dir, 'faults.json');
    writeFileSync(suite, JSON.stringify({ schema: 'ratecheck-suite/1', name: 'faults', entries: [{ property: 'descent', cases: 2, powerCases: 0 }] }));
    const marker = `mark${process.pid}x${Date.now()}`;
    const runs = await inBatches(Object.keys(FAULTS), 3, (fault) => {
      const out = join(dir, fault);
      const started = performance.now();
      const { done } = ratecheckAsync(['run', '--suite', suite, '--solver-cmd', `python3 ${fixture('solvers/faulty_solver.py')} ${fault} ${marker}`, '--out', out, '--workers', '1', '--case-timeout', String(timeoutOf(fault))]);
      return done.then((r) => ({ fault, out, r, seconds: (performance.now() - started) / 1000 }));
    });
    for (const { fault, out, r, seconds } of runs) {
      expect(r.code, `${fault}: ${r.stderr}`).toBe(1);
      const results = readJson<{ cases: { status: string; reason?: string; seconds: number }[] }>(join(runDir(out), 'results.json'));
      expect(results.cases.length, fault).toBe(2);
      for (const c of results.cases) {
        expect(c.status, fault).toBe('error');
        expect(c.reason, fault).toMatch(FAULTS[fault]);
        expect(c.reason, fault).toMatch(/^solver process: .* \(last message: .*; stderr: .*\)$/);
        expect(c.seconds, fault).toBeLessThanOrEqual(timeoutOf(fault));
      }
      expect(seconds, fault).toBeLessThan(60);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesMarked(marker)).toEqual([]);
  }, 120_000);

  it('refuses a command that does not say hello, with one line and exit code 2, before any case', async () => {
    const { done } = ratecheckAsync(['run', '--suite', 'ci', '--solver-cmd', `python3 ${fixture('solvers/faulty_solver.py')} no-hello`, '--out', tempDir('nohello')]);
    const r = await done;
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/solver '.*': solver process: the first message is "problem", not "hello"/);
  });
});
