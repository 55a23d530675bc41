import { loadBackend } from '../../backends/index.js';
import { FLOAT64_UNIT_ROUNDOFF } from '../../linalg/cholesky.js';
import { readAnyProblemFile } from '../../problems/files/problem-file-any.js';
import { metricOf } from '../../problems/metric.js';
import { GRADIENT_FLOOR_ULPS } from '../../scenarios/scenario.js';
import { runToEnd } from '../../solvers/gns.js';
import type { GnsRecord, GnsSummary } from '../../solvers/gns-record.js';
import type { IterationRecord, SolverStatus, SolverSummary } from '../../solvers/iteration-record.js';
import { HESSIAN_NAMES, whyNotApplicable } from '../../hessians/catalog.js';
import { METHOD_NAMES, type MethodConfig, runMethod } from '../../solvers/method-config.js';
import { atPrecision } from '../../theory/run-precision.js';
import { choiceOption, numberOption, parseOptions } from '../options.js';
import { PERTURBATION_HELP, parsePerturbation } from '../perturbation-option.js';
import { InputError } from '../../input-error.js';

const DEFAULT_MAX_ITERS = 1000;
/** The default gradient tolerance relative to ‖∇f(x0)‖_*, as a scenario's gradTolRelative (src/scenarios). */
const DEFAULT_GRAD_TOL_RELATIVE = 1e-9;
/** A claimed f* above an observed f by more than this many float64 roundings of |f| + |f*| is wrong (spec ε_f). */
const F_STAR_SLACK_FLOAT64 = 1e-12;

export const SOLVE_HELP = `usage: ratecheck solve FILE [options]

Runs one method on one problem file (ratecheck-reference/1 or ratecheck-problem/1) and prints its
trace, and why it stopped. Defaults come from the file's "solver" block when it has one (a reference
file: the authors' stop test f − f* < solver.fTol, or solver.maxIters). A file without one stops at
the default gradient tolerance (--grad-tol). Exit code 0; 1 when an iterate has f below the file's
f* beyond rounding (1e-12·(|f| + |f*|) in float64): the claimed f* is wrong, and a line on stderr
names the iteration, f and f*; 2: bad usage or input.

  --method ${METHOD_NAMES.join('|')}   (default gns)
  --hessian ${HESSIAN_NAMES.join('|')}   (default exact)
${PERTURBATION_HELP}
  --mode reference|strict   the authors' semantics, or the clean method of the theory (default reference)
  --gamma0 G       initial γ (> 0)
  --max-iters K    iteration cap (0: evaluate at x0 only; default: the file's, else ${DEFAULT_MAX_ITERS})
  --f-tol T        stop when f − f* < T (needs f* in the file; default: the file's solver.fTol)
  --grad-tol T     stop when ‖∇f‖_* < T (0: no gradient test). Default, when neither --f-tol nor the
                   file's "solver" block sets a stop test: ${DEFAULT_GRAD_TOL_RELATIVE}·‖∇f(x0)‖_*, and at least
                   ${GRADIENT_FLOOR_ULPS}·u·‖∇f(x0)‖_* for the backend's unit roundoff u (its precision floor)
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

/** The stop tests of a run, each with where it came from. */
interface StopTests {
  readonly fStar?: number;
  readonly fTol?: { readonly value: number; readonly from: string };
  readonly gradTol?: { readonly value: number; readonly from: string };
  readonly maxIters: { readonly value: number; readonly from: string };
}

/** Why the run stopped, in words (the tests of `stopStatus`, in its order). */
function stopReason(status: SolverStatus, summary: SolverSummary, t: StopTests): string {
  switch (status) {
    case 'success':
      if (t.fStar !== undefined && t.fTol !== undefined && summary.f - t.fStar < t.fTol.value) {
        return `f − f* = ${(summary.f - t.fStar).toExponential(3)} < ${t.fTol.value} (${t.fTol.from})`;
      }
      if (t.gradTol !== undefined && summary.gradNorm < t.gradTol.value) return `‖∇f‖_* = ${summary.gradNorm.toExponential(3)} < ${t.gradTol.value.toExponential(3)} (${t.gradTol.from})`;
      return 'a stop test was met';
    case 'iterations_exceeded':
      return `the iteration cap ${t.maxIters.value} (${t.maxIters.from}) before ${t.fTol || t.gradTol ? 'its tolerance' : 'any tolerance (none set)'}`;
    case 'stationary':
      return '∇f = 0';
    case 'non-finite':
      return 'a non-finite f or ∇f';
    case 'stalled':
      return 'the method stalled (no acceptable step left)';
  }
}

/** The first recorded f below the claimed f* by more than the rounding slack of the run's arithmetic. */
function belowFStar(f: readonly number[], fStar: number, unitRoundoff: number): { iteration: number; f: number; relative: number } | null {
  const relative = atPrecision(F_STAR_SLACK_FLOAT64, Math.max(unitRoundoff, FLOAT64_UNIT_ROUNDOFF));
  const k = f.findIndex((fk) => fk < fStar - relative * (Math.abs(fk) + Math.abs(fStar)));
  return k < 0 ? null : { iteration: k, f: f[k], relative };
}

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
  if (alpha !== undefined && alpha > 1) throw new InputError(`--alpha must lie in [0, 1], got ${alpha}`);

  const t0 = performance.now();
  const loaded = readAnyProblemFile(positionals[0]);
  const loadMs = performance.now() - t0;
  const { instance, solver } = loaded;
  if (fTol !== undefined && instance.certificate.fStar === undefined) throw new InputError('--f-tol needs f* in the problem file');
  const notApplicable = method === 'gns' ? whyNotApplicable(hessian, instance) : null;
  if (notApplicable !== null) throw new InputError(`--hessian ${notApplicable}`);
  const backend = await loadBackend(backendName);
  if (!backend.ok) throw new InputError(backend.message);
  if (values['require-gpu'] && backend.backend.withoutGpu !== null) throw new InputError(`--require-gpu: no GPU-backed backend is active (${backend.backend.withoutGpu})`);
  const { arithmetic } = backend.backend;
  const unitRoundoff = backend.backend.precision.unitRoundoff;
  const fStar = instance.certificate.fStar;
  const fTest = fTol !== undefined ? { value: fTol, from: '--f-tol' } : solver?.fTol !== undefined ? { value: solver.fTol, from: 'solver.fTol of the file' } : undefined;
  let gradTest = gradTol !== undefined ? { value: gradTol, from: '--grad-tol' } : undefined;
  if (fTest === undefined && gradTest === undefined && solver === undefined) {
    // no stop test from the flags or the file: the default relative gradient tolerance, above the precision floor
    const a0 = metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
    const relative = Math.max(DEFAULT_GRAD_TOL_RELATIVE, GRADIENT_FLOOR_ULPS * unitRoundoff);
    gradTest = { value: relative * a0, from: `the default ${relative.toExponential(1)}·‖∇f(x0)‖_*; --grad-tol T to change` };
  }
  const tests: StopTests = {
    fStar,
    fTol: fTest,
    gradTol: gradTest,
    maxIters: maxIters !== undefined ? { value: maxIters, from: '--max-iters' } : solver?.maxIters !== undefined ? { value: solver.maxIters, from: 'solver.maxIters of the file' } : { value: DEFAULT_MAX_ITERS, from: 'the default' },
  };
  const config: MethodConfig = {
    method,
    hessian,
    perturbations,
    mode,
    gamma0: gamma0 ?? solver?.gamma0,
    eps: solver?.eps,
    gammaMin: solver?.gammaMin,
    maxTrials: solver?.maxTrials,
    maxIters: tests.maxIters.value,
    fTol: tests.fTol?.value,
    gradTol: tests.gradTol?.value,
    alpha,
  };
  const t1 = performance.now();
  const { records, summary } = runToEnd(runMethod(config, instance, backend.backend));
  const solveMs = performance.now() - t1;
  const history = historyOf(records, summary);
  const stoppedBy = stopReason(summary.status, summary, tests);
  const wrongFStar = fStar === undefined ? null : belowFStar(history.f, fStar, unitRoundoff);
  if (wrongFStar) {
    process.stderr.write(
      `ratecheck: ${positionals[0]}: the claimed f* = ${fStar} is wrong: iteration ${wrongFStar.iteration} has f = ${wrongFStar.f} < f* (beyond the rounding slack ${wrongFStar.relative.toExponential(1)}·(|f| + |f*|))\n`,
    );
  }
  const exitCode = wrongFStar ? 1 : 0;
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
      stoppedBy,
      fStarWrong: wrongFStar ? { iteration: wrongFStar.iteration, f: wrongFStar.f, fStar } : null,
      x: Array.from(summary.x),
      ...history,
      factorizationFailures: records.reduce((s, r) => s + ((r as Partial<GnsRecord>).factorizationFailures ?? 0), 0),
      timing: { loadMs, solveMs },
    };
    process.stdout.write(`${JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}\n`);
    return exitCode;
  }
  const lines = [
    `${positionals[0]}: ${method}${method === 'gns' ? ` (${hessian}${perturbations.length ? ` + ${perturbations.map((p) => p.kind).join(' + ')}` : ''}, ${mode} mode)` : ''} on ${arithmetic}`,
    `status ${summary.status} after ${summary.iterations} iterations, ${summary.gradCalls} gradient calls, f = ${summary.f}${fStar !== undefined ? ` (f − f* = ${(summary.f - fStar).toExponential(3)})` : ''}, ‖∇f‖_* = ${summary.gradNorm.toExponential(3)}`,
    `stopped by ${stoppedBy}`,
    ...(wrongFStar ? [`the claimed f* is wrong: f = ${wrongFStar.f} at iteration ${wrongFStar.iteration} is below f* = ${fStar}`] : []),
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
  return exitCode;
}
