import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { ratecheckAsync, readJson, runDir, tempDir } from '../harness/run-support.js';

interface CaseRow {
  readonly kind: string;
  readonly status: string;
  readonly family: string;
  readonly replay: string;
  readonly method: string;
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** the suite's run with the example (`command`; null: the solver the suite file names), and with the broken copy in its place (`ratecheck run --solver-cmd`) */
async function runBoth(suite: string, command: string | null, broken: string) {
  const good = tempDir('example-good');
  const bad = tempDir('example-broken');
  const [g, b] = await Promise.all([ratecheckAsync(['run', '--suite', suite, ...(command ? ['--solver-cmd', command] : []), '--out', good, '--workers', '1']).done, ratecheckAsync(['run', '--suite', suite, '--solver-cmd', broken, '--out', bad, '--workers', '1', '--no-shrink']).done]);
  const cases = (dir: string) => readJson<{ cases: CaseRow[] }>(join(runDir(dir), 'results.json')).cases;
  return { good: { ...g, cases: cases(good) }, bad: { ...b, cases: cases(bad) } };
}

/** the example holds on ≥ 50 judged cases of ≥ 3 families; its broken copy is caught, and the replay string of a violation reproduces it through the same command */
function expectHoldsAndBrokenCaught(r: Awaited<ReturnType<typeof runBoth>>, command: string, broken: string): void {
  expect(r.good.code, r.good.stdout + r.good.stderr).toBe(0);
  const held = r.good.cases.filter((c) => c.kind === 'case' && c.status === 'holds');
  expect(held.length).toBeGreaterThanOrEqual(50);
  expect(new Set(held.map((c) => c.family)).size).toBeGreaterThanOrEqual(3);
  expect(r.good.cases.filter((c) => c.status === 'violated' || c.status === 'error')).toEqual([]);
  expect(new Set(r.good.cases.map((c) => c.method))).toEqual(new Set([`process: ${command}`]));

  expect(r.bad.code, r.bad.stderr).toBe(1);
  const violated = r.bad.cases.filter((c) => c.status === 'violated');
  expect(violated.length).toBeGreaterThanOrEqual(1);
  expect(r.bad.cases.filter((c) => c.status === 'error')).toEqual([]);
  const replayed = ratecheck('replay', violated[0].replay);
  expect(replayed.code, replayed.stderr).toBe(1);
  expect(replayed.stdout).toMatch(/status: violated/);
  expect(replayed.stdout).toContain(broken);
}

describe('the example solvers (examples/): a user copies one, ratecheck checks it through its process', () => {
  it.skipIf(!hasPython)('Algorithm 1 in Python holds on its suite, and its broken copy (Lemma 1 test with 80 for 8) is caught', async () => {
    const broken = 'python3 examples/broken/gns_solver_loose_test.py';
    const command = 'python3 examples/gns_solver.py';
    expectHoldsAndBrokenCaught(await runBoth('examples/gns-suite.json', command, broken), command, broken);
  }, 240_000);

  it('the gradient method in JavaScript holds on its suite, and its broken copy (the step twice −B⁻¹g/L) is caught', async () => {
    const broken = 'node examples/broken/gradient_solver_double_step.mjs';
    // the suite file names its solver ("solver": {"command": "node examples/gradient_solver.mjs"})
    expectHoldsAndBrokenCaught(await runBoth('examples/gradient-suite.json', null, broken), 'node examples/gradient_solver.mjs', broken);
  }, 240_000);
});
