import os from 'node:os';
import { relative } from 'node:path';
import { powerVerdictText } from '../../harness/power-judgement.js';
import { resumeDefaults, runSuite } from '../../harness/run-suite.js';
import type { Results } from '../../harness/results.js';
import { isJudged, judgedCasesByMethod, verdictOfExitCode } from '../../harness/summarize.js';
import { SUITE_NAMES } from '../../harness/suite-source.js';
import { capWorkers, thisMachine } from '../../harness/worker-capacity.js';
import { numberOption, parseOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import { writeReport } from '../../report/write-report.js';
import { failsGate } from '../../theory/verdict.js';
import { InputError } from '../../input-error.js';
import type { SolverRequest } from '../../harness/solver-under-test.js';
import { parseCapabilities } from '../../solver-process/declared-capabilities.js';
import { parseSolverOptions } from '../../solver-process/process-method.js';
import { isUserFamily } from '../../harness/suite-problems.js';
import { coverageLines } from '../../coverage/coverage-lines.js';

export const RUN_HELP = `usage: ratecheck run [options]

Checks a suite of properties on random certified instances, streams every case to
<out>/<run-id>/cases.jsonl, and writes results.json, index.html, junit.xml and CSV files there
(<out>/latest points at the newest run). Exit code 0 (PASS): every judged case holds and every power
check is compatible with the catch rate its property promises; 1 (FAIL): a violation, an error, a
failed power check or a baseline regression; 2: bad usage or input; 3 (INCOMPLETE, never a pass):
cases not run (time budget, Ctrl-C) or no case judged. Diagnostics (theorems marked so by
\`ratecheck list theorems\`) are shown, never gating.

  --suite NAME|FILE   ${SUITE_NAMES.join(' | ')}, or a suite file (ratecheck-suite/1 JSON) (default ci)
                      (a suite file's "problems": your own objectives, verified first, docs/api.md §3;
                      its "solver": a solver process, as --solver-cmd)
  --seed N            base seed: entry i draws from mixSeed(N, i), independent of seed N + 1 (default: the suite's own seeds)
  --out DIR           reports folder (default reports)
  --workers N         worker threads (default: the cores; capped to what cores and memory hold); results do not depend on it
  --backend NAME      cpu (float64, default) or tfjs (float32 on the best TensorFlow.js backend present)
  --require-gpu       exit 2 unless a GPU-backed backend is active
  --shard I/N         run the I-th of N disjoint parts (join them with ratecheck merge)
  --time-budget S     stop starting new cases after S seconds (the run is then INCOMPLETE, exit 3)
  --case-timeout S    a case running longer is an error (default 120)
  --target            after the random cases, search each theorem for its worst ratio (audit does)
  --target-budget N   scenario runs per theorem for the random and the targeted search (default 40)
  --resume DIR        complete an interrupted run in DIR with its own settings (others given must match): no case lost or repeated
  --corpus FILE       corpus of past counterexamples and near-misses (default suites/corpus.json)
  --update-corpus     add this run's violations and near-misses to the corpus
  --baseline FILE     compare with a baseline (ratecheck baseline write); a regression exits 1
  --tolerance FILE    regression limits (ratecheck-tolerance/1 JSON)
  --solver-cmd CMD    check a solver process (docs/solver-protocol.md) in place of the methods the
                      scenarios name, on the properties whose theorems its capabilities can meet
  --solver-capabilities LIST  what it declares, comma-separated (default: what its hello declares)
  --solver-options JSON       options sent to it with every problem (a JSON object)
  --no-shrink         report violations as found, without shrinking them to simpler cases
  --method ID         one of ratecheck's methods (ratecheck list methods) in place of the methods the
                      scenarios name, as --solver-cmd does for a solver process
  --coverage          count which lines and branches of src/solvers/ the scenarios reach, in every
                      thread; printed, in results.json and in the report (not with --resume or --solver-cmd)`;

const OPTIONS = {
  suite: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  backend: { type: 'string' },
  shard: { type: 'string' },
  'time-budget': { type: 'string' },
  'case-timeout': { type: 'string' },
  target: { type: 'boolean' },
  'target-budget': { type: 'string' },
  resume: { type: 'string' },
  corpus: { type: 'string' },
  'update-corpus': { type: 'boolean' },
  baseline: { type: 'string' },
  tolerance: { type: 'string' },
  'require-gpu': { type: 'boolean' },
  'solver-cmd': { type: 'string' },
  'solver-capabilities': { type: 'string' },
  'solver-options': { type: 'string' },
  method: { type: 'string' },
  'no-shrink': { type: 'boolean' },
  coverage: { type: 'boolean' },
} as const;

/** --solver-cmd with its capabilities and options, or null without it */
function solverOption(v: { 'solver-cmd'?: string; 'solver-capabilities'?: string; 'solver-options'?: string }): SolverRequest | null {
  if (v['solver-cmd'] === undefined) {
    if (v['solver-capabilities'] !== undefined || v['solver-options'] !== undefined) throw new InputError('--solver-capabilities and --solver-options need --solver-cmd');
    return null;
  }
  if (v['solver-cmd'].trim() === '') throw new InputError('--solver-cmd must name a command');
  const capabilities = v['solver-capabilities'] === undefined ? undefined : parseCapabilities(v['solver-capabilities']);
  if (typeof capabilities === 'string') throw new InputError(`--solver-capabilities: ${capabilities}`);
  const options = v['solver-options'] === undefined ? undefined : parseSolverOptions(v['solver-options']);
  if (typeof options === 'string') throw new InputError(`--solver-options: ${options}`);
  return { command: v['solver-cmd'], ...(capabilities ? { capabilities } : {}), ...(options ? { options } : {}) };
}

function shardOption(text: string | undefined): { index: number; count: number } | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new InputError(`--shard must look like I/N (e.g. 1/2), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) throw new InputError(`--shard ${text}: need 1 ≤ I ≤ N`);
  return { index, count };
}

/** `suiteFile`: the suite named on the command line, which a replay of a case on its user problems needs (--problems) */
function summaryLines(r: Results, dir: string, suiteFile: string): string[] {
  const lines: string[] = [];
  for (const p of r.properties) {
    if (p.violated > 0 || p.errors > 0) lines.push(`  ${p.id}: ${p.violated} violated, ${p.errors} errors of ${p.cases} judged cases`);
    if (p.power && p.power.status !== 'caught') lines.push(`  ${p.id}: power check ${p.power.status === 'failed' ? 'FAILED' : 'not judged'}: ${powerVerdictText(p.power)}`);
  }
  for (const c of r.cases) {
    if ((c.status === 'violated' && c.kind !== 'power') || c.status === 'error') {
      lines.push(`  ${c.status} ${c.key}: ${c.reason ?? Object.entries(c.verdicts).filter(([, v]) => failsGate(v)).map(([id, v]) => `${id} ratio ${v.worstRatio} at ${v.where}`).join('; ')}`);
      const problems = isUserFamily(c.family) ? ` --problems ${suiteFile}` : '';
      lines.push(`    replay: ratecheck replay '${c.shrunk?.replay ?? c.replay}'${problems}${c.shrunk ? ` (shrunk: ${c.shrunk.summary})` : ''}`);
    }
  }
  for (const g of r.regressions) lines.push(`  regression ${g.key}: ${g.what}: ${g.baseline} → ${g.now}`);
  const judged = r.cases.filter(isJudged);
  const count = (status: string) => judged.filter((c) => c.status === status).length;
  const powerCases = r.cases.filter((c) => c.kind === 'power').length;
  const powers = r.properties.filter((p) => p.power);
  const verdict = verdictOfExitCode(r.exitCode).toUpperCase();
  lines.unshift(
    `ratecheck: ${verdict} — suite ${r.config.suite}: ${judged.length} judged cases (${count('holds')} held, ${count('violated')} violated, ${count('error')} errors, ${count('skipped')} skipped), ${powerCases} power cases; ` +
      (powers.length > 0 ? `power checks ${powers.filter((p) => p.power?.status === 'caught').length}/${powers.length} caught${powers.some((p) => p.power?.status === 'too-few') ? ` (${powers.filter((p) => p.power?.status === 'too-few').length} too few to judge)` : ''}; ` : 'no power checks; ') +
      `95% bound on the violation probability ${r.violationBound.bound95.toExponential(2)} over the ${r.violationBound.instances} judged cases that held` +
      (r.complete ? '' : `; INCOMPLETE: ${r.notRun} cases not run`) +
      (r.complete && r.exitCode === 3 ? '; INCOMPLETE: no case was judged' : ''),
  );
  const s = r.config.solver;
  if (s) lines.splice(1, 0, `solver process: ${s.command}${s.name ? ` (${s.name})` : ''}, ${s.protocol}, capabilities ${s.capabilities.join(', ') || 'none'}${s.leftOut.length > 0 ? `; left out (no theorem its capabilities meet): ${s.leftOut.join(', ')}` : ''}`);
  const methods = judgedCasesByMethod(r.cases);
  if (methods.length > 0) lines.splice(1, 0, `methods: ${methods.map((m, i) => `${m.method} (${m.cases}${i === 0 ? ' cases' : ''})`).join(', ')}`);
  const shown = relative(process.cwd(), dir);
  lines.push(`report: ${shown.startsWith('..') ? dir : shown || '.'}/index.html`);
  return lines;
}

export async function run(args: readonly string[]): Promise<number> {
  const { values: v } = parseOptions(args, OPTIONS, { min: 0, max: 0, what: '' });
  const seed = numberOption('--seed', v.seed, { integer: true, min: 0 });
  const asked = numberOption('--workers', v.workers, { integer: true, min: 1 });
  const { workers, note: workersNote } = capWorkers(asked ?? os.availableParallelism(), thisMachine(), asked === undefined ? 'the default worker count' : `--workers ${v.workers}`);
  const progress = progressReporter(process.stderr);
  let stop: () => void = () => {};
  const interrupt = new Promise<void>((resolve) => (stop = resolve));
  const onSigint = () => {
    process.stderr.write('\nratecheck: interrupted; writing partial results (complete them with --resume)\n');
    stop();
  };
  // --resume DIR takes the run's own settings from DIR/run.json where the command line gives none
  const resumed = v.resume ? resumeDefaults(v.resume) : {};
  const options = {
    suite: v.suite ?? resumed.suite ?? 'ci',
    ...(seed !== undefined ? { seed } : resumed.seed !== undefined ? { seed: resumed.seed } : {}),
    out: v.out ?? 'reports',
    backend: v.backend ?? resumed.backend ?? 'cpu',
    workers,
    shard: v.shard !== undefined ? shardOption(v.shard) : (resumed.shard ?? null),
    timeBudgetSeconds: numberOption('--time-budget', v['time-budget'], { min: 0, exclusiveMin: true }) ?? null,
    caseTimeoutSeconds: numberOption('--case-timeout', v['case-timeout'], { min: 0, exclusiveMin: true }) ?? 120,
    target: v.target ?? resumed.target ?? false,
    targetBudget: numberOption('--target-budget', v['target-budget'], { integer: true, min: 4 }) ?? 40,
    resume: v.resume ?? null,
    corpus: v.corpus ?? resumed.corpus ?? null,
    updateCorpus: v['update-corpus'] ?? false,
    baseline: v.baseline ?? null,
    tolerance: v.tolerance ?? null,
    requireGpu: v['require-gpu'] ?? false,
    solver: solverOption(v) ?? resumed.solver ?? null,
    method: v.method ?? resumed.method ?? null,
    shrink: !(v['no-shrink'] ?? false),
    coverage: v.coverage ?? false,
  };
  if (workersNote) process.stderr.write(`${workersNote}\n`);
  process.once('SIGINT', onSigint);
  try {
    const outcome = await runSuite({ ...options, target: options.target || options.suite === 'audit' }, (p) => progress.update(p), interrupt);
    writeReport(outcome.results, outcome.dir);
    progress.end();
    process.stdout.write(`${summaryLines(outcome.results, outcome.dir, options.suite).join('\n')}\n`);
    if (outcome.corpusAdded > 0) process.stdout.write(`corpus: ${outcome.corpusAdded} new entries\n`);
    if (outcome.results.coverage) process.stdout.write(`${coverageLines(outcome.results.coverage).join('\n')}\n`);
    return outcome.results.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
