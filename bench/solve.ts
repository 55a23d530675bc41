import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { logSumExp, zeroShiftedRows } from '../src/problems/families/logsumexp.js';
import { uniformMatrix, uniformVector } from '../src/problems/families/random-data.js';
import { readReferenceFile, referenceInstance } from '../src/problems/files/reference-file.js';
import type { Instance } from '../src/problems/instance.js';
import type { Oracle } from '../src/problems/oracle.js';
import { rng } from '../src/random/prng.js';
import { gns, runToEnd } from '../src/solvers/gns.js';

/**
 * GNS solve benchmark (reference mode, docs/theory.md#algorithm-1-and-its-search): every GNS run of shared/reference and
 * two generated LogSumExp instances, timed end to end on the cpu backend, with the time split by
 * wrapping the oracle (f/∇f), the Hessian model (`at`) and the backend (`solveRegularized`, metric
 * B-solves); side by side with the same solve in numpy/scipy (bench/gns_reference.py).
 */

const JSON_OUT = process.argv.includes('--json');
/** per-case time budget for repetitions (a run longer than this is timed once, without warm-up) */
const BUDGET_MS = 1500;
const MAX_REPS = 50;
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

interface Timers {
  oracle: number;
  hessian: number;
  factor: number;
  metric: number;
}

const zeroTimers = (): Timers => ({ oracle: 0, hessian: 0, factor: 0, metric: 0 });

function timed<A extends unknown[], R>(fn: (...args: A) => R, t: Timers, key: keyof Timers): (...args: A) => R {
  return (...args: A): R => {
    const t0 = performance.now();
    try {
      return fn(...args);
    } finally {
      t[key] += performance.now() - t0;
    }
  };
}

/** The oracle the solver sees: f, ∇f (and ∇², ∇²·v, should it call them) timed. */
function timedOracle(o: Oracle, t: Timers): Oracle {
  return {
    dim: o.dim,
    f: timed((x: Float64Array) => o.f(x), t, 'oracle'),
    grad: timed((x: Float64Array) => o.grad(x), t, 'oracle'),
    hess: timed((x: Float64Array) => o.hess(x), t, 'oracle'),
    hvp: timed((x: Float64Array, v: Float64Array) => o.hvp(x, v), t, 'oracle'),
  };
}

/** The Hessian model with `at` timed; it is built on the instance's own oracle, not the timed one, so its f/∇f/∇² calls are timed here only. */
function timedModel(h: HessianModel, t: Timers): HessianModel {
  return { ...h, at: timed((x: Float64Array, k: number) => h.at(x, k), t, 'hessian') };
}

/** The metric with its B-products and B-solves timed; the other fields (shifted, factor) are kept for the cpu backend. */
function timedMetric(m: BackendMetric<Float64Array>, t: Timers): BackendMetric<Float64Array> {
  return {
    ...m,
    norm: timed((h: Float64Array) => m.norm(h), t, 'metric'),
    dualNorm: timed((s: Float64Array) => m.dualNorm(s), t, 'metric'),
    apply: timed((h: Float64Array) => m.apply(h), t, 'metric'),
    solve: timed((s: Float64Array) => m.solve(s), t, 'metric'),
  };
}

/** The cpu backend with solveRegularized / prepareRegularized and its solves (H + λB, its Cholesky factor, two triangular solves) and the factorization of B timed. */
function timedBackend(b: CpuBackend, t: Timers): Backend<Float64Array, Matrix> {
  return {
    ...b,
    solveRegularized: timed((h: Matrix, lambda: number, metric: BackendMetric<Float64Array>, rhs: Float64Array) => b.solveRegularized(h, lambda, metric, rhs), t, 'factor'),
    prepareRegularized: timed((h: Matrix, metric: BackendMetric<Float64Array>) => {
      const system = b.prepareRegularized(h, metric);
      return { n: system.n, solve: timed((lambda: number, rhs: Float64Array) => system.solve(lambda, rhs), t, 'factor') };
    }, t, 'factor'),
    identityMetric: (n: number) => timedMetric(b.identityMetric(n), t),
    metric(B: Matrix) {
      const t0 = performance.now();
      const r = b.metric(B);
      t.factor += performance.now() - t0;
      return r.ok ? { ok: true, metric: timedMetric(r.metric, t) } : r;
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
  t: Timers;
}

function solveOnce(c: Case, model: HessianModel, backend: CpuBackend): Solve {
  const t = zeroTimers();
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
  const t0 = performance.now();
  const { records, summary } = runToEnd(gns(timedOracle(c.instance.problem.oracle, t), timedModel(model, t), c.instance.x0, options, timedBackend(backend, t)));
  const ms = performance.now() - t0;
  const gc = summary.history.gradCalls;
  let trials = 0;
  let failures = 0;
  for (const r of records) {
    trials += r.trials.length;
    failures += r.factorizationFailures;
  }
  return { status: summary.status, iterations: summary.iterations, gradCalls: gc[gc.length - 1], trials, failures, f: summary.f, ms, t };
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
  writeFileSync(jobFile, JSON.stringify({ jobs }));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const out = spawnSync('python3', [join(root, 'bench', 'gns_reference.py'), jobFile], { encoding: 'utf8', env, timeout: 180_000, maxBuffer: 1 << 24 });
  if (out.status !== 0) return `gns_reference.py failed: ${(out.stderr ?? '').trim().split('\n').pop() ?? out.error?.message ?? ''}`;
  const lines = out.stdout.trim().split('\n');
  const parsed = JSON.parse(lines[lines.length - 1]) as {
    numpy: string;
    scipy: string;
    python: string;
    blas: string | null;
    env: Record<string, string | null>;
    rows: PyRow[];
  };
  const e = parsed.env;
  const info =
    `python ${parsed.python}, numpy ${parsed.numpy}, scipy ${parsed.scipy}, BLAS ${parsed.blas ?? '?'}; ` +
    `OPENBLAS_NUM_THREADS=${e.OPENBLAS_NUM_THREADS} OMP_NUM_THREADS=${e.OMP_NUM_THREADS} MKL_NUM_THREADS=${e.MKL_NUM_THREADS}`;
  const { rows, ...facts } = parsed;
  return { info, facts, rows: new Map(rows.map((r) => [r.id, r])) };
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
  ratio: number | null;
}

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

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
    log(`node ${process.version}; wasm kernels: Cholesky ${wasmChol ? 'loaded' : 'unavailable'}, rank-k ${wasmRankK ? 'loaded' : 'unavailable'}; ${cpu.length} × ${cpu[0]?.model ?? '?'}`);

    const ours = cases.map((c) => ({ c, r: measure(c) }));
    const py = runNumpy(root, tmp, cases);
    log(typeof py === 'string' ? `numpy reference: ${py}` : `numpy reference: ${py.info}`);
    log(
      'reference mode (docs/theory.md#algorithm-1-and-its-search); times are medians over repeated solves after a warm-up (one run when it exceeds ' +
        `${BUDGET_MS} ms), including the factorization of B. Shares of ratecheck's time: fact = solveRegularized (H + λB, ` +
        'Cholesky, triangular solves) + factoring B; hess = HessianModel.at; oracle = f/∇f; B-slv = metric B-solves/dual norms; ' +
        'other = the rest (copies, records).',
    );
    log('');
    const header = ['instance', 'method', 'n', 'auth it', 'iters', 'py it', 'trials(npd)', 'ms/iter', 'total ms', 'fact', 'hess', 'oracle', 'B-slv', 'other', 'py ms', 'py ms/it', 'rc/np'];
    const widths = [21, 26, 4, 7, 6, 6, 11, 9, 10, 5, 5, 6, 6, 6, 9, 9, 7];
    const line = (cells: string[]): string => cells.map((s, i) => (i < 2 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join(' ');
    log(line(header));
    const rows: Row[] = [];
    let mismatches = 0;
    for (const { c, r } of ours) {
      const { oracle, hessian, factor, metric } = r.t;
      const other = Math.max(0, r.ms - oracle - hessian - factor - metric);
      const p = typeof py === 'string' ? undefined : py.rows.get(c.id);
      const perIter = (ms: number, it: number): number => ms / Math.max(1, it);
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
      };
      rows.push(row);
      log(
        line([
          c.name,
          c.label,
          String(row.n),
          row.authorsIterations === null ? '—' : String(row.authorsIterations),
          String(row.iterations),
          numpy ? `${numpy.iterations}${iterationsMatch ? '' : '!'}` : '—',
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
        ]),
      );
    }
    log('');
    log(
      'trials = all trials of the search (dense H: one factorization each; one f and one ∇f unless H + λB did not factor); ' +
        '(npd) = of which not positive definite; rc/np = ratecheck total / numpy total (< 1: ratecheck faster).',
    );
    for (const r of rows) {
      if (r.authorsGradCalls !== null && r.authorsGradCalls !== r.gradCalls) {
        log(`note: ${r.instance} ${r.method}: ${r.gradCalls} gradient calls here, ${r.authorsGradCalls} in the authors' run`);
      }
      const np = r.numpy;
      if (np && (np.trials !== r.trials || np.factorizationFailures !== r.factorizationFailures)) {
        log(`note: ${r.instance} ${r.method}: ${r.trials} trials (${r.factorizationFailures} not PD) here, ${np.trials} (${np.factorizationFailures}) in numpy`);
      }
    }
    if (mismatches > 0) {
      log(`ITERATION MISMATCH (ratecheck vs numpy beyond ±1) in ${mismatches} row(s), marked '!'`);
      process.exitCode = 1;
    }
    if (JSON_OUT) {
      const machine = {
        node: process.version,
        wasmCholesky: wasmChol,
        wasmRankK,
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? null,
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
