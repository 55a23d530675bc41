import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type PaperExperiment, runPaperExperiment } from '../../suites/paper.js';
import { loadBackend } from '../backends/index.js';
import { InputError } from '../input-error.js';
import { assembleResults } from './assemble-results.js';
import { addToCorpus, corpusCandidates, corpusJobs, defaultCorpusPath, readCorpus } from './corpus.js';
import { compareWithBaseline, DEFAULT_TOLERANCE, readBaseline, readTolerance } from './baseline.js';
import type { CaseJob } from './case-job.js';
import { entryJobs, entryPositions, planCases, plannedKeys, type Shard } from './plan.js';
import type { CaseResult, PaperRunRow, ProfileRow, Results, RunConfig, TargetSummary } from './results.js';
import { appendCase, readCases, toJson, writeJsonAtomic } from './results-io.js';
import { errorCase } from './run-case.js';
import { resolveSuite } from './suite-source.js';
import { entryProblemIds, isUserFamily, type ProblemSource, registerProblemSources } from './suite-problems.js';
import { probeSolver, type SolverRequest, solverMethod, withSolver } from './solver-under-test.js';
import { withMethod } from './method-in-place.js';
import { methodById } from '../methods/registry.js';
import type { Scenario } from '../scenarios/scenario.js';
import { theoremFitsMethod } from '../theory/method-capabilities.js';
import type { TargetJob } from './target-search.js';
import { type PoolTask, WorkerPool } from './worker-pool.js';
import { finishSolverCoverage, startSolverCoverage } from '../coverage/solver-coverage.js';
import type { WorkerReply } from './worker-protocol.js';

/** From this many planned cases on, the entries' scenarios are drawn on the workers (the ci suite: 11608, its draws 3.4 s); below, on the main thread while the workers start. */
const DRAW_ON_WORKERS_MIN_CASES = 1000;

export const BACKENDS_FOR_RUN = ['cpu', 'tfjs'] as const;

export interface RunOptions {
  readonly suite: string;
  readonly seed?: number;
  /** the reports folder: the run writes <out>/<run-id>/ and points <out>/latest at it */
  readonly out: string;
  readonly backend: string;
  readonly workers: number;
  readonly shard: Shard | null;
  readonly timeBudgetSeconds: number | null;
  readonly caseTimeoutSeconds: number;
  readonly target: boolean;
  /** scenario runs per theorem for each of the random and the targeted search */
  readonly targetBudget: number;
  /** a run folder to complete (written by an interrupted run with the same settings) */
  readonly resume: string | null;
  readonly corpus: string | null;
  readonly updateCorpus: boolean;
  readonly baseline: string | null;
  readonly tolerance: string | null;
  /** refuse to run (exit 2) unless a GPU-backed backend is active */
  readonly requireGpu: boolean;
  /** a solver process checked in place of the methods the scenarios name (over the suite file's `solver`) */
  readonly solver?: SolverRequest | null;
  /** shrink each violated case to a simpler one that still violates (default true) */
  readonly shrink?: boolean;
  /** a registered method (its id) checked in place of the methods the scenarios name, as a solver process is (e.g. to compare one with the other) */
  readonly method?: string | null;
  /** count which lines and branches of src/solvers/ the run reaches, in every thread (results.coverage) */
  readonly coverage?: boolean;
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly violated: number;
  readonly errors: number;
  readonly phase: string;
}

export interface RunOutcome {
  readonly results: Results;
  readonly dir: string;
  readonly interrupted: boolean;
  readonly corpusAdded: number;
}

/** drawing an entry took at most 1.4 s in the ci suite (pgd-descent, saddle-avoidance; 2 cores): one past ten minutes is a hung arbitrary */
const DRAW_TIMEOUT_MS = 600_000;

const RUN_FILE = 'run.json';
const CASES_FILE = 'cases.jsonl';
const TARGETS_FILE = 'targets.jsonl';

/** The options a run was started with that `--resume` reuses where the command line does not give them. */
export type ResumeDefaults = Pick<RunOptions, 'suite' | 'seed' | 'backend' | 'shard' | 'target' | 'corpus' | 'solver' | 'method'>;

/** The settings of the run in `dir` (run.json), for `run --resume DIR` with no other options. */
export function resumeDefaults(dir: string): Partial<ResumeDefaults> {
  try {
    const run = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as { invocation?: Partial<ResumeDefaults> };
    return run.invocation ?? {};
  } catch {
    return {}; // runSuite names what is wrong with the folder
  }
}

/** A timestamp for run ids and folder names: 20261123T120000Z. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** A run id safe as a folder name whatever the suite is called. */
function runIdOf(suite: string, seed: number, shard: Shard | null, at: Date): string {
  const safe = basename(suite).replace(/\.json$/, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'suite';
  return `${safe}-${stamp(at)}-s${seed}${shard ? `-shard${shard.index}of${shard.count}` : ''}`;
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new InputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/**
 * The settings a resumed run must share with the run it completes, each named by its flag: those that
 * differ, as `--seed: 2000 in that run, 7 now` (empty when the run can be resumed).
 */
function resumeKey(previous: Partial<RunConfig>, now: RunConfig): string[] {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return 'none';
    if (typeof v === 'object' && 'index' in v && 'count' in v) return `${String(v.index)}/${String(v.count)}`;
    return typeof v === 'string' ? v : toJson(v);
  };
  const settings: [string, unknown, unknown][] = [
    ['--suite', previous.suite, now.suite],
    ['--seed', previous.seed, now.seed],
    ['--backend', previous.backend, now.backend],
    ['--shard', previous.shard, now.shard],
    ['--target', previous.target, now.target],
    ['--corpus', previous.corpus, now.corpus],
    ['--solver-cmd', previous.solver?.command, now.solver?.command],
  ];
  return settings.filter(([, was, is]) => toJson(was) !== toJson(is)).map(([flag, was, is]) => `${flag}: ${show(was)} in that run, ${show(is)} now`);
}

/** A suite's experiments (the paper's, the peers' comparisons): their solver comparisons (profiles) and every run's rate diagnostics. */
function runExperiments(experiments: readonly PaperExperiment[]): { profiles: ProfileRow[]; paperRuns: PaperRunRow[] } {
  const profiles: ProfileRow[] = [];
  const paperRuns: PaperRunRow[] = [];
  for (const e of experiments) {
    for (const r of runPaperExperiment(e)) {
      profiles.push({ problem: `${r.experiment}/${r.instance}`, solver: r.run, iterations: r.to[1], gradCalls: r.gradCallsTo1e6, dim: r.dim });
      paperRuns.push({ experiment: r.experiment, what: e.what, instance: r.instance, run: r.run, status: r.status, iterations: r.iterations, to: r.to, error: e.error, qLinearTail: r.qLinearTail, logLogOrder: r.logLogOrder, gammaRange: r.gammaRange, regime: { kind: r.regime.kind, floorAt: r.regime.floorAt }, theory: r.theory, series: r.series });
    }
  }
  return { profiles, paperRuns };
}

/**
 * Runs a suite: plans its cases (corpus replays first), runs them on worker threads while streaming
 * each result to cases.jsonl, optionally searches for near-misses, then writes results.json; the
 * caller writes the report from the results it returns (src/report). `interrupt` resolves when the user
 * asks to stop (SIGINT): cases in flight are dropped, a partial results.json is written, and `resume`
 * later runs exactly the cases not yet recorded.
 */
export async function runSuite(o: RunOptions, onProgress: (p: Progress) => void, interrupt: Promise<void>): Promise<RunOutcome> {
  if (!(BACKENDS_FOR_RUN as readonly string[]).includes(o.backend)) {
    throw new InputError(`--backend ${o.backend}: suites run on ${BACKENDS_FOR_RUN.join('|')} in this build (the decimal backend is for \`ratecheck solve\`)`);
  }
  const loaded = await loadBackend(o.backend);
  if (!loaded.ok) throw new InputError(loaded.message);
  if (o.requireGpu && loaded.backend.withoutGpu !== null) throw new InputError(`--require-gpu: no GPU-backed backend is active (${loaded.backend.withoutGpu})`);
  const precision = loaded.backend.precision;
  const named = resolveSuite(o.suite, o.seed);
  if (o.target && named.problems.length > 0) throw new InputError(`--target: the targeted search mutates the properties' own instances, not the problems suite ${named.name} brings`);
  // the suite's own problems: verified (a false claim is bad input, before any case runs) and registered
  const problemFamilies = await registerProblemSources(named.problems);
  const problemSources = new Map<string, ProblemSource>(problemFamilies.map((f, i) => [f.id, named.problems[i]]));
  const resolved = problemFamilies.length === 0 ? named : { ...named, entries: named.entries.map((e, i) => ({ ...e, problems: entryProblemIds(problemFamilies, e.problems, `suite file ${o.suite}: entries[${i}].problems`) })) };
  const solverRequest = o.solver ?? resolved.solver;
  if (resolved.experiments.length > 0 && (solverRequest || o.method)) throw new InputError(`suite ${resolved.name} runs experiments with ratecheck's own methods: it takes no solver process or method in their place`);
  if (o.coverage && solverRequest) throw new InputError('--coverage counts ratecheck\'s own solvers (src/solvers/): a solver process runs its own code');
  const solver = solverRequest ? probeSolver(solverRequest) : null;
  const method = o.method ? methodById(o.method) : null;
  if (o.method && !method) throw new InputError(`unknown method '${o.method}' (ratecheck list methods)`);
  if (method?.withOptions) throw new InputError(`--method ${method.id}: its options name what it is (for a solver process: --solver-cmd)`);
  if (solver && method) throw new InputError('a solver process and a method cannot both replace the scenarios\' methods');
  if (o.coverage && o.resume) throw new InputError('--coverage counts what this process runs: it cannot complete an interrupted run (--resume)');
  const subject = solver ? solverMethod(solver) : method;
  const inPlace = solver ? (s: Scenario) => withSolver(s, solver) : method ? (s: Scenario) => withMethod(s, method) : null;
  // with a subject in place, the properties that have a theorem its capabilities can meet
  const suite = subject ? { ...resolved, entries: resolved.entries.filter((e) => e.subject === 'defective' || e.property.theorems.some((t) => theoremFitsMethod(t, subject))) } : resolved;
  const leftOut = resolved.entries.filter((e) => !suite.entries.includes(e)).map((e) => e.property.id);
  if (suite.entries.length === 0 && suite.experiments.length === 0) throw new InputError(`no property of suite ${resolved.name} has a theorem the capabilities of ${subject?.id ?? 'the method'} (${subject?.capabilities.join(', ') || 'none'}) can meet`);
  const seed = o.seed ?? suite.entries[0]?.seed ?? 0;
  const corpusPath = o.corpus ?? defaultCorpusPath();
  const corpus = readCorpus(corpusPath, o.corpus !== null);
  const tolerance = o.tolerance ? readTolerance(o.tolerance) : DEFAULT_TOLERANCE;
  const baseline = o.baseline ? readBaseline(o.baseline) : null;
  const config: RunConfig = {
    suite: suite.name,
    suiteDescription: suite.description,
    seed,
    backend: o.backend,
    arithmetic: loaded.backend.arithmetic,
    precision: { name: precision.name, unitRoundoff: precision.unitRoundoff },
    shard: o.shard,
    timeBudgetSeconds: o.timeBudgetSeconds,
    caseTimeoutSeconds: o.caseTimeoutSeconds,
    target: o.target,
    corpus: resolve(corpusPath),
    baseline: o.baseline ? resolve(o.baseline) : null,
    solver: solver ? { ...solver, leftOut } : null,
  };
  const properties = suite.entries.map((e) => e.property);
  // the corpus holds ratecheck's own past counterexamples: not replayed on another subject
  const replays = subject ? [] : corpusJobs(corpus, new Set(properties.map((p) => p.id)), o.backend).filter((_, i) => !o.shard || i % o.shard.count === o.shard.index - 1);
  const asked = (j: CaseJob): CaseJob => (o.shrink === false ? { ...j, shrink: false } : j);
  // the cases the run plans, by key: the corpus replays, then the entries' cases (drawn on the workers, below)
  const keys = [...replays.map((j) => j.key), ...plannedKeys(suite.entries, o.shard)];
  // --coverage counts each thread it names (the workers and the main thread): there the main thread draws, before the counts
  // start; so does a small run, whose draws take less than a worker's start-up they would wait for
  const drawOnWorkers = !o.coverage && keys.length >= DRAW_ON_WORKERS_MIN_CASES;
  const drawnHere = drawOnWorkers ? [] : planCases(suite.entries, o.backend, o.shard, inPlace, problemSources);

  let dir: string;
  let runId: string;
  let createdAt: string;
  const recorded = new Map<string, CaseResult>();
  const targets: TargetSummary[] = [];
  if (o.resume) {
    dir = o.resume;
    const runFile = join(dir, RUN_FILE);
    if (!existsSync(runFile)) throw new InputError(`--resume ${dir}: no ${RUN_FILE} there (not a run folder)`);
    let previous: { runId: string; createdAt: string; config: RunConfig };
    try {
      previous = JSON.parse(readFileSync(runFile, 'utf8')) as typeof previous;
    } catch {
      throw new InputError(`--resume ${dir}: ${RUN_FILE} is not valid JSON`);
    }
    const differing = resumeKey(previous.config ?? {}, config);
    if (differing.length > 0) throw new InputError(`--resume ${dir}: that run used other settings (${differing.join('; ')})`);
    ({ runId, createdAt } = previous);
    ensureWritable(dir);
    for (const c of readCases(join(dir, CASES_FILE))) recorded.set(c.key, c);
    for (const line of existsSync(join(dir, TARGETS_FILE)) ? readFileSync(join(dir, TARGETS_FILE), 'utf8').split('\n') : []) {
      try {
        if (line.trim()) targets.push(JSON.parse(line) as TargetSummary);
      } catch {
        // a line cut off by the interruption: that search runs again
      }
    }
  } else {
    const at = new Date();
    runId = runIdOf(suite.name, seed, o.shard, at);
    createdAt = at.toISOString();
    dir = join(o.out, runId);
    ensureWritable(dir);
    const invocation: ResumeDefaults = { suite: o.suite.endsWith('.json') ? resolve(o.suite) : o.suite, ...(o.seed !== undefined ? { seed: o.seed } : {}), backend: o.backend, shard: o.shard, target: o.target, corpus: o.corpus === null ? null : resolve(o.corpus), solver: o.solver ?? null, method: o.method ?? null };
    writeJsonAtomic(join(dir, RUN_FILE), { runId, createdAt, config, invocation });
  }

  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let interrupted = false;
  const coverage = o.coverage ? await startSolverCoverage() : null;
  const pool = new WorkerPool(o.workers, coverage && ((worker) => coverage.takeFrom(worker)));
  void interrupt.then(() => {
    interrupted = true;
    void pool.stop();
  });
  const withinBudget = () => !interrupted && (o.timeBudgetSeconds === null || elapsed() < o.timeBudgetSeconds);
  /** the results so far, written at the start and every few seconds while the run goes on */
  const snapshot = (notRun: number): Results =>
    assembleResults({ runId, createdAt, complete: false, notRun, config, workers: o.workers, properties, cases: [...recorded.values()], targets, profiles: [], paperRuns: [], regressions: [], seconds: elapsed() });
  writeJsonAtomic(join(dir, 'results.json'), snapshot(keys.length - recorded.size));

  let violated = [...recorded.values()].filter((c) => c.status === 'violated' && c.kind !== 'power').length;
  let errors = [...recorded.values()].filter((c) => c.status === 'error').length;
  const total = keys.length;
  onProgress({ done: recorded.size, total, violated, errors, phase: 'cases (judged + power)' });
  const caseTask = (job: CaseJob): PoolTask => ({
    request: { type: 'case', job },
    timeoutMs: o.caseTimeoutSeconds * 1000,
    failed: (reason, seconds): WorkerReply => ({ type: 'case', result: errorCase(job, reason, seconds) }),
  });
  // each entry's scenarios are drawn on a worker, and its cases queued as they arrive: no thread waits for the others' draws
  const firstPositions = entryPositions(suite.entries);
  const drawTasks: PoolTask[] = (drawOnWorkers ? suite.entries : []).map((e, entry) => ({
    request: { type: 'draw', job: { entry, property: e.property.id, cases: e.cases, powerCases: e.powerCases, seed: e.seed, subject: e.subject, ...(e.problems ? { problems: e.problems } : {}), sources: e.problems && e.problems.length > 0 ? named.problems : [] } },
    timeoutMs: Math.max(o.caseTimeoutSeconds * 1000, DRAW_TIMEOUT_MS),
    failed: (reason): WorkerReply => ({ type: 'draws', entry, error: reason }),
    addsTasks: true,
  }));
  let drawFailure: string | null = null;
  const casesOf = (reply: Extract<WorkerReply, { type: 'draws' }>): PoolTask[] => {
    const e = suite.entries[reply.entry];
    if ('error' in reply) {
      drawFailure ??= `drawing the cases of ${e.property.id}: ${reply.error}`;
      return [];
    }
    return entryJobs(e, reply.draws, firstPositions[reply.entry], o.backend, o.shard, inPlace, problemSources)
      .map(asked)
      .filter((j) => !recorded.has(j.key))
      .map(caseTask);
  };
  // a snapshot assembles every case so far (O(cases)): the main thread spends at most a fiftieth of its
  // time on them, or it would starve the workers it feeds (it shares their cores)
  let lastSnapshot = performance.now();
  let snapshotCost = 0;
  const record = (c: CaseResult) => {
    recorded.set(c.key, c);
    appendCase(join(dir, CASES_FILE), c);
    if (c.status === 'violated' && c.kind !== 'power') violated++;
    if (c.status === 'error') errors++;
    if (performance.now() - lastSnapshot > Math.max(5000, 50 * snapshotCost)) {
      const started = performance.now();
      writeJsonAtomic(join(dir, 'results.json'), snapshot(total - recorded.size));
      lastSnapshot = performance.now();
      snapshotCost = lastSnapshot - started;
    }
  };
  await pool.run(
    [...drawTasks, ...[...replays, ...drawnHere].map(asked).filter((j) => !recorded.has(j.key)).map(caseTask)],
    (reply) => {
      if (reply.type === 'draws') return casesOf(reply);
      if (reply.type !== 'case') return;
      record(reply.result);
      onProgress({ done: recorded.size, total, violated, errors, phase: 'cases (judged + power)' });
    },
    () => drawFailure === null && withinBudget(),
  );
  if (drawFailure !== null) {
    await pool.stop();
    throw new Error(drawFailure);
  }
  // the cases not run (an entry not drawn within the time budget is all its cases)
  let notRun = keys.filter((k) => !recorded.has(k)).length;

  // the targeted search draws ratecheck's own methods' scenarios: not run on another subject
  if (o.target && !subject && !interrupted) {
    const done = new Set(targets.map((t) => `${t.property}/${t.theorem}`));
    const targetJobs: TargetJob[] = suite.entries
      .filter((e) => e.subject === 'solver')
      .flatMap((e) => e.property.theorems.filter((t) => t.gating).map((t) => ({ property: e.property.id, theorem: t.id, seed: e.seed + 7919, budget: o.targetBudget, backend: o.backend })))
      .map((j, index) => ({ ...j, index }))
      .filter((j, position) => (!o.shard || position % o.shard.count === o.shard.index - 1) && !done.has(`${j.property}/${j.theorem}`));
    let searched = 0;
    onProgress({ done: 0, total: targetJobs.length, violated, errors, phase: 'targeted search' });
    const targetTasks: PoolTask[] = targetJobs.map((job) => ({
      request: { type: 'target', job },
      timeoutMs: Math.max(o.caseTimeoutSeconds, 2) * 1000 * Math.max(4, job.budget),
      failed: (reason): WorkerReply => ({
        type: 'target',
        summary: { property: job.property, theorem: job.theorem, budget: job.budget, randomWorst: NaN, targetedWorst: NaN, replay: null, error: `targeted search ${reason}` },
        nearMisses: [],
      }),
    }));
    notRun += await pool.run(
      targetTasks,
      (reply) => {
        if (reply.type !== 'target') return;
        targets.push(reply.summary);
        appendFileSync(join(dir, TARGETS_FILE), `${toJson(reply.summary)}\n`);
        for (const c of reply.nearMisses) record(c);
        onProgress({ done: ++searched, total: targetJobs.length, violated, errors, phase: 'targeted search' });
      },
      withinBudget,
    );
  }
  await pool.stop();

  const experiments = interrupted ? [] : suite.experiments;
  if (experiments.length > 0) onProgress({ done: 0, total: experiments.length, violated, errors, phase: 'experiments' });
  const { profiles, paperRuns } = runExperiments(experiments);
  const complete = !interrupted && notRun === 0 && keys.every((k) => recorded.has(k));
  const cases = [...recorded.values()];
  const regressions = baseline ? compareWithBaseline({ cases, complete, config }, baseline, tolerance) : [];
  const finalNotRun = interrupted ? keys.filter((k) => !recorded.has(k)).length : notRun;
  const solverCoverage = coverage && (await finishSolverCoverage(coverage));
  const results = { ...assembleResults({ runId, createdAt, complete, notRun: finalNotRun, config, workers: o.workers, properties, cases, targets, profiles, paperRuns, regressions, seconds: elapsed() }), ...(solverCoverage ? { coverage: solverCoverage } : {}) };
  writeJsonAtomic(join(dir, 'results.json'), results);
  pointLatest(o.resume ? resolve(dir, '..') : o.out, dir);
  // a user problem's case replays only where its suite file is loaded: never a corpus entry
  const corpusCases = results.cases.filter((c) => !isUserFamily(c.family));
  const corpusAdded = o.updateCorpus && !interrupted ? addToCorpus(corpusPath, corpus, corpusCandidates(corpusCases, o.backend, createdAt.slice(0, 10))) : 0;
  return { results, dir, interrupted, corpusAdded };
}

/** reports/latest → the newest run folder (a relative symlink; skipped where links cannot be made). */
function pointLatest(out: string, dir: string): void {
  const link = join(out, 'latest');
  try {
    rmSync(link, { force: true, recursive: false });
    symlinkSync(basename(dir), link);
  } catch {
    // a file system without symlinks: the printed path names the run folder
  }
}
