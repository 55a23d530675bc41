/**
 * The cost of the solver process protocol (docs/solver-protocol.md): milliseconds per oracle call
 * served over the pipe (a JSON request from a node solver process, the harness's evaluation, the JSON
 * reply, the solver's parse) against the same oracle call in-process, for n = 10, 100, 500, and per
 * kind of request (f + ∇f, H, H·v), the vectors and matrices of the reply as JSON arrays or, asked
 * for with "binary": true, as base64 of their float64 bytes (decoded by the solver). Each row runs `calls` evaluations in one solver process (its
 * start-up is measured apart, as `start`); in-process is the oracle's own call on the same instance.
 * Then the same suite (default ci) twice: with the JavaScript example solver (examples/gradient_solver.mjs)
 * in place of the scenarios' methods, and with ratecheck's own gradient method in its place (run --method).
 *   npm run bench:protocol [-- --calls 2000 --suite ci|none --json]
 */
import { fileURLToPath } from 'node:url';
import { exactHessianOf } from '../src/hessians/exact.js';
import { buildInstance } from '../src/problems/registry.js';
import { runToEnd } from '../src/solvers/gns.js';
import { runSolverProcess } from '../src/solver-process/process-run.js';
import { cpuBackend } from '../src/backends/cpu.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const CALLS = Number(option('--calls', '2000'));
const JSON_OUT = process.argv.includes('--json');
const ECHO = fileURLToPath(new URL('../../bench/echo-solver.mjs', import.meta.url));
const KINDS = [
  { label: 'f + ∇f', want: 'f,grad', binary: false, inProcess: (o: Oracle, x: Float64Array) => (o.f(x), o.grad(x)) },
  { label: 'H', want: 'hess', binary: false, inProcess: (o: Oracle, x: Float64Array) => o.hess(x) },
  { label: 'H base64', want: 'hess', binary: true, inProcess: (o: Oracle, x: Float64Array) => o.hess(x) },
  { label: 'H·v', want: 'hvp', binary: false, inProcess: (o: Oracle, x: Float64Array) => o.hvp(x, x) },
] as const;
type Oracle = ReturnType<typeof buildInstance>['problem']['oracle'];

/** milliseconds of one solver process that makes `calls` evaluate requests (0 calls: its start-up and end) */
function processRun(name: string, calls: number, want: string, binary = false): number {
  const instance = buildInstance(name);
  const t = performance.now();
  const run = runSolverProcess({ problem: instance.problem, model: exactHessianOf(instance), instance, x0: instance.x0, stop: { maxIters: 1 + calls }, backend: cpuBackend() } as never, { command: `${process.execPath} ${ECHO} ${calls} ${want}${binary ? ' binary' : ''}`, capabilities: [], options: {} });
  runToEnd(run);
  return performance.now() - t;
}

function inProcessMs(name: string, calls: number, call: (o: Oracle, x: Float64Array) => unknown): number {
  const { problem, x0 } = buildInstance(name);
  const t = performance.now();
  for (let i = 0; i < calls; i++) call(problem.oracle, x0);
  return (performance.now() - t) / calls;
}

const rows: { n: number; request: string; pipeMs: number; inProcessMs: number; ratio: number; startMs: number }[] = [];
for (const n of [10, 100, 500]) {
  const name = `quadratic/logCond=2,metric=identity,scale=1/n=${n}/seed=1`;
  const startMs = Math.min(...[0, 1, 2].map(() => processRun(name, 0, 'f')));
  for (const kind of KINDS) {
    const calls = kind.want === 'hess' && n >= 500 ? Math.max(20, CALLS / 50) : kind.want === 'hess' && n >= 100 ? CALLS / 5 : CALLS;
    const pipeMs = Math.max(0, processRun(name, calls, kind.want, kind.binary) - startMs) / calls;
    const own = inProcessMs(name, calls, kind.inProcess);
    rows.push({ n, request: kind.label, pipeMs, inProcessMs: own, ratio: pipeMs / own, startMs });
  }
}
if (!JSON_OUT) {
  console.log(`solver process protocol: ms per oracle call over the pipe vs in-process (node ${process.version}; solver process: node, start-up and end measured apart)`);
  console.log('   n  request     pipe ms  in-process ms   ratio   process start+end ms');
  for (const r of rows) console.log(`${String(r.n).padStart(4)}  ${r.request.padEnd(10)} ${r.pipeMs.toFixed(4).padStart(8)} ${r.inProcessMs.toFixed(5).padStart(14)} ${r.ratio.toFixed(1).padStart(7)} ${r.startMs.toFixed(1).padStart(10)}`);
}

// the same suite with the JavaScript example solver and with ratecheck's own gradient method in its place
const SUITE = option('--suite', 'ci');
let suiteComparison: object | null = null;
if (SUITE !== 'none') {
  const { runSuite } = await import('../src/harness/run-suite.js');
  const os = await import('node:os');
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const workers = os.availableParallelism();
  const base = { suite: SUITE, out: mkdtempSync(join(os.tmpdir(), 'ratecheck-bench-protocol-')), backend: 'cpu', workers, shard: null, timeBudgetSeconds: null, caseTimeoutSeconds: 120, target: false, targetBudget: 40, resume: null, corpus: null, updateCorpus: false, baseline: null, tolerance: null, requireGpu: false };
  const example = fileURLToPath(new URL('../../examples/gradient_solver.mjs', import.meta.url));
  const measured: Record<string, { wall: number; judged: number; caseSeconds: number }> = {};
  for (const [label, subject] of [
    ['in-process (gradient)', { method: 'gradient' }],
    ['solver process (examples/gradient_solver.mjs)', { solver: { command: `${process.execPath} ${example}` } }],
  ] as const) {
    const t = performance.now();
    const { results } = await runSuite({ ...base, ...subject }, () => {}, new Promise(() => {}));
    const judged = results.cases.filter((c) => c.kind === 'case');
    measured[label] = { wall: (performance.now() - t) / 1000, judged: judged.length, caseSeconds: judged.reduce((s, c) => s + c.seconds, 0) };
  }
  const [own, pipe] = Object.values(measured);
  suiteComparison = { suite: SUITE, workers, runs: measured, wallRatio: pipe.wall / own.wall, judgedCaseRatio: pipe.caseSeconds / own.caseSeconds };
  if (!JSON_OUT) {
    console.log(`\nsuite ${SUITE} (${workers} workers; its power cases run ratecheck's own variants in both runs):`);
    for (const [label, m] of Object.entries(measured)) console.log(`  ${label.padEnd(48)} wall ${m.wall.toFixed(1).padStart(7)} s   ${m.judged} judged cases, ${m.caseSeconds.toFixed(1)} s in them`);
    console.log(`  ratio solver process / in-process: wall ${(pipe.wall / own.wall).toFixed(2)}×, time in judged cases ${(pipe.caseSeconds / own.caseSeconds).toFixed(2)}×`);
  }
}

// the machine-readable last line
if (JSON_OUT) console.log(JSON.stringify({ calls: CALLS, rows, suite: suiteComparison }));
