import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { jsCholeskyKernel, type CholeskyKernel } from '../src/linalg/cholesky-kernel.js';
import { matrix } from '../src/linalg/matrix.js';
import { symmetricRankKJs } from '../src/linalg/rank-k.js';
import { solveLowerInPlace, solveLowerTransposeInPlace } from '../src/linalg/triangular.js';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { loadWasmRankKUpdate, type WasmKernels, wasmKernelsOn } from '../src/linalg/wasm/cholesky-wasm.js';
import { instantiateLinalg, type WasmVariant, wasmVariant } from '../src/linalg/wasm/linalg-module.js';
import { diagonallyDominantSpd, rng } from '../test/support/random-matrices.js';
import { compiledInstructions } from './wasm-instructions.js';
import { wasmPeakGflops } from './wasm-peak.js';
import { medianOf, roundsFromArgs } from './rounds.js';

const SIZES = [100, 200, 400, 800];
const JSON_OUT = process.argv.includes('--json');
/** alternating rounds of LAPACK and the wasm build the process runs (bench/rounds.ts); the first is the table's */
const ROUNDS = roundsFromArgs(process.argv, 'bench:linalg', 3);

interface Row {
  n: number;
  jsGflops: number;
  /** the build the process runs (`wasmBuild`), as the solver runs it: H resident, H + 0·I formed, factored, both triangular solves in wasm */
  wasmGflops: number | null;
  simdGflops: number | null;
  fmaGflops: number | null;
  mlMatrixGflops: number;
  lapackGflops: number | null;
  /** wasmGflops / lapackGflops (factor+solve) in the table's round */
  ratio: number | null;
  /** that ratio in every round (the table's first), and their median */
  roundRatios: number[];
  medianRatio: number | null;
  /** factor-only time ratio LAPACK / wasm (the kernel's factor with its copy in and out) */
  factorRatio: number | null;
}

function flops(n: number): number {
  return (n * n * n) / 3;
}

function gflops(n: number, ms: number): number {
  return flops(n) / (ms * 1e6);
}

const spd = (n: number, seed: number): Float64Array => diagonallyDominantSpd(n, rng(seed));

/** L·y = b, then Lᵀ·x = y, in place on b. */
function cholSolve(l: Float64Array, n: number, b: Float64Array): void {
  solveLowerTransposeInPlace(l, n, solveLowerInPlace(l, n, b));
}

/** Median wall time (ms) of fn after warm-up; at least minReps runs, then until budgetMs is spent. */
function medianMs(fn: () => void, minReps: number, budgetMs: number): number {
  for (let w = 0; w < 2; w++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minReps || (performance.now() - start < budgetMs && times.length < 5000)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return times[times.length >> 1];
}

function residual(a: Float64Array, n: number, x: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    let s = -b[i];
    for (let k = 0; k < n; k++) s += a[i * n + k] * x[k];
    m = Math.max(m, Math.abs(s));
  }
  return m;
}

interface KernelTiming {
  factorMs: number;
  factorSolveMs: number;
  residual: number;
}

function timeKernel(k: CholeskyKernel, a: Float64Array, n: number, b: Float64Array, budgetMs: number): KernelTiming {
  const work = new Float64Array(n * n);
  const x = new Float64Array(n);
  const run = (): void => {
    work.set(a);
    if (k.factor(work, n) !== -1) throw new Error(`${k.name}: factor failed at n=${n}`);
    x.set(b);
    cholSolve(work, n, x);
  };
  run();
  const res = residual(a, n, x, b);
  const factorMs = medianMs(
    () => {
      work.set(a);
      k.factor(work, n);
    },
    5,
    budgetMs,
  );
  const factorSolveMs = medianMs(run, 5, budgetMs);
  return { factorMs, factorSolveMs, residual: res };
}

/** The solver's path (src/linalg/shifted-system.ts on one build): A resident in wasm memory, A + 0·I formed, factored, L⁻ᵀL⁻¹b there. */
function timeResident(k: WasmKernels, a: Float64Array, n: number, b: Float64Array, budgetMs: number): KernelTiming {
  const system = k.shifted(a, null, n);
  const tol = 8 * (n + 1) * 2 ** -53;
  const x = new Float64Array(n);
  const run = (): void => {
    if (system.solve(0, b, tol, x) !== -1) throw new Error(`resident wasm: factor failed at n=${n}`);
  };
  run();
  const res = residual(a, n, x, b);
  const work = new Float64Array(n * n);
  const factorMs = medianMs(
    () => {
      work.set(a);
      k.cholesky.factor(work, n);
    },
    5,
    budgetMs,
  );
  return { factorMs, factorSolveMs: medianMs(run, 5, budgetMs), residual: res };
}

/** The CPU's model and the flags that decide which kernels can run (x86: /proc/cpuinfo). */
function cpuFacts(): { model: string; flags: string[] } {
  const model = cpus()[0]?.model ?? 'unknown';
  let flags: string[] = [];
  try {
    const line = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (line) flags = line[1].trim().split(/\s+/).filter((f) => ['sse2', 'avx', 'avx2', 'fma', 'avx512f'].includes(f));
  } catch {
    // not Linux: no flags
  }
  return { model, flags };
}

function timeMlMatrix(a: Float64Array, n: number, b: Float64Array, budgetMs: number): KernelTiming {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, (i + 1) * n)));
  const m = new Matrix(rows);
  const bm = Matrix.columnVector(Array.from(b));
  let x = new Float64Array(n);
  const run = (): void => {
    const c = new CholeskyDecomposition(m);
    x = Float64Array.from(c.solve(bm).getColumn(0));
  };
  run();
  const res = residual(a, n, x, b);
  const factorMs = medianMs(() => void new CholeskyDecomposition(m), 3, budgetMs);
  const factorSolveMs = medianMs(run, 3, budgetMs);
  return { factorMs, factorSolveMs, residual: res };
}

interface LapackResult {
  info: string;
  rows: Map<number, { factorMs: number; factorSolveMs: number; residual: number }>;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bench', 'lapack_reference.py')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find bench/lapack_reference.py');
    dir = parent;
  }
}

function runLapack(sizes: number[]): LapackResult | string {
  const probe = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'python3 with scipy not available';
  const env = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  };
  const script = join(repoRoot(), 'bench', 'lapack_reference.py');
  const out = spawnSync('python3', [script, ...sizes.map(String)], { encoding: 'utf8', env, timeout: 120_000 });
  if (out.status !== 0) return `lapack_reference.py failed: ${out.stderr.trim().split('\n').pop() ?? ''}`;
  const lines = out.stdout.trim().split('\n');
  const parsed = JSON.parse(lines[lines.length - 1]) as {
    numpy: string;
    scipy: string;
    blas: string | null;
    env: Record<string, string | null>;
    rows: { n: number; factorMs: number; factorSolveMs: number; residual: number }[];
  };
  const e = parsed.env;
  const info =
    `scipy ${parsed.scipy}, numpy ${parsed.numpy}, BLAS ${parsed.blas ?? '?'}; ` +
    `OPENBLAS_NUM_THREADS=${e.OPENBLAS_NUM_THREADS} OMP_NUM_THREADS=${e.OMP_NUM_THREADS} ` +
    `MKL_NUM_THREADS=${e.MKL_NUM_THREADS} OPENBLAS_CORETYPE=${e.OPENBLAS_CORETYPE ?? '(unset)'} ` +
    `OPENBLAS_L2_SIZE=${e.OPENBLAS_L2_SIZE ?? '(unset)'}`;
  return { info, rows: new Map(parsed.rows.map((r) => [r.n, r])) };
}

function benchRankK(log: (s: string) => void, peakGflops: number | null): void {
  const rk = loadWasmRankKUpdate();
  if (rk === null) return;
  log('');
  log('rank-k update C = Aᵀ·diag(d)·A (A m×n): JS = symmetricRankK (src/linalg/rank-k.ts); GFLOP/s counting m·n·(n+1)');
  log(['m×n', 'JS ms', 'wasm ms', 'JS GF/s', 'wasm GF/s', 'speedup', 'of peak'].map((h) => h.padStart(10)).join(' '));
  for (const [m, n] of [
    [50, 20],
    [200, 100],
    [1000, 200],
    [800, 400],
  ]) {
    const r = rng(m * 31 + n);
    const a = new Float64Array(m * n);
    for (let i = 0; i < a.length; i++) a[i] = r() - 0.5;
    const d = new Float64Array(m);
    for (let i = 0; i < m; i++) d[i] = 1 + r();
    const am = matrix(m, n, a);
    const c1 = symmetricRankKJs(am, d).data;
    const c2 = new Float64Array(n * n);
    rk(a, m, n, d, c2);
    let err = 0;
    let mx = 0;
    for (let i = 0; i < n * n; i++) {
      err = Math.max(err, Math.abs(c1[i] - c2[i]));
      mx = Math.max(mx, Math.abs(c1[i]));
    }
    if (!(err <= 1e-12 * mx)) throw new Error(`rank-k: wasm and JS differ by ${err} at ${m}×${n}`);
    const tj = medianMs(() => void symmetricRankKJs(am, d), 3, 400);
    const tw = medianMs(() => rk(a, m, n, d, c2), 3, 400);
    const fl = m * n * (n + 1);
    const wasmGflops = fl / tw / 1e6;
    const cells = [`${m}×${n}`, tj.toFixed(3), tw.toFixed(3), (fl / tj / 1e6).toFixed(2), wasmGflops.toFixed(2), `${(tj / tw).toFixed(1)}×`, peakGflops === null ? '—' : `${((100 * wasmGflops) / peakGflops).toFixed(0)}%`];
    log(cells.map((c) => c.padStart(10)).join(' '));
  }
}

/** time spent repeating each measurement at size n */
function timingBudgetMs(n: number): number {
  return n >= 800 ? 2500 : 1000;
}

/** the SPD matrix and right-hand side timed at size n (the same in every round) */
function system(n: number): [Float64Array, Float64Array] {
  const r = rng(n + 1);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = 2 * r() - 1;
  return [spd(n, n), b];
}

function fmt(x: number | null, digits = 2): string {
  return x === null ? '—' : x.toFixed(digits);
}

function main(): void {
  const variant = wasmVariant();
  const builds = new Map<WasmVariant, WasmKernels>();
  for (const v of ['simd', 'fma'] as const) {
    const ex = instantiateLinalg(v);
    if (ex !== null) builds.set(v, wasmKernelsOn(ex));
  }
  const lapack = runLapack(SIZES);
  const cpu = cpuFacts();
  const log = (s: string): void => {
    process.stdout.write(`${s}\n`);
  };
  log(`node ${process.version}; ${cpus().length} × ${cpu.model}; CPU flags: ${cpu.flags.join(' ') || '(unknown)'}`);
  log(`wasm builds loaded: ${[...builds.keys()].join(', ') || 'none'}; the process runs: ${variant ?? 'JS (no wasm)'}`);
  log(typeof lapack === 'string' ? `LAPACK reference: ${lapack}` : `LAPACK reference: ${lapack.info}`);
  log('times are medians per factor+solve (factor-only in brackets); GFLOP/s = (n³/3) / (factor+solve time)');
  log('wasm = as the solver runs it (src/linalg/shifted-system.ts): A resident in wasm memory, formed, factored and solved there; factor-only = the kernel with its copy in and out');
  log('');
  const rows: Row[] = [];
  const header = ['n', 'JS ms', 'wasm simd ms', 'wasm fma ms', 'ml-matrix ms', 'LAPACK ms', 'JS GF/s', 'simd GF/s', 'fma GF/s', 'LAPACK GF/s', 'wasm/LAPACK'];
  const widths = [5, 16, 16, 16, 18, 16, 8, 10, 10, 12, 12];
  log(header.map((h, i) => h.padStart(widths[i])).join(' '));
  for (const n of SIZES) {
    const [a, b] = system(n);
    const budget = timingBudgetMs(n);
    const js = timeKernel(jsCholeskyKernel, a, n, b, budget);
    const simdKernels = builds.get('simd');
    const fmaKernels = builds.get('fma');
    const simd = simdKernels ? timeResident(simdKernels, a, n, b, budget) : null;
    const fma = fmaKernels ? timeResident(fmaKernels, a, n, b, budget) : null;
    const ml = timeMlMatrix(a, n, b, budget);
    const lp = typeof lapack === 'string' ? undefined : lapack.rows.get(n);
    for (const [name, t] of [['js', js], ['wasm simd', simd], ['wasm fma', fma], ['ml-matrix', ml]] as const) {
      if (t && !(t.residual < 1e-8 * n)) throw new Error(`${name}: residual ${t.residual} at n=${n}`);
    }
    const chosen = variant === 'fma' ? fma : variant === 'simd' ? simd : null;
    const row: Row = {
      n,
      jsGflops: gflops(n, js.factorSolveMs),
      wasmGflops: chosen ? gflops(n, chosen.factorSolveMs) : null,
      simdGflops: simd ? gflops(n, simd.factorSolveMs) : null,
      fmaGflops: fma ? gflops(n, fma.factorSolveMs) : null,
      mlMatrixGflops: gflops(n, ml.factorSolveMs),
      lapackGflops: lp ? gflops(n, lp.factorSolveMs) : null,
      ratio: null,
      roundRatios: [],
      medianRatio: null,
      factorRatio: chosen && lp ? lp.factorMs / chosen.factorMs : null,
    };
    if (row.wasmGflops !== null && row.lapackGflops !== null) row.ratio = row.wasmGflops / row.lapackGflops;
    rows.push(row);
    const ms = (t: { factorMs: number; factorSolveMs: number } | null | undefined): string =>
      t ? `${t.factorSolveMs.toFixed(3)} [${t.factorMs.toFixed(3)}]` : '—';
    const cells = [
      String(n),
      ms(js),
      ms(simd),
      ms(fma),
      ms(ml),
      ms(lp),
      fmt(row.jsGflops),
      fmt(row.simdGflops),
      fmt(row.fmaGflops),
      fmt(row.lapackGflops),
      fmt(row.ratio, 3),
    ];
    log(cells.map((c, i) => c.padStart(widths[i])).join(' '));
  }
  const chosenKernels = variant === null ? undefined : builds.get(variant);
  if (chosenKernels && typeof lapack !== 'string') {
    for (const row of rows) if (row.ratio !== null) row.roundRatios.push(row.ratio);
    for (let k = 1; k < ROUNDS; k++) {
      const lp = runLapack(SIZES);
      if (typeof lp === 'string') break;
      for (const row of rows) {
        const { n } = row;
        const ref = lp.rows.get(n);
        if (!ref) continue;
        const [a, b] = system(n);
        const t = timeResident(chosenKernels, a, n, b, timingBudgetMs(n));
        row.roundRatios.push(gflops(n, t.factorSolveMs) / gflops(n, ref.factorSolveMs));
      }
    }
    log('');
    log(`wasm/LAPACK in ${ROUNDS} alternating rounds (LAPACK at every size, then the ${variant} build; the first is the table's) and their median:`);
    for (const row of rows) {
      if (row.roundRatios.length === 0) continue;
      row.medianRatio = medianOf(row.roundRatios).value;
      log(`  n = ${String(row.n).padStart(4)}: ${row.roundRatios.map((x) => x.toFixed(3)).join(' ')}  median ${row.medianRatio.toFixed(3)}`);
    }
  }
  // what 128-bit SIMD allows here: the kernels' share of it, and the ratio to LAPACK it allows
  const peak = { simd: wasmPeakGflops('simd'), fma: wasmPeakGflops('fma') };
  const ownPeak = variant === null ? null : peak[variant];
  log('');
  log(`packed-double peak of wasm on this CPU (bench/wasm-peak.ts: 12 independent f64x2 chains, no memory traffic): fma ${fmt(peak.fma)} GF/s, simd ${fmt(peak.simd)} GF/s`);
  const limits = rows.map((row) => ({
    n: row.n,
    shareOfPeak: row.wasmGflops !== null && ownPeak !== null ? row.wasmGflops / ownPeak : null,
    /** wasm/LAPACK if the kernel ran at the peak, against the table round's LAPACK */
    ratioAtPeak: row.lapackGflops !== null && ownPeak !== null ? ownPeak / row.lapackGflops : null,
  }));
  for (const l of limits) {
    if (l.shareOfPeak === null) continue;
    log(`  n = ${String(l.n).padStart(4)}: the ${variant} build at ${(100 * l.shareOfPeak).toFixed(0)}% of its peak${l.ratioAtPeak === null ? '' : `; at the peak itself wasm/LAPACK would be ${l.ratioAtPeak.toFixed(3)} (the table's round)`}`);
  }
  benchRankK(log, ownPeak);
  const compiled = variant === null ? 'no wasm build' : compiledInstructions(variant, new URL('../src/linalg/wasm/cholesky-wasm.js', import.meta.url).href);
  log('');
  if (typeof compiled === 'string') log(`compiled instructions: ${compiled}`);
  else {
    log(`compiled instructions of the ${variant} build (V8 TurboFan on this CPU, node --print-wasm-code; packed-double arithmetic by mnemonic):`);
    for (const f of compiled) log(`  ${f.name}: ${Object.entries(f.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  }
  if (JSON_OUT) log(JSON.stringify({ node: process.version, cpu, wasmBuild: variant, rows, peak, limits, compiled }));
}

main();
