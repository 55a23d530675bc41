import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, BackendMetric } from '../src/backends/backend.js';
import { cpuBackend, type CpuBackend } from '../src/backends/cpu.js';
import { type HessianName, hessianModelFor } from '../src/hessians/catalog.js';
import type { HessianModel } from '../src/hessians/hessian-model.js';
import { type Matrix, toRows } from '../src/linalg/matrix.js';
import { symmetricRankK } from '../src/linalg/rank-k.js';
import { loadWasmCholeskyKernel, loadWasmRankKUpdate } from '../src/linalg/wasm/cholesky-wasm.js';
import { wasmVariant } from '../src/linalg/wasm/linalg-module.js';
import { logSumExp, zeroShiftedRows } from '../src/problems/families/logsumexp.js';
import { uniformMatrix, uniformVector } from '../src/problems/families/random-data.js';
import { readReferenceFile, referenceInstance } from '../src/problems/files/reference-file.js';
import type { Instance } from '../src/problems/instance.js';
import type { Oracle } from '../src/problems/oracle.js';
import { rng } from '../src/random/prng.js';
import { gns, runToEnd } from '../src/solvers/gns.js';
import type { GnsRecord, GnsSummary } from '../src/solvers/gns-record.js';
import { installKernelProfiler } from '../src/linalg/kernel-profile.js';
import { medianOf, roundsFromArgs } from './rounds.js';
import { breakdown, cpuKernelFlags, DEFAULT_REGIONS, PHASES, type Phase, PhaseClock, type PhaseTimes, PROFILE_REGIONS, type RegionName } from './solve-profile.js';

/**
 * GNS solve benchmark (reference mode, docs/theory.md#algorithm-1-and-its-search): every GNS run of shared/reference and
 * two generated LogSumExp instances, timed end to end on the cpu backend, with the time split by
 * wrapping the oracle (f/∇f), the Hessian model (`at`) and the backend (`solveRegularized`, metric
 * B-solves); side by side with the same solve in numpy/scipy (bench/gns_reference.py). With
 * `--profile`, both sides split their time into the phases of bench/solve-profile.ts, ratecheck's with
 * the kernels' own timings (src/linalg/kernel-profile.ts).
 */

const JSON_OUT = process.argv.includes('--json');
/** time each phase of the solve on both sides (bench/solve-profile.ts) and print the profile table */
const PROFILE = process.argv.includes('--profile');
/** per-case time budget for repetitions (a run longer than this is timed once, without warm-up) */
const BUDGET_MS = 1500;
const MAX_REPS = 50;
/** alternating rounds: ratecheck's solves, then numpy's (bench/rounds.ts) */
const ROUNDS = roundsFromArgs(process.argv, 'bench:solve', 3);
const LSE_SIZES: readonly (readonly [number, number])[] = [
  [300, 300],
  [800, 500],
];
const LSE_SEED = 3124;

/** the GNS runs of a reference file that are timed, by label, with the Hessian model of each (src/hessians/catalog.ts) */
const HESSIAN_OF_LABEL = {
  'gns-exact': 'exact',
  'gns-weighted-gauss-newton': 'weighted-gauss-newton',
  'gns-gauss-newton': 'gauss-newton',
  'gns-fisher-term-rank-one': 'fisher-term',
} as const satisfies Record<string, HessianName>;
type Label = keyof typeof HESSIAN_OF_LABEL;
const isLabel = (label: string): label is Label => label in HESSIAN_OF_LABEL;

interface Case {
  readonly id: string;
  readonly name: string;
  readonly label: Label;
  /** the problem data as a ratecheck-reference/1 file, for the numpy side */
  readonly file: string;
  /** the same problem read from that file: oracle, metric B, x0, f* */
  readonly instance: Instance;
  readonly gamma0: number;
  readonly eps: number;
  readonly gammaMin: number;
  readonly maxTrials: number;
  readonly fTol?: number;
  readonly maxIters: number;
  /** the authors' iteration count and gradient calls (reference files only) */
  readonly authors: { iterations: number; gradCalls: number | null } | null;
}

/** The oracle the solver sees: f, ∇f (and ∇², ∇²·v, should it call them) timed. */
function timedOracle(o: Oracle, clock: PhaseClock): Oracle {
  return {
    dim: o.dim,
    f: (x) => clock.run('oracle', () => o.f(x)),
    grad: (x) => clock.run('oracle', () => o.grad(x)),
    hess: (x) => clock.run('oracle', () => o.hess(x)),
    hvp: (x, v) => clock.run('oracle', () => o.hvp(x, v)),
  };
}

/** The Hessian model with `at` timed; it is built on the instance's own oracle, not the timed one, so its f/∇f/∇² calls are timed here only. */
function timedModel(h: HessianModel, clock: PhaseClock): HessianModel {
  return { ...h, at: (x, k) => clock.run('hessian', () => h.at(x, k)) };
}

/** The metric with its B-products and B-solves timed; the other fields (shifted, factor) are kept for the cpu backend. */
function timedMetric(m: BackendMetric<Float64Array>, clock: PhaseClock): BackendMetric<Float64Array> {
  return {
    ...m,
    norm: (h) => clock.run('metric', () => m.norm(h)),
    dualNorm: (s) => clock.run('metric', () => m.dualNorm(s)),
    apply: (h) => clock.run('metric', () => m.apply(h)),
    solve: (s) => clock.run('metric', () => m.solve(s)),
  };
}

/** The cpu backend with solveRegularized / prepareRegularized and its solves (H + λB, its Cholesky factor, two triangular solves), the factorization of B, and the copies of H and matrix–vector products it does for the solver timed. */
function timedBackend(b: CpuBackend, clock: PhaseClock): Backend<Float64Array, Matrix> {
  return {
    ...b,
    solveRegularized: (h, lambda, metric, rhs) => clock.run('shiftedSolve', () => b.solveRegularized(h, lambda, metric, rhs)),
    prepareRegularized: (h, metric) => {
      const system = clock.run('prepare', () => b.prepareRegularized(h, metric));
      return { n: system.n, solve: (lambda, rhs) => clock.run('shiftedSolve', () => system.solve(lambda, rhs)) };
    },
    matrix: (a) => clock.run('backendCopy', () => b.matrix(a)),
    matVec: (a, x) => clock.run('backendProducts', () => b.matVec(a, x)),
    matTVec: (a, x) => clock.run('backendProducts', () => b.matTVec(a, x)),
    identityMetric: (n: number) => timedMetric(b.identityMetric(n), clock),
    metric(B: Matrix) {
      const r = clock.run('metricFactor', () => b.metric(B));
      return r.ok ? { ok: true, metric: timedMetric(r.metric, clock) } : r;
    },
  };
}

interface Solve {
  status: string;
  iterations: number;
  gradCalls: number;
  /** trials of the search, and those whose H + λB did not factor (no f/∇f call) */
  trials: number;
  failures: number;
  f: number;
  ms: number;
  /** exclusive time by phase (overhead: only the timed regions' own; the rest of the solve is overhead too) */
  phases: PhaseTimes;
  /** each timed region's own time and number of runs */
  regions: { ms: Record<RegionName, number>; calls: Record<RegionName, number> };
}

function solveOnce(c: Case, model: HessianModel, backend: CpuBackend): Solve {
  const clock = new PhaseClock(PROFILE ? PROFILE_REGIONS : DEFAULT_REGIONS);
  const options = {
    mode: 'reference' as const,
    metric: c.instance.metric,
    gamma0: c.gamma0,
    eps: c.eps,
    gammaMin: c.gammaMin,
    maxTrials: c.maxTrials,
    maxIters: c.maxIters,
    fStar: c.instance.certificate.fStar,
    ...(c.fTol === undefined ? {} : { fTol: c.fTol }),
  };
  if (PROFILE) installKernelProfiler(clock);
  let run: { records: GnsRecord[]; summary: GnsSummary };
  const t0 = performance.now();
  try {
    run = runToEnd(gns(timedOracle(c.instance.problem.oracle, clock), timedModel(model, clock), c.instance.x0, options, timedBackend(backend, clock)));
  } finally {
    if (PROFILE) installKernelProfiler(null);
  }
  const ms = performance.now() - t0;
  const { records, summary } = run;
  const gc = summary.history.gradCalls;
  let trials = 0;
  let failures = 0;
  for (const r of records) {
    trials += r.trials.length;
    failures += r.factorizationFailures;
  }
  return { status: summary.status, iterations: summary.iterations, gradCalls: gc[gc.length - 1], trials, failures, f: summary.f, ms, phases: clock.ms, regions: { ms: clock.regionMs, calls: clock.regionCalls } };
}

/** Median solve after a warm-up run, within BUDGET_MS; a first run over budget is the measurement. */
function measure(c: Case): Solve & { reps: number } {
  const model = hessianModelFor(HESSIAN_OF_LABEL[c.label], c.instance); // built outside the timing: certificates (e.g. WGN's R = maxᵢ‖aᵢ‖_*) are not part of the solve
  const backend = cpuBackend();
  const first = solveOnce(c, model, backend);
  if (first.ms >= BUDGET_MS) return { ...first, reps: 1 };
  const runs: Solve[] = [];
  const start = performance.now();
  while (runs.length === 0 || (performance.now() - start < BUDGET_MS && runs.length < MAX_REPS)) runs.push(solveOnce(c, model, backend));
  runs.sort((a, b) => a.ms - b.ms);
  return { ...runs[runs.length >> 1], reps: runs.length };
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bench', 'gns_reference.py')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find bench/gns_reference.py');
    dir = parent;
  }
}

function referenceCases(dir: string): Case[] {
  const files = ['lse-200x200-mu1.json', 'ne-linear-100x200-p4.json', 'rosenbrock-2d.json', 'nle-rosenbrock-p5.json', 'chebyshev-50-p4.json'];
  const cases: Case[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const ref = readReferenceFile(file);
    const instance = referenceInstance(ref);
    for (const run of ref.runs) {
      const { label } = run;
      if (!isLabel(label)) continue;
      const gc = run.gradCalls;
      cases.push({
        id: `${ref.name}/${label}`,
        name: ref.name,
        label,
        file,
        instance,
        gamma0: ref.solver.gamma0,
        eps: ref.solver.eps,
        gammaMin: ref.solver.gammaMin,
        maxTrials: ref.solver.maxTrials,
        ...(ref.solver.fTol === undefined ? {} : { fTol: ref.solver.fTol }),
        maxIters: ref.solver.maxIters ?? 1000,
        authors: { iterations: run.iterations, gradCalls: gc ? gc[gc.length - 1] : null },
      });
    }
  }
  return cases;
}

/** Random zero-shifted LogSumExp (as in the authors' notebook): A₀, b uniform on (−1, 1), μ = 1, B = A₀ᵀA₀, x0 = 1, f* = f(0). */
function lseCases(tmp: string): Case[] {
  const cases: Case[] = [];
  for (const [m, n] of LSE_SIZES) {
    const next = rng(LSE_SEED + m * 1000 + n);
    const a0 = uniformMatrix(m, n, -1, 1, next);
    const b = uniformVector(m, -1, 1, next);
    const mu = 1;
    const oracle = logSumExp(zeroShiftedRows(a0, b, mu), b, mu);
    const B = symmetricRankK(a0);
    const x0 = new Float64Array(n).fill(1);
    const fStar = oracle.f(new Float64Array(n));
    const name = `lse-${m}x${n}-mu1`;
    const solver = { gamma0: 1, eps: 1e-8, gammaMin: 1e-9, maxTrials: 41, fTol: 1e-8, maxIters: 1000 };
    const file = join(tmp, `${name}.json`);
    const doc = {
      format: 'ratecheck-reference/1',
      name,
      problem: {
        kind: 'logsumexp',
        params: { mu },
        data: { A: toRows(oracle.A), b: Array.from(oracle.b) },
        x0: Array.from(x0),
        metric: { B: toRows(B) },
        fStar,
      },
      solver,
      runs: [],
    };
    writeFileSync(file, JSON.stringify(doc));
    const instance = referenceInstance(readReferenceFile(file));
    for (const label of ['gns-exact', 'gns-weighted-gauss-newton'] as const) {
      cases.push({ id: `${name}/${label}`, name, label, file, instance, ...solver, authors: null });
    }
  }
  return cases;
}

interface PyRow {
  id: string;
  status: string;
  iterations: number;
  gradCalls: number;
  trials: number;
  failures: number;
  f: number;
  ms: number;
  reps: number;
  /** with --profile: exclusive ms by phase of the median run (overhead is the rest of it) */
  phases?: Omit<PhaseTimes, 'overhead'>;
  /** with --profile: the number of timed calls in each phase */
  phaseCalls?: Record<Exclude<Phase, 'overhead'>, number>;
}

interface PyResult {
  info: string;
  facts: Record<string, unknown>;
  rows: Map<string, PyRow>;
}

function runNumpy(root: string, tmp: string, cases: Case[]): PyResult | string {
  const probe = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'python3 with numpy and scipy not available';
  const jobs = cases.map((c) => ({
    id: c.id,
    file: c.file,
    label: c.label,
    maxIters: c.maxIters,
    ...(c.fTol === undefined ? {} : { fTol: c.fTol }),
    budgetS: BUDGET_MS / 1000,
  }));
  const jobFile = join(tmp, 'jobs.json');
  writeFileSync(jobFile, JSON.stringify({ jobs, profile: PROFILE }));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const out = spawnSync('python3', [join(root, 'bench', 'gns_reference.py'), jobFile], { encoding: 'utf8', env, timeout: 180_000, maxBuffer: 1 << 24 });
  if (out.status !== 0) return `gns_reference.py failed: ${(out.stderr ?? '').trim().split('\n').pop() ?? out.error?.message ?? ''}`;
  const lines = out.stdout.trim().split('\n');
  const parsed = JSON.parse(lines[lines.length - 1]) as {
    numpy: string;
    scipy: string;
    python: string;
    blas: string | null;
    blasCore: string | null;
    numpySimd: string[] | null;
    env: Record<string, string | null>;
    rows: PyRow[];
  };
  const e = parsed.env;
  const info =
    `python ${parsed.python}, numpy ${parsed.numpy}, scipy ${parsed.scipy}, BLAS ${parsed.blas ?? '?'} (OpenBLAS core ${parsed.blasCore ?? '?'}), ` +
    `numpy SIMD ${parsed.numpySimd?.join(' ') ?? '?'}; ` +
    `OPENBLAS_NUM_THREADS=${e.OPENBLAS_NUM_THREADS} OMP_NUM_THREADS=${e.OMP_NUM_THREADS} MKL_NUM_THREADS=${e.MKL_NUM_THREADS}`;
  const { rows, ...facts } = parsed;
  return { info, facts, rows: new Map(rows.map((r) => [r.id, r])) };
}

/** One side's phases, each in ms per outer iteration and as a share of the solve. */
interface PhaseProfile {
  msPerIteration: PhaseTimes;
  share: PhaseTimes;
}

interface Row {
  instance: string;
  method: string;
  n: number;
  authorsIterations: number | null;
  authorsGradCalls: number | null;
  status: string;
  iterations: number;
  gradCalls: number;
  trials: number;
  factorizationFailures: number;
  totalMs: number;
  msPerIteration: number;
  reps: number;
  share: { factor: number; hessian: number; oracle: number; metric: number; other: number };
  numpy: { iterations: number; gradCalls: number; trials: number; factorizationFailures: number; totalMs: number; msPerIteration: number; reps: number } | null;
  iterationsMatch: boolean | null;
  /** the median over the rounds of ratecheck total / numpy total in the same round (the other columns are of that round) */
  ratio: number | null;
  /** every round's ratio, in round order */
  roundRatios: number[];
  /** with --profile; totals and shares above are then of the profiled runs */
  profile?: {
    ratecheck: PhaseProfile;
    numpy: PhaseProfile | null;
    ratio: Record<Phase, number | null>;
    /** calls per outer iteration of the oracle (f and ∇f), the Hessian model and the metric, on each side */
    callsPerIteration: { ratecheck: CallCounts; numpy: CallCounts | null };
    /** ratecheck's JS overhead in ms per outer iteration, by where it is spent */
    overheadDetail: OverheadDetail;
  };
}

interface CallCounts {
  oracle: number;
  hessian: number;
  metric: number;
}

interface OverheadDetail {
  /** the JS around the H + λB kernels (the prepared solves, prepareRegularized) and around factoring B */
  solveWrappers: number;
  /** H_k copied into the backend (backend.matrix) */
  hessianCopy: number;
  /** the solver's own matrix–vector products (the records' H·h) */
  recordProducts: number;
  /** the rest: the solver loop, its vectors and records */
  solver: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
const perIter = (ms: number, it: number): number => ms / Math.max(1, it);

function phaseProfile(totalMs: number, phases: Omit<PhaseTimes, 'overhead'>, iterations: number): PhaseProfile {
  const { ms, share } = breakdown(totalMs, phases);
  const msPerIteration = { ...ms };
  for (const p of PHASES) msPerIteration[p] = perIter(ms[p], iterations);
  return { msPerIteration, share };
}

/** The build of the wasm linalg module the kernels ran on (src/linalg/wasm/linalg-module.ts: 'fma' or 'simd'). */
function wasmKernelVariant(): string {
  return wasmVariant() ?? 'unavailable';
}

function cpuInfo(): string {
  const cpu = cpus();
  let flags = '/proc/cpuinfo unreadable';
  try {
    const info = cpuKernelFlags(readFileSync('/proc/cpuinfo', 'utf8'));
    flags = info.flags.length > 0 ? info.flags.join(' ') : 'none of sse4_2 avx avx2 fma avx512f';
  } catch {
    // not Linux: the model from os.cpus() alone
  }
  return `${cpu.length} × ${cpu[0]?.model ?? '?'}; CPU flags for the kernels: ${flags}`;
}

const PHASE_HEADERS: Record<Phase, string> = {
  factor: 'fact',
  triangular: 'tri',
  oracle: 'oracle',
  hessian: 'hess',
  rankK: 'rank-k',
  metric: 'metric',
  overhead: 'JS/Py',
};

const PROFILE_LEGEND =
  'Phases (ms per outer iteration, share of the solve): fact = forming H + λB, its Cholesky factorization and pivot test, and the Cholesky factor of B ' +
  "(ratecheck: the wasm kernels' 'factor' time; numpy: H + λB, cho_factor, the pivot test; cholesky(B)); tri = the two triangular solves with the factor of H + λB " +
  "('triangular' kernel time; cho_solve); oracle = f and ∇f; hess = the Hessian model H(x), less its rank-k update; rank-k = the rank-k update AᵀDA inside the model " +
  "('rank-k' kernel time; numpy: (Aᵀ·diag(d))·A or JᵀJ); metric = B-solves and dual norms ‖s‖_* (their triangular solves with the factor of B included); " +
  'JS/Py = the rest of the solve (the solver loop, copies, records, the wrappers around the kernels). rc/np = ratecheck ms/iter ÷ numpy ms/iter, per phase.';

function printProfile(log: (s: string) => void, rows: Row[]): void {
  const header = ['instance', 'method', 'side', 'iters', 'ms/iter', ...PHASES.map((p) => PHASE_HEADERS[p])];
  const widths = [21, 26, 5, 6, 9, ...PHASES.map(() => 13)];
  const line = (cells: string[]): string => cells.map((s, i) => (i < 3 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join(' ');
  const cell = (p: PhaseProfile, phase: Phase): string => `${p.msPerIteration[phase].toFixed(3)} ${pct(p.share[phase]).padStart(4)}`;
  log(line(header));
  for (const r of rows) {
    const prof = r.profile;
    if (!prof) continue;
    log(line([r.instance, r.method, 'rc', String(r.iterations), r.msPerIteration.toFixed(3), ...PHASES.map((p) => cell(prof.ratecheck, p))]));
    const np = prof.numpy;
    if (!np || !r.numpy) {
      log(line(['', '', 'np', '—', '—', ...PHASES.map(() => '—')]));
      continue;
    }
    log(line(['', '', 'np', String(r.numpy.iterations), r.numpy.msPerIteration.toFixed(3), ...PHASES.map((p) => cell(np, p))]));
    const ratio = (x: number | null): string => (x === null ? '—' : `${x.toFixed(x < 100 ? 2 : 0)}×`);
    log(line(['', '', 'rc/np', '', ratio(r.ratio), ...PHASES.map((p) => ratio(prof.ratio[p]))]));
  }
}

function printProfileDetail(log: (s: string) => void, rows: Row[]): void {
  const header = ['instance', 'method', 'JS', 'wrappers', 'H copy', 'H·h', 'solver', 'oracle/it', 'hess/it', 'metric/it'];
  const widths = [21, 26, 7, 9, 7, 7, 7, 11, 9, 11];
  const line = (cells: string[]): string => cells.map((s, i) => (i < 2 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join(' ');
  log(line(header));
  const calls = (rc: number, np: number | undefined): string => `${rc.toFixed(1)}/${np === undefined ? '—' : np.toFixed(1)}`;
  for (const r of rows) {
    const prof = r.profile;
    if (!prof) continue;
    const d = prof.overheadDetail;
    const { ratecheck: rc, numpy: np } = prof.callsPerIteration;
    log(
      line([
        r.instance,
        r.method,
        prof.ratecheck.msPerIteration.overhead.toFixed(3),
        d.solveWrappers.toFixed(3),
        d.hessianCopy.toFixed(3),
        d.recordProducts.toFixed(3),
        d.solver.toFixed(3),
        calls(rc.oracle, np?.oracle),
        calls(rc.hessian, np?.hessian),
        calls(rc.metric, np?.metric),
      ]),
    );
  }
}

function printTable(log: (s: string) => void, rows: Row[]): void {
  const header = ['instance', 'method', 'n', 'auth it', 'iters', 'py it', 'trials(npd)', 'ms/iter', 'total ms', 'fact', 'hess', 'oracle', 'B-slv', 'other', 'py ms', 'py ms/it', 'rc/np', 'rounds'];
  const widths = [21, 26, 4, 7, 6, 6, 11, 9, 10, 5, 5, 6, 6, 6, 9, 9, 7, 2];
  const line = (cells: string[]): string => cells.map((s, i) => (i < 2 || i === widths.length - 1 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join(' ');
  log(line(header));
  for (const row of rows) {
    const { numpy } = row;
    log(
      line([
        row.instance,
        row.method,
        String(row.n),
        row.authorsIterations === null ? '—' : String(row.authorsIterations),
        String(row.iterations),
        numpy ? `${numpy.iterations}${row.iterationsMatch ? '' : '!'}` : '—',
        row.factorizationFailures > 0 ? `${row.trials}(${row.factorizationFailures})` : String(row.trials),
        row.msPerIteration.toFixed(3),
        row.totalMs.toFixed(1),
        pct(row.share.factor),
        pct(row.share.hessian),
        pct(row.share.oracle),
        pct(row.share.metric),
        pct(row.share.other),
        numpy ? numpy.totalMs.toFixed(1) : '—',
        numpy ? numpy.msPerIteration.toFixed(3) : '—',
        row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`,
        row.roundRatios.map((x) => x.toFixed(2)).join(' '),
      ]),
    );
  }
}

function main(): void {
  const root = repoRoot();
  const refDir = join(root, '..', 'shared', 'reference');
  const log = (s: string): void => {
    process.stdout.write(`${s}\n`);
  };
  const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-bench-solve-'));
  try {
    const cases = [...referenceCases(refDir), ...lseCases(tmp)];
    const wasmChol = loadWasmCholeskyKernel() !== null;
    const wasmRankK = loadWasmRankKUpdate() !== null;
    const cpu = cpus();
    log(
      `node ${process.version}; wasm kernels: Cholesky ${wasmChol ? `loaded (variant ${wasmKernelVariant()})` : 'unavailable'}, rank-k ${wasmRankK ? 'loaded' : 'unavailable'}; ${cpuInfo()}`,
    );

    const rounds: { ours: Map<string, Solve & { reps: number }>; py: PyResult | string }[] = [];
    for (let k = 0; k < ROUNDS; k++) rounds.push({ ours: new Map(cases.map((c) => [c.id, measure(c)])), py: runNumpy(root, tmp, cases) });
    const py = rounds[0].py;
    log(typeof py === 'string' ? `numpy reference: ${py}` : `numpy reference: ${py.info}`);
    // each case's round with the median ratio (without numpy: the first round)
    const roundRatios = (c: Case): number[] =>
      rounds.flatMap(({ ours, py: q }) => {
        const np = typeof q === 'string' ? undefined : q.rows.get(c.id);
        return np ? [(ours.get(c.id) as Solve).ms / np.ms] : [];
      });
    const ours = cases.map((c) => {
      const ratios = roundRatios(c);
      const k = ratios.length < ROUNDS ? 0 : medianOf(ratios).index;
      return { c, r: rounds[k].ours.get(c.id) as Solve & { reps: number }, py: rounds[k].py, ratios };
    });
    log(
      'reference mode (docs/theory.md#algorithm-1-and-its-search); times are medians over repeated solves after a warm-up (one run when it exceeds ' +
        `${BUDGET_MS} ms), including the factorization of B; ${ROUNDS} alternating round${ROUNDS > 1 ? 's' : ''} (ratecheck's solves, then numpy's), ` +
        'each row from its round with the median ratio.' +
        (PROFILE
          ? ' Profiled: every phase is timed on both sides in these same runs (performance.now / time.perf_counter around each call), so totals include the timers.'
          : " Shares of ratecheck's time: fact = solveRegularized (H + λB, " +
            'Cholesky, triangular solves) + factoring B; hess = HessianModel.at; oracle = f/∇f; B-slv = metric B-solves/dual norms; ' +
            'other = the rest (copies, records).'),
    );
    log('');
    const rows: Row[] = [];
    let mismatches = 0;
    let kernelMs = 0;
    for (const { c, r, py, ratios } of ours) {
      const { oracle, hessian, factor, metric } = r.phases;
      const other = Math.max(0, r.ms - oracle - hessian - factor - metric);
      kernelMs += r.phases.factor + r.phases.triangular + r.phases.rankK;
      const p = typeof py === 'string' ? undefined : py.rows.get(c.id);
      const numpy = p
        ? { iterations: p.iterations, gradCalls: p.gradCalls, trials: p.trials, factorizationFailures: p.failures, totalMs: p.ms, msPerIteration: perIter(p.ms, p.iterations), reps: p.reps }
        : null;
      const iterationsMatch = numpy ? Math.abs(numpy.iterations - r.iterations) <= 1 : null;
      if (iterationsMatch === false) mismatches++;
      const row: Row = {
        instance: c.name,
        method: c.label,
        n: c.instance.problem.dim,
        authorsIterations: c.authors?.iterations ?? null,
        authorsGradCalls: c.authors?.gradCalls ?? null,
        status: r.status,
        iterations: r.iterations,
        gradCalls: r.gradCalls,
        trials: r.trials,
        factorizationFailures: r.failures,
        totalMs: r.ms,
        msPerIteration: perIter(r.ms, r.iterations),
        reps: r.reps,
        share: { factor: factor / r.ms, hessian: hessian / r.ms, oracle: oracle / r.ms, metric: metric / r.ms, other: other / r.ms },
        numpy,
        iterationsMatch,
        ratio: numpy ? r.ms / numpy.totalMs : null,
        roundRatios: ratios,
      };
      if (PROFILE) {
        const ours = phaseProfile(r.ms, r.phases, r.iterations);
        const theirs = p?.phases ? phaseProfile(p.ms, p.phases, p.iterations) : null;
        const ratio = {} as Record<Phase, number | null>;
        for (const ph of PHASES) {
          const d = theirs?.msPerIteration[ph] ?? 0;
          ratio[ph] = theirs && d > 0 ? ours.msPerIteration[ph] / d : null;
        }
        const it = (x: number): number => perIter(x, r.iterations);
        const { ms: own, calls } = r.regions;
        const wrappers = own.shiftedSolve + own.prepare + own.metricFactor;
        const overheadDetail = {
          solveWrappers: it(wrappers),
          hessianCopy: it(own.backendCopy),
          recordProducts: it(own.backendProducts),
          solver: Math.max(0, ours.msPerIteration.overhead - it(wrappers + own.backendCopy + own.backendProducts)),
        };
        const pc = p?.phaseCalls;
        const callsPerIteration = {
          ratecheck: { oracle: it(calls.oracle), hessian: it(calls.hessian), metric: it(calls.metric) },
          numpy: pc && p ? { oracle: perIter(pc.oracle, p.iterations), hessian: perIter(pc.hessian, p.iterations), metric: perIter(pc.metric, p.iterations) } : null,
        };
        row.profile = { ratecheck: ours, numpy: theirs, ratio, callsPerIteration, overheadDetail };
      }
      rows.push(row);
    }
    if (PROFILE) {
      log(PROFILE_LEGEND);
      if (kernelMs === 0) {
        const why = wasmChol ? 'the wasm wrappers do not call kernelProfiler()' : 'the wasm kernels are unavailable and the JS kernels do not report';
        log(`NOTE: no kernel reported time to the profiler (${why}): ratecheck's fact, tri and rank-k are counted in JS/Py, hess and metric.`);
      }
      log('');
      printProfile(log, rows);
      log('');
      log(
        "ratecheck's JS time (ms/iter) by where it is spent: wrappers = the JS around the H + λB kernels and around factoring B; H copy = H_k copied into the backend; " +
          "H·h = the solver's own products (its records' residual ∇f⁺ − ∇f − H·h); solver = the rest. Calls per iteration, ratecheck/numpy: oracle = f and ∇f, hess = the model, metric = B-solves, dual norms and norms.",
      );
      printProfileDetail(log, rows);
    } else {
      printTable(log, rows);
    }
    log('');
    log(
      'trials = all trials of the search (dense H: one factorization each; one f and one ∇f unless H + λB did not factor); ' +
        '(npd) = of which not positive definite; rc/np = ratecheck total / numpy total (< 1: ratecheck faster), the median over the rounds; ' +
        'rounds = every round\'s ratio.',
    );
    for (const r of rows) {
      if (r.authorsGradCalls !== null && r.authorsGradCalls !== r.gradCalls) {
        log(`note: ${r.instance} ${r.method}: ${r.gradCalls} gradient calls here, ${r.authorsGradCalls} in the authors' run`);
      }
      const np = r.numpy;
      if (np && (np.trials !== r.trials || np.factorizationFailures !== r.factorizationFailures)) {
        log(`note: ${r.instance} ${r.method}: ${r.trials} trials (${r.factorizationFailures} not PD) here, ${np.trials} (${np.factorizationFailures}) in numpy`);
      }
      if (np && !r.iterationsMatch) log(`note: ${r.instance} ${r.method}: ${r.iterations} iterations here, ${np.iterations} in numpy`);
    }
    if (mismatches > 0) {
      log(`ITERATION MISMATCH (ratecheck vs numpy beyond ±1) in ${mismatches} row(s)${PROFILE ? '' : ", marked '!'"}`);
      process.exitCode = 1;
    }
    if (JSON_OUT) {
      const machine = {
        node: process.version,
        wasmCholesky: wasmChol,
        wasmKernelVariant: wasmChol ? wasmKernelVariant() : null,
        wasmRankK,
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? null,
        cpuInfo: cpuInfo(),
        profile: PROFILE,
        numpy: typeof py === 'string' ? null : py.facts,
        numpyUnavailable: typeof py === 'string' ? py : null,
      };
      log(JSON.stringify({ machine, rows }));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
