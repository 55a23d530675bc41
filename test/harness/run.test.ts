import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { comparable, fixture, ratecheckAsync, readJson, runDir, tempDir } from './run-support.js';

type ResultsJson = {
  complete: boolean;
  exitCode: number;
  notRun: number;
  cases: { key: string; kind: string; status: string; replay: string; digest: string | null; worstRatio: number; shrunk?: { summary: string; replay: string; accepted: number; scenario: { instance: { dim: number }; maxIters: number } }; scenario: { instance: { dim: number }; maxIters: number } }[];
  properties: { id: string; violated: number; power: { ok: boolean } | null }[];
};

describe('ratecheck run', () => {
  it('the same seed gives the same results with 1 and 2 workers, and two shards merged equal the unsharded run', async () => {
    const small = fixture('small.suite.json');
    const [one, two, s1, s2] = ['w1', 'w2', 's1', 's2'].map((p) => tempDir(p));
    const runs = await Promise.all([
      ratecheckAsync(['run', '--suite', small, '--workers', '1', '--out', one]).done,
      ratecheckAsync(['run', '--suite', small, '--workers', '2', '--out', two]).done,
      ratecheckAsync(['run', '--suite', small, '--shard', '1/2', '--out', s1]).done,
      ratecheckAsync(['run', '--suite', small, '--shard', '2/2', '--out', s2]).done,
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const a = readJson(join(runDir(one), 'results.json'));
    const b = readJson(join(runDir(two), 'results.json'));
    expect((a as ResultsJson).cases.length).toBeGreaterThan(50);
    expect(comparable(b)).toEqual(comparable(a));
    const merged = tempDir('merged');
    const m = ratecheck('merge', join(runDir(s1), 'results.json'), join(runDir(s2), 'results.json'), '--out', merged);
    expect(m.code, m.stderr).toBe(0);
    const shards = [readJson<ResultsJson>(join(runDir(s1), 'results.json')), readJson<ResultsJson>(join(runDir(s2), 'results.json'))];
    expect(shards[0].cases.length).toBeGreaterThan(0);
    expect(shards[1].cases.length).toBeGreaterThan(0);
    expect(comparable(readJson(join(merged, 'results.json')))).toEqual(comparable(a));
    expect(existsSync(join(merged, 'index.html'))).toBe(true);
  }, 120_000);

  it('a deliberately broken solver makes run exit 1; the report shows the violation; the shrunk replay string reproduces it bit for bit', () => {
    const out = tempDir('broken');
    const r = ratecheck('run', '--suite', fixture('broken-solver.suite.json'), '--out', out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/violated search-guarantee\/defect\//);
    const dir = runDir(out);
    const results = readJson<ResultsJson>(join(dir, 'results.json'));
    expect(results.exitCode).toBe(1);
    const violated = results.cases.filter((c) => c.status === 'violated');
    expect(violated.length).toBeGreaterThan(0);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const first = violated[0];
    expect(html).toContain(first.replay);
    // the replay string reproduces the case: same verdict, same trajectory, same ratio to the last digit
    const replayed = ratecheck('replay', first.replay, '--json');
    expect(replayed.code).toBe(1);
    const again = JSON.parse(replayed.stdout) as ResultsJson['cases'][number];
    expect(again.status).toBe('violated');
    expect(again.digest).toBe(first.digest);
    expect(again.worstRatio).toBe(first.worstRatio);
    // shrinking reduced it: to dimension 1 and fewer iterations, and the shrunk string still fails
    const shrunk = violated.find((c) => c.shrunk && c.shrunk.accepted > 0);
    expect(shrunk).toBeDefined();
    const s = shrunk?.shrunk;
    expect(s?.scenario.instance.dim).toBeLessThanOrEqual(shrunk?.scenario.instance.dim ?? 0);
    expect(s?.scenario.maxIters).toBeLessThan(shrunk?.scenario.maxIters ?? 0);
    expect(ratecheck('replay', s?.replay ?? '').code).toBe(1);
  }, 60_000);

  it('SIGINT leaves a valid partial results.json; --resume completes it with no case lost or repeated', async () => {
    const medium = fixture('medium.suite.json');
    const full = tempDir('full');
    const fullRun = ratecheckAsync(['run', '--suite', medium, '--workers', '1', '--out', full]).done;
    const out = tempDir('interrupted');
    const { child, done } = ratecheckAsync(['run', '--suite', medium, '--workers', '1', '--out', out]);
    let lines = 0;
    while (lines < 160) {
      await new Promise((r) => setTimeout(r, 25));
      const dirs = existsSync(out) ? runDirOrNull(out) : null;
      lines = dirs && existsSync(join(dirs, 'cases.jsonl')) ? readFileSync(join(dirs, 'cases.jsonl'), 'utf8').split('\n').filter(Boolean).length : 0;
    }
    child.kill('SIGINT');
    const interrupted = await done;
    expect(interrupted.code).toBe(3);
    expect(interrupted.stdout).toMatch(/^ratecheck: INCOMPLETE — /m);
    const dir = runDir(out);
    const partial = readJson<ResultsJson>(join(dir, 'results.json'));
    expect(partial.complete).toBe(false);
    expect(partial.notRun).toBeGreaterThan(0);
    expect(partial.cases.length).toBeGreaterThanOrEqual(160);
    // the partial run has its report, as the finished one does
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('class="banner incomplete">INCOMPLETE<');
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    const resumed = ratecheck('run', '--suite', medium, '--workers', '1', '--out', out, '--resume', dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    const final = readJson<ResultsJson>(join(dir, 'results.json'));
    expect(final.complete).toBe(true);
    const keys = final.cases.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    const lineKeys = readFileSync(join(dir, 'cases.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
    expect(new Set(lineKeys).size).toBe(lineKeys.length);
    expect((await fullRun).code).toBe(0);
    expect(comparable(final)).toEqual(comparable(readJson(join(runDir(full), 'results.json'))));
  }, 120_000);

  it('incomplete is never a pass: a run stopped by its time budget and a suite with no case to judge exit 3 with the INCOMPLETE banner', () => {
    const out = tempDir('budget');
    const r = ratecheck('run', '--suite', fixture('medium.suite.json'), '--time-budget', '1', '--workers', '1', '--out', out);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^ratecheck: INCOMPLETE — .*; INCOMPLETE: \d+ cases not run$/m);
    const dir = runDir(out);
    expect(readJson<ResultsJson>(join(dir, 'results.json'))).toMatchObject({ complete: false, exitCode: 3 });
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('class="banner incomplete">INCOMPLETE<');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).not.toContain('>PASS<');

    const empty = tempDir('empty');
    const suite = join(empty, 'empty.suite.json');
    writeFileSync(suite, JSON.stringify({ schema: 'ratecheck-suite/1', name: 'empty', entries: [{ property: 'step-bound', cases: 0, powerCases: 0 }] }));
    const e = ratecheck('run', '--suite', suite, '--out', join(empty, 'reports'));
    expect(e.code, e.stderr).toBe(3);
    expect(e.stdout).toMatch(/^ratecheck: INCOMPLETE — suite empty: 0 judged cases.*; INCOMPLETE: no case was judged$/m);
    expect(readFileSync(join(runDir(join(empty, 'reports')), 'index.html'), 'utf8')).toContain('class="banner incomplete">INCOMPLETE<');
  }, 60_000);

  it('baselines: compare passes on the same run, fails with exit 1 naming a regression, and replacing one needs --update', () => {
    const out = tempDir('baseline');
    expect(ratecheck('run', '--suite', fixture('small.suite.json'), '--out', out).code).toBe(0);
    const results = join(runDir(out), 'results.json');
    const file = join(out, 'baseline.json');
    expect(ratecheck('baseline', 'write', results, '--out', file).code).toBe(0);
    expect(ratecheck('baseline', 'compare', results, '--baseline', file).code).toBe(0);
    const again = ratecheck('baseline', 'write', results, '--out', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--update/);
    expect(ratecheck('baseline', 'write', results, '--out', file, '--update').code).toBe(0);
    // a baseline from a better past: fewer iterations to tolerance and smaller ratios than now
    const baseline = readJson<{ entries: Record<string, { iterationsToTolerance: number | null; ratios: Record<string, number | null> }> }>(file);
    const [hash, entry] = Object.entries(baseline.entries).find(([, e]) => e.iterationsToTolerance !== null && e.iterationsToTolerance > 4) ?? [];
    expect(entry).toBeDefined();
    baseline.entries[hash as string] = { ...(entry as { iterationsToTolerance: number; ratios: Record<string, number | null> }), iterationsToTolerance: 1 };
    writeFileSync(file, JSON.stringify(baseline));
    const compared = ratecheck('baseline', 'compare', results, '--baseline', file);
    expect(compared.code).toBe(1);
    expect(compared.stdout).toMatch(/regression .*: iterations to tolerance: 1 → \d+/);
    const gated = ratecheck('run', '--suite', fixture('small.suite.json'), '--out', tempDir('gated'), '--baseline', file);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/regression/);
  }, 60_000);

  it('run --backend tfjs: the cases run in float32 on the tfjs backend present, and the results say which; a data-heavy instance with 10⁵ samples holds and its power check is caught', () => {
    const out = tempDir('tfjs');
    const r = ratecheck('run', '--suite', fixture('tfjs-small.suite.json'), '--backend', 'tfjs', '--out', out);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const results = readJson<{ config: { backend: string; arithmetic: string; precision: { name: string; unitRoundoff: number } }; cases: { property: string; kind: string; status: string; dim: number; label: string }[] }>(join(runDir(out), 'results.json'));
    expect(results.config.backend).toBe('tfjs');
    const large = results.cases.filter((c) => c.property === 'large-data');
    expect(large.map((c) => `${c.kind} ${c.status}`).sort()).toEqual(['case holds', 'power violated']);
    expect(large.every((c) => /samples=100000/.test(c.label))).toBe(true);
    expect(results.config.arithmetic).toMatch(/^tfjs\/(tensorflow|webgpu|wasm|cpu) .*float32$/);
    expect(results.config.precision).toEqual({ name: 'float32', unitRoundoff: 2 ** -24 });
    expect(results.cases.length).toBeGreaterThan(30);
    expect(readFileSync(join(runDir(out), 'index.html'), 'utf8')).toContain(results.config.arithmetic);
  }, 120_000);

  it('a case that runs past its time limit is an error, never a pass, and the run goes on and exits 1', () => {
    const out = tempDir('timeout');
    const r = ratecheck('run', '--suite', fixture('small.suite.json'), '--case-timeout', '0.05', '--workers', '2', '--out', out);
    expect(r.code).toBe(1);
    const results = readJson<ResultsJson>(join(runDir(out), 'results.json'));
    expect(results.complete).toBe(true);
    const timedOut = results.cases.filter((c) => c.status === 'error');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(JSON.stringify(timedOut[0])).toMatch(/timed out after/);
  }, 60_000);

  it('the targeted search finds a strictly higher worst ratio than random generation with the same budget on some theorem, and keeps its near-miss', () => {
    const out = tempDir('target');
    const r = ratecheck('run', '--suite', fixture('small.suite.json'), '--target', '--target-budget', '40', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const results = readJson<{ targets: { theorem: string; randomWorst: number; targetedWorst: number; replay: string | null }[]; cases: { kind: string }[] }>(join(runDir(out), 'results.json'));
    for (const t of results.targets) console.log(`${t.theorem}: random ${t.randomWorst}, targeted ${t.targetedWorst}`);
    expect(results.targets.some((t) => t.targetedWorst > t.randomWorst)).toBe(true);
    expect(results.cases.filter((c) => c.kind === 'target').length).toBe(results.targets.length);
  }, 60_000);

  it.each([
    [['run', '--suite', 'nonesuch'], /unknown suite 'nonesuch'/],
    [['run', '--frobnicate'], /unknown option '--frobnicate'/],
    [['run', '--seed', 'banana'], /--seed must be a number, got 'banana'/],
    [['run', '--workers', '0'], /--workers must be ≥ 1/],
    [['run', '--shard', '3/2'], /--shard 3\/2/],
    [['run', '--suite', '/nonexistent/suite.json'], /cannot read suite file/],
    [['run', '--suite', fixture('malformed.suite.json')], /not valid JSON/],
    [['run', '--suite', fixture('unknown-property.suite.json')], /unknown property "no-such-property"/],
    [['run', '--suite', fixture('small.suite.json'), '--out', '/etc/passwd/reports'], /cannot write to/],
    [['run', '--backend', 'abacus'], /--backend abacus/],
    [['run', '--resume', '/nonexistent'], /no run.json there/],
    [['run', '--baseline', '/nonexistent.json'], /cannot read baseline/],
    [['replay', 'garbage'], /not a replay string/],
    [['replay', 'rc1:step-bound:case:!!!'], /scenario part/],
    [['replay', 'rc1:descent:case:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJxdWFkcmF0aWMiLCJwYXJhbXMiOnt9LCJkaW0iOjIsInNlZWQiOjF9LCJoZXNzaWFuIjoiZXhhY3QiLCJwZXJ0dXJiYXRpb25zIjpbXSwibW9kZSI6InN0cmljdCIsImdhbW1hMCI6MSwibWF4SXRlcnMiOjUsImdyYWRUb2xSZWxhdGl2ZSI6MWUtMDksIm1ldGhvZCI6eyJpZCI6Im5vcGUifX0'], /replay string: unknown method 'nope' \(known methods: gns, /],
    [['replay', 'rc1:descent:case:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJxdWFkcmF0aWMiLCJwYXJhbXMiOnt9LCJkaW0iOjIsInNlZWQiOjF9LCJoZXNzaWFuIjoiZXhhY3QiLCJwZXJ0dXJiYXRpb25zIjpbXSwibW9kZSI6InN0cmljdCIsImdhbW1hMCI6MSwibWF4SXRlcnMiOjUsImdyYWRUb2xSZWxhdGl2ZSI6MWUtMDksIm1ldGhvZCI6eyJpZCI6ImdyYWRpZW50Iiwib3B0aW9ucyI6eyJMMCI6MSwiYm9ndXMiOjJ9fX0'], /replay string: method 'gradient' has no option 'bogus'/],
    [['report', '/nonexistent/results.json'], /cannot read results file/],
    [['merge', fixture('small.suite.json'), fixture('medium.suite.json'), '--out', '/tmp'], /"schema" must be "ratecheck-results\/1"/],
    [['merge', fixture('small.suite.json'), fixture('small.suite.json'), '--out', '/tmp'], /at least two shards: .* are one file/],
    [['baseline', 'frobnicate'], /'write' or 'compare'/],
  ])('bad input %j exits 2 with one line and no stack trace', (args, message) => {
    const r = ratecheck(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

function runDirOrNull(out: string): string | null {
  try {
    return runDir(out);
  } catch {
    return null;
  }
}
