import { loadBackend } from '../../backends/index.js';
import { readAnyProblemFile } from '../../problems/files/problem-file-any.js';
import { runToEnd } from '../../solvers/gns.js';
import type { GnsRecord, GnsSummary } from '../../solvers/gns-record.js';
import type { IterationRecord, SolverSummary } from '../../solvers/iteration-record.js';
import { HESSIAN_NAMES, METHOD_NAMES, type MethodConfig, runMethod } from '../../solvers/method-config.js';
import { choiceOption, numberOption, parseOptions } from '../options.js';
import { PERTURBATION_HELP, parsePerturbation } from '../perturbation-option.js';
import { UsageError } from '../usage-error.js';

export const SOLVE_HELP = `usage: ratecheck solve FILE [options]

Runs one method on one problem file (ratecheck-reference/1 or ratecheck-problem/1) and prints its
trace. Defaults come from the file's "solver" block when it has one.

  --method ${METHOD_NAMES.join('|')}   (default gns)
  --hessian ${HESSIAN_NAMES.join('|')}   (default exact)
${PERTURBATION_HELP}
  --mode reference|strict   the authors' semantics, or the clean method of the theory (default reference)
  --gamma0 G       initial γ (> 0)
  --max-iters K    iteration cap (0: evaluate at x0 only)
  --f-tol T        stop when f − f* < T (needs f* in the file)
  --grad-tol T     stop when ‖∇f‖_* < T
  --alpha A        super-universal Newton's α ∈ [0, 1] (default 1)
  --backend cpu|decimal|tfjs   arithmetic (default cpu); tfjs is float32 on the best TensorFlow.js
                   backend present (tensorflow with tfjs-node-gpu, else wasm, else cpu), with
                   (H + λB)x = r solved by preconditioned conjugate gradients
  --require-gpu    exit 2 unless a GPU-backed backend is active
  --json           one JSON object: iterations, status, f, gradNorm, gammaStart, gradCalls, timing`;

const OPTIONS = {
  method: { type: 'string' },
  hessian: { type: 'string' },
  perturb: { type: 'string', multiple: true },
  mode: { type: 'string' },
  gamma0: { type: 'string' },
  'max-iters': { type: 'string' },
  'f-tol': { type: 'string' },
  'grad-tol': { type: 'string' },
  alpha: { type: 'string' },
  backend: { type: 'string' },
  'require-gpu': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Per-iteration history in the authors' semantics: entry k at the start of iteration k. */
function historyOf(records: readonly IterationRecord[], summary: SolverSummary) {
  if ('history' in summary) return (summary as GnsSummary).history;
  const gamma = (r: IterationRecord) => {
    const x = r as Partial<{ L: number; gamma: number }>;
    return x.gamma ?? (x.L !== undefined ? r.gradNorm / x.L : NaN);
  };
  return {
    f: [...records.map((r) => r.f), summary.f],
    gradNorm: [...records.map((r) => r.gradNorm), summary.gradNorm],
    gammaStart: [...records.map(gamma), NaN],
    gradCalls: [...records.map((r) => r.gradCalls), summary.gradCalls],
  };
}

export async function solve(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, { min: 1, max: 1, what: 'problem FILE' });
  const method = choiceOption('--method', values.method, METHOD_NAMES, 'gns');
  const hessian = choiceOption('--hessian', values.hessian, HESSIAN_NAMES, 'exact');
  const mode = choiceOption('--mode', values.mode, ['reference', 'strict'] as const, 'reference');
  const perturbations = (values.perturb ?? []).map(parsePerturbation);
  const backendName = choiceOption('--backend', values.backend, ['cpu', 'decimal', 'tfjs'] as const, 'cpu');
  const gamma0 = numberOption('--gamma0', values.gamma0, { min: 0, exclusiveMin: true });
  const maxIters = numberOption('--max-iters', values['max-iters'], { min: 0, integer: true });
  const fTol = numberOption('--f-tol', values['f-tol'], { min: 0 });
  const gradTol = numberOption('--grad-tol', values['grad-tol'], { min: 0 });
  const alpha = numberOption('--alpha', values.alpha, { min: 0 });
  if (alpha !== undefined && alpha > 1) throw new UsageError(`--alpha must lie in [0, 1], got ${alpha}`);

  const t0 = performance.now();
  const loaded = readAnyProblemFile(positionals[0]);
  const loadMs = performance.now() - t0;
  const { instance, solver } = loaded;
  if (fTol !== undefined && instance.certificate.fStar === undefined) throw new UsageError('--f-tol needs f* in the problem file');
  const backend = await loadBackend(backendName);
  if (!backend.ok) throw new UsageError(backend.message);
  if (values['require-gpu'] && backend.backend.withoutGpu !== null) throw new UsageError(`--require-gpu: no GPU-backed backend is active (${backend.backend.withoutGpu})`);
  const { arithmetic } = backend.backend;
  const config: MethodConfig = {
    method,
    hessian,
    perturbations,
    mode,
    gamma0: gamma0 ?? solver?.gamma0,
    eps: solver?.eps,
    gammaMin: solver?.gammaMin,
    maxTrials: solver?.maxTrials,
    maxIters: maxIters ?? solver?.maxIters ?? 1000,
    fTol: fTol ?? solver?.fTol,
    gradTol,
    alpha,
  };
  const t1 = performance.now();
  const { records, summary } = runToEnd(runMethod(config, instance, backend.backend));
  const solveMs = performance.now() - t1;
  const history = historyOf(records, summary);
  const fStar = instance.certificate.fStar;
  if (values.json) {
    const out = {
      file: positionals[0],
      method,
      hessian: method === 'gns' ? hessian : null,
      mode,
      backend: backendName,
      arithmetic,
      status: summary.status,
      iterations: summary.iterations,
      fStar: fStar ?? null,
      x: Array.from(summary.x),
      ...history,
      factorizationFailures: records.reduce((s, r) => s + ((r as Partial<GnsRecord>).factorizationFailures ?? 0), 0),
      timing: { loadMs, solveMs },
    };
    process.stdout.write(`${JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}\n`);
    return 0;
  }
  const lines = [
    `${positionals[0]}: ${method}${method === 'gns' ? ` (${hessian}${perturbations.length ? ` + ${perturbations.map((p) => p.kind).join(' + ')}` : ''}, ${mode} mode)` : ''} on ${arithmetic}`,
    `status ${summary.status} after ${summary.iterations} iterations, ${summary.gradCalls} gradient calls, f = ${summary.f}${fStar !== undefined ? ` (f − f* = ${(summary.f - fStar).toExponential(3)})` : ''}, ‖∇f‖_* = ${summary.gradNorm.toExponential(3)}`,
    `load ${loadMs.toFixed(1)} ms, solve ${solveMs.toFixed(1)} ms`,
    '',
    `${'k'.padStart(5)}  ${(fStar !== undefined ? 'f − f*' : 'f').padEnd(12)}  ${'‖∇f‖_*'.padEnd(12)}  ${'γ start'.padEnd(12)}  grad calls`,
  ];
  const n = history.f.length;
  const shown = n <= 40 ? [...Array(n).keys()] : [...Array(20).keys(), ...Array.from({ length: 20 }, (_, i) => n - 20 + i)];
  for (const k of shown) {
    if (n > 40 && k === n - 20) lines.push('  …');
    const f = fStar !== undefined ? history.f[k] - fStar : history.f[k];
    lines.push(`${String(k).padStart(5)}  ${f.toExponential(4).padEnd(12)}  ${history.gradNorm[k].toExponential(4).padEnd(12)}  ${history.gammaStart[k].toExponential(3).padEnd(12)}  ${history.gradCalls[k]}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
