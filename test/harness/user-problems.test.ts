/**
 * A suite file's "problems" (docs/api.md §3): a ratecheck-problem/1 file and an ES module exporting a
 * UserProblemSpec, verified before any case runs, drawn by every entry with perturbed start points,
 * run on worker threads (each registers them), and replayed in a fresh process with --problems.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryProblemIds, FalseClaimsError, registerProblemSources } from '../../src/harness/suite-problems.js';
import { resolveSuite, suiteFileProblems } from '../../src/harness/suite-source.js';
import { InputError } from '../../src/input-error.js';
import { buildInstance, familyById } from '../../src/problems/registry.js';
import type { CaseResult } from '../../src/harness/results.js';
import { ratecheck } from '../cli/run-cli.js';
import { fixture, ratecheckAsync, runDir, tempDir } from './run-support.js';

const SUITE = fixture('user-problems.suite.json');

function casesOf(dir: string): CaseResult[] {
  return readFileSync(join(dir, 'cases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CaseResult);
}

/** a suite file in a fresh folder with these problems (absolute paths) and one small entry */
function suiteWith(problems: unknown, entry: Record<string, unknown> = {}): string {
  const path = join(tempDir('user-suite'), 'suite.json');
  writeFileSync(path, JSON.stringify({ schema: 'ratecheck-suite/1', name: 'bad-problems', problems, entries: [{ property: 'descent', cases: 2, powerCases: 0, ...entry }] }));
  return path;
}

function expectInputError(r: { code: number | null; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('a suite file with user problems', () => {
  let dir: string;
  let run: ReturnType<typeof ratecheck>;
  beforeAll(() => {
    const out = tempDir('user-problems');
    run = ratecheck('run', '--suite', SUITE, '--out', out, '--workers', '2');
    dir = runDir(out);
  });

  it('runs every entry on the problems (file and module) on worker threads: judged cases hold, from several perturbed start points', async () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const cases = casesOf(dir);
    const judged = cases.filter((c) => c.kind === 'case');
    expect(judged.every((c) => c.family === 'user:lse3' || c.family === 'user:softplus')).toBe(true);
    expect(judged.filter((c) => c.property === 'step-bound').every((c) => c.family === 'user:lse3')).toBe(true);
    expect(new Set(judged.map((c) => c.family))).toEqual(new Set(['user:lse3', 'user:softplus']));
    expect(judged.some((c) => c.status === 'violated' || c.status === 'error')).toBe(false);
    const held = judged.filter((c) => c.status === 'holds');
    expect(held.length).toBeGreaterThanOrEqual(6);
    // a held case judged some gating theorem (one that judges none is a skip naming why)
    for (const c of held) expect(Object.values(c.verdicts).some((v) => v.status !== 'not-applicable' && v.gating !== false)).toBe(true);
    for (const c of judged.filter((c) => c.status === 'skipped')) expect(c.reason).toBeTruthy();
    // the power checks keep the property's own (catalog) instances
    const power = cases.filter((c) => c.kind === 'power');
    expect(power.length).toBe(4);
    expect(power.every((c) => !c.family.startsWith('user:'))).toBe(true);
    // the start points of the held cases, rebuilt here from their names: at least two distinct perturbed x0
    await registerProblemSources(suiteFileProblems(SUITE));
    const starts = new Set(held.filter((c) => c.scenario.instance.seed !== 0).map((c) => buildInstance(c.scenario.instance).x0.join(',')));
    expect(starts.size).toBeGreaterThanOrEqual(2);
  });

  it("a case's replay string replays in a fresh process with --problems <suite file>, bit for bit; without it, exit 2", () => {
    const c = casesOf(dir).find((x) => x.status === 'holds' && x.family.startsWith('user:'));
    if (!c?.replay) throw new Error('no held user-problem case');
    const r = ratecheck('replay', c.replay, '--problems', SUITE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`digest: ${c.digest}`);
    expectInputError(ratecheck('replay', c.replay), /the instance user:(lse3|softplus)\/\/n=3\/seed=\d+ is a user problem a suite file brought: replay it with --problems <that suite file>/);
    expectInputError(ratecheck('replay', c.replay, '--problems', fixture('small.suite.json')), /small\.suite\.json names no "problems"/);
  });

  it('a violation on a user problem prints a replay command with --problems, which reproduces it in a fresh process', () => {
    const suite = suiteWith([{ file: fixture('user-problems/lse3.json') }], { property: 'lemma1-decrease', cases: 3, seed: 2, subject: 'defective' });
    const r = ratecheck('run', '--suite', suite, '--out', tempDir('user-defect'), '--workers', '2');
    expect(r.code).toBe(1);
    const command = /replay: ratecheck replay '(rc1:[^']+)' --problems (\S+)/.exec(r.stdout);
    if (!command) throw new Error(`no replay command in:\n${r.stdout}`);
    expect(command[2]).toBe(suite);
    const replayed = ratecheck('replay', command[1], '--problems', command[2]);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toMatch(/status: violated/);
  });
});

describe('bad user problems in a suite file: one line, exit 2, nothing run', () => {
  it('a false claim: one line per false claim (the FalseClaimError lines), no run folder', () => {
    const out = join(tempDir('user-false'), 'reports');
    const r = ratecheck('run', '--suite', fixture('user-problems-false-claim.suite.json'), '--out', out, '--workers', '2');
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) expect(line).toMatch(/^ratecheck: user problem 'softplus-small-l': certificate claim '.*' is false: /);
    expect(lines[0]).toMatch(/certificate claim 'lipschitz-gradient L = 0\.5' is false: ‖∇f\(y\) − ∇f\(x\)‖_\* \/ ‖y − x‖ = /);
    expect(existsSync(out)).toBe(false);
  });

  it('on the command line: a missing file, a malformed spec, --target', async () => {
    const mjs = fixture('user-problems/softplus.mjs');
    const runs: [string[], RegExp][] = [
      [['--suite', suiteWith([{ file: 'nowhere.json' }])], /suite\.json: problems\[0\]\.file: no such file \S+\/nowhere\.json$/m],
      [['--suite', suiteWith([{ module: mjs, export: 'shortX0' }])], /problem module \S+softplus\.mjs \(export 'shortX0'\): malformed UserProblemSpec: x0: has 2 entries, expected 3/],
      [['--suite', SUITE, '--target'], /--target: the targeted search mutates the properties' own instances/],
    ];
    const results = await Promise.all(runs.map(([args]) => ratecheckAsync(['run', ...args, '--out', tempDir('user-bad')]).done));
    results.forEach((r, i) => expectInputError(r, runs[i][1]));
  });

  it('a module without the export, an export that is no spec, two problems with one id, an unknown id, a malformed entry (InputError naming it)', async () => {
    const mjs = fixture('user-problems/softplus.mjs');
    const load = (problems: unknown) => registerProblemSources(resolveSuite(suiteWith(problems), undefined).problems);
    await expect(load([{ module: mjs, export: 'absent' }])).rejects.toThrow(/problem module \S+softplus\.mjs \(export 'absent'\): has no export 'absent' \(its exports: default, /);
    await expect(load([{ module: mjs, export: 'notASpec' }])).rejects.toThrow(/export 'notASpec' is not a UserProblemSpec object \(got number\)/);
    await expect(load([{ module: fixture('small.suite.json') }])).rejects.toThrow(InputError);
    await expect(load([{ file: mjs }])).rejects.toThrow(/problem file \S+softplus\.mjs: .*not valid JSON/);
    await expect(load([{ file: fixture('user-problems/lse3.json') }, { file: fixture('user-problems/lse3.json') }])).rejects.toThrow(/are both 'user:lse3'/);
    expect(() => resolveSuite(suiteWith([{ file: fixture('user-problems/lse3.json'), module: mjs }]), undefined)).toThrow(/problems\[0\] must have exactly one of "file"/);
    expect(() => resolveSuite(suiteWith([{ module: mjs, exports: 'x' }]), undefined)).toThrow(/problems\[0\]: unknown field "exports"/);
    expect(() => resolveSuite(suiteWith([]), undefined)).toThrow(/"problems" must be a non-empty array/);
    expect(() => resolveSuite(suiteWith([{ module: mjs }], { problems: [] }), undefined)).toThrow(/entries\[0\]\.problems must be a non-empty array of problem ids/);
    // false claims of several problems: every line of each (FalseClaimsError), nothing registered
    const both = load([{ module: mjs, export: 'tooSmall' }, { module: mjs, export: 'highFStar' }]);
    await expect(both).rejects.toThrow(FalseClaimsError);
    const lines = String(await both.catch((e: Error) => e.message)).split('\n');
    expect(lines[0]).toMatch(/^user problem 'softplus-small-l': certificate claim 'lipschitz-gradient L = 0\.5' is false: /);
    expect(lines.at(-1)).toMatch(/^user problem 'softplus-high-fstar': certificate claim 'f\* = 100' is false: /);
    expect(familyById('user:softplus-small-l')).toBeUndefined();
    const families = await registerProblemSources([{ module: mjs }]);
    expect(() => entryProblemIds(families, ['lse3'], 'entries[0].problems')).toThrow(/entries\[0\]\.problems: unknown problem 'lse3' \(the suite's problems: softplus\)/);
    expect(entryProblemIds(families, ['softplus', 'user:softplus'], 'x')).toEqual(['user:softplus', 'user:softplus']);
  });
});
