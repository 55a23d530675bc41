import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results } from '../src/harness/results.js';
import { failsGate } from '../src/theory/verdict.js';

/**
 * The false-alarm benchmark: the unmodified solver under the gate on seeds that no suite uses by
 * default — `ratecheck run --suite ci --seed S` for S = 1…20 and `--suite audit --seed S` for
 * S = 1…3 (each entry then draws from mixSeed(S, i), never the suites' own 1000 + i, 2000 + i,
 * 3000 + i). A sound gate fails none of them, and every power check is judged and caught in each.
 * `-- --ci N --audit M` runs the first N and M seeds; `-- --json` prints one JSON line at the end.
 */

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const ciSeeds = option('--ci', 20);
const auditSeeds = option('--audit', 3);
const json = argv.includes('--json');
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');

interface RunRow {
  readonly suite: string;
  readonly seed: number;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly judged: number;
  readonly violations: readonly string[];
  readonly errors: number;
  readonly powerNotCaught: readonly string[];
  readonly complete: boolean;
}

function runOnce(suite: string, seed: number): RunRow {
  const out = mkdtempSync(join(tmpdir(), `ratecheck-false-alarm-${suite}-${seed}-`));
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, 'run', '--suite', suite, '--seed', String(seed), '--out', out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  let results: Results | null = null;
  try {
    results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as Results;
  } catch {
    // no results: reported below as a failed run
  }
  rmSync(out, { recursive: true, force: true });
  if (!results) return { suite, seed, exitCode: child.status, seconds, judged: 0, violations: [`no results (${child.stderr.trim().split('\n').pop()})`], errors: 0, powerNotCaught: [], complete: false };
  const violations = results.cases.filter((c) => c.kind !== 'power' && c.status === 'violated').map((c) => `${c.key}: ${Object.entries(c.verdicts).filter(([, v]) => failsGate(v)).map(([id, v]) => `${id} ratio ${v.worstRatio.toPrecision(4)}`).join(', ')} — ratecheck replay '${c.replay}'`);
  return {
    suite,
    seed,
    exitCode: child.status,
    seconds,
    judged: results.properties.reduce((s, p) => s + p.cases, 0),
    violations,
    errors: results.properties.reduce((s, p) => s + p.errors, 0),
    powerNotCaught: results.properties.filter((p) => p.power && p.power.status !== 'caught').map((p) => `${p.id} ${p.power!.status} ${p.power!.caught}/${p.power!.applicable}`),
    complete: results.complete,
  };
}

const rows: RunRow[] = [];
for (const [suite, count] of [
  ['ci', ciSeeds],
  ['audit', auditSeeds],
] as const) {
  for (let seed = 1; seed <= count; seed++) {
    const r = runOnce(suite, seed);
    rows.push(r);
    const failed = r.exitCode !== 0;
    console.log(
      `${suite} --seed ${seed}: exit ${r.exitCode} in ${r.seconds.toFixed(0)} s, ${r.judged} judged cases, ${r.violations.length} violated, ${r.errors} errors` +
        (r.powerNotCaught.length ? `; power not caught: ${r.powerNotCaught.join('; ')}` : '; every power check caught') +
        (failed ? ' FAILED' : ''),
    );
    for (const v of r.violations) console.log(`    ${v}`);
  }
}
const failing = (suite: string) => rows.filter((r) => r.suite === suite && r.exitCode !== 0).length;
const powerEverywhere = rows.every((r) => r.powerNotCaught.length === 0);
console.log(`false alarms: ci ${failing('ci')}/${ciSeeds} runs failed, audit ${failing('audit')}/${auditSeeds} runs failed; every power check judged and caught in every run: ${powerEverywhere ? 'yes' : 'no'}`);
if (json) console.log(JSON.stringify({ ci: { failed: failing('ci'), runs: ciSeeds }, audit: { failed: failing('audit'), runs: auditSeeds }, powerEverywhere, rows }));
process.exitCode = failing('ci') + failing('audit') === 0 && powerEverywhere ? 0 : 1;
