/**
 * Backends benchmark: milliseconds per GNS iteration (exact Hessian, reference mode) on the float64
 * `cpu` backend and on the float32 `tfjs` backend (whichever TensorFlow.js backend is present), on
 * LogSumExp and logistic regression with m = 10⁴…10⁵ rows and n = 500, reported as the ratio
 * tfjs/cpu measured in the same run. cpu: float64 oracles, the Hessian by the wasm rank-k kernel
 * (half of AᵀDA, symmetric), Cholesky per trial; tfjs: the oracles and the Hessian on tensors (the
 * data uploaded once per run), (H + λB)x = r by CG. Each run includes building its instance's data
 * on the backend; the time per iteration is the run's wall time over its iterations.
 *   npm run bench:backends [-- --rows 10000,100000 --iters 3 --json]
 */
import { cpuBackend } from '../src/backends/cpu.js';
import type { AnyBackend } from '../src/backends/backend.js';
import { tfjsRuntime } from '../src/backends/tfjs/runtime.js';
import { tfjsBackend } from '../src/backends/tfjs/tfjs-backend.js';
import { buildInstance } from '../src/problems/registry.js';
import { runToEnd } from '../src/solvers/gns.js';
import { runMethod } from '../src/solvers/method-config.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const ROWS = option('--rows', '10000,100000').split(',').map(Number);
const ITERS = Number(option('--iters', '3'));
const N = 500;
const JSON_OUT = process.argv.includes('--json');

function msPerIteration(name: string, backend: AnyBackend): { ms: number; iterations: number } {
  const instance = buildInstance(name);
  const t = performance.now();
  const { summary } = runToEnd(runMethod({ method: 'gns', hessian: 'exact', mode: 'reference', maxIters: ITERS }, instance, backend));
  return { ms: (performance.now() - t) / Math.max(1, summary.iterations), iterations: summary.iterations };
}

const runtime = await tfjsRuntime();
const backends: [string, AnyBackend][] = [
  ['cpu', cpuBackend()],
  ['tfjs', tfjsBackend(runtime)],
];
const rows: { problem: string; m: number; cpu: number; tfjs: number; ratio: number }[] = [];
console.log(`tfjs backend: ${runtime.backend} (${runtime.device}); n = ${N}, ${ITERS} iterations per run`);
for (const m of ROWS) {
  for (const [problem, name] of [
    ['logsumexp', `logsumexp/mu=1,rows=${m}/n=${N}/seed=1`],
    ['logistic', `logistic/samples=${m}/n=${N}/seed=1`],
  ] as const) {
    const times: Record<string, number> = {};
    for (const [label, backend] of backends) times[label] = msPerIteration(name, backend).ms;
    const row = { problem, m, cpu: times.cpu, tfjs: times.tfjs, ratio: times.tfjs / times.cpu };
    rows.push(row);
    console.log(`${problem.padEnd(10)} m=${String(m).padStart(6)}  cpu ${row.cpu.toFixed(0).padStart(7)} ms/it   tfjs ${row.tfjs.toFixed(0).padStart(7)} ms/it   tfjs/cpu ${row.ratio.toFixed(2)}`);
  }
}
if (JSON_OUT) console.log(JSON.stringify({ tfjs: runtime.backend, device: runtime.device, n: N, iterations: ITERS, rows }));
