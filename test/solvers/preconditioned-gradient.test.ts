import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { SolverConfigurationError } from '../../src/configuration-error.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import { matrix } from '../../src/linalg/matrix.js';
import { norm2 } from '../../src/linalg/vector.js';
import { constantStepGradientMethod } from '../../src/methods/baselines.js';
import type { Method, MethodOptions } from '../../src/methods/method.js';
import { perturbedPgdMethod, perturbedPgdMethodWith, pgdMethod, pgdMethodWith } from '../../src/methods/preconditioned.js';
import { methodById } from '../../src/methods/registry.js';
import { missingPromisedField, type PreconditionerFields, type StepRecord } from '../../src/methods/step-record.js';
import type { Instance } from '../../src/problems/instance.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { buildInstance } from '../../src/problems/registry.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { runToEnd } from '../../src/solvers/gns.js';
import type { SolverSummary } from '../../src/solvers/iteration-record.js';
import { perturbationSchedule, perturbedPreconditionedGradient, type PerturbedPreconditionedGradientSummary, uniformBall } from '../../src/solvers/perturbed-preconditioned-gradient.js';
import { preconditionedGradient } from '../../src/solvers/preconditioned-gradient.js';
import { rng } from '../../src/random/prng.js';

type PgdRecord = StepRecord & PreconditionerFields;

function run<O extends MethodOptions>(method: Method<O>, instance: Instance, options: O, maxIters: number, x0 = instance.x0) {
  const input = { problem: instance.problem, instance, x0, stop: { maxIters, gradTol: 0 }, backend: cpuBackend(), model: exactHessianOf(instance) };
  const { records, summary } = runToEnd(method.run(input, options));
  return { records: records as PgdRecord[], summary };
}

/** ‖x − y‖∞ ≤ ulps·u·(the scale of y) */
function closeToRounding(x: Float64Array | null, y: Float64Array, ulps = 8): void {
  const scale = Math.max(...Array.from(y, Math.abs));
  x!.forEach((xi, i) => expect(Math.abs(xi - y[i]), `entry ${i}: ${xi} vs ${y[i]}`).toBeLessThanOrEqual(ulps * 2 ** -53 * scale));
}

/** G5 (peers.md §0): f(x, y) = x⁴/4 − x²/2 + y⁴/4 + y²/2, a strict saddle at 0 (∇²f = diag(−1, 1)), minimizers (±1, 0), f = −1/4 there */
const quarticSaddle: Oracle = {
  dim: 2,
  f: ([x, y]) => x ** 4 / 4 - x ** 2 / 2 + y ** 4 / 4 + y ** 2 / 2,
  grad: ([x, y]) => Float64Array.of(x ** 3 - x, y ** 3 + y),
  hess: ([x, y]) => matrix(2, 2, Float64Array.of(3 * x ** 2 - 1, 0, 0, 3 * y ** 2 + 1)),
  hvp: ([x, y], [u, v]) => Float64Array.of((3 * x ** 2 - 1) * u, (3 * y ** 2 + 1) * v),
};
const saddleOptions = { metric: { kind: 'identity' } as const, kernel: 'log' as const, gamma: 0.5, lambda: 1, epsilon: 1e-3, seed: 11, maxIters: 3000 };
const noPerturbation = (_: () => number, dim: number) => new Float64Array(dim);

describe('P-GD: x⁺ = x − γ∇φ*(λ∇f(x))', () => {
  const quadratic = buildInstance({ family: 'quadratic', params: { logCond: 2, scale: 3, metric: 'identity' }, dim: 4, seed: 9 });

  it('with h3, γ = 1/L1 and λ = L1/L0 the step is −∇f/(L0 + L1‖∇f‖) to rounding (peers.md A.1 [R, V])', () => {
    const [L0, L1] = [3, 0.5];
    const { records } = run(pgdMethod, quadratic, { kernel: 'log', gamma: 1 / L1, lambda: L1 / L0 }, 8);
    for (const r of records) closeToRounding(r.h, r.g.map((gi) => -gi / (L0 + L1 * norm2(r.g))));
  });

  it('with clip and λ = 1/L̄ the step is −γ·min(1/‖∇f‖, 1/L̄)·∇f in both regimes; inside the ball it is the gradient step γλ', () => {
    for (const lambda of [1e-3, 10]) {
      const gamma = 0.05;
      const { records } = run(pgdMethod, quadratic, { kernel: 'clip', gamma, lambda }, 4);
      for (const r of records) closeToRounding(r.h, r.g.map((gi) => -gamma * Math.min(1 / norm2(r.g), lambda) * gi));
    }
    const gd = run(constantStepGradientMethod, quadratic, { L: 1 / (0.05 * 1e-3) }, 1).records[0];
    closeToRounding(run(pgdMethod, quadratic, { kernel: 'clip', gamma: 0.05, lambda: 1e-3 }, 1).records[0].h, gd.h!);
  });

  it('records the preconditioner fields, every step taken and accepted, x_{k+1} = x_k + h_k', () => {
    const { records, summary } = run(pgdMethod, quadratic, { kernel: 'cosh', gamma: 0.2, lambda: 2 }, 5);
    expect(missingPromisedField(pgdMethod.capabilities, records, summary)).toBeNull();
    expect(records.map((r) => [r.kernel, r.gamma, r.lambda, r.perturbed, r.stepTaken, r.accepted])).toEqual(Array(5).fill(['cosh', 0.2, 2, false, true, true]));
    records.forEach((r, k) => expect(Array.from(records[k + 1]?.x ?? summary.x)).toEqual(Array.from(r.x, (xi, i) => xi + r.h![i])));
    const { perturbed: _, ...lacking } = records[2];
    expect(missingPromisedField(['preconditioner'], [records[0], lacking as PgdRecord], summary)).toMatch(/preconditioner .* k=2 has no 'perturbed'/);
    expect(pgdMethod.capabilities).not.toContain('descent');
    expect(pgdMethod.capabilities).not.toContain('step-size');
  });

  it('a swapped part (step length 3γ, another dual gradient map) moves the iterate while the records state the honest kernel and γ', () => {
    const options = { kernel: 'exp' as const, gamma: 0.1, lambda: 1 };
    const honest = run(pgdMethod, quadratic, options, 1).records[0];
    const tripled = run(pgdMethodWith({ stepLength: (g) => 3 * g }), quadratic, options, 1).records[0];
    expect(pgdMethodWith({}).id).toBe('pgd+parts');
    expect([tripled.kernel, tripled.gamma]).toEqual(['exp', 0.1]);
    closeToRounding(tripled.h, honest.h!.map((hi) => 3 * hi));
    const flipped = run(pgdMethodWith({ dualGradient: (k, u) => u.map((ui) => -ui) }), quadratic, options, 1).records[0];
    closeToRounding(flipped.h, flipped.g.map((gi) => 0.1 * gi));
  });

  it('refuses a metric other than the identity (applies and the solver both name it); validates kernel, γ and λ', () => {
    const dense = buildInstance({ family: 'quadratic', params: { logCond: 1, scale: 1, metric: 'hessian' }, dim: 3, seed: 1 });
    expect(pgdMethod.applies(dense, exactHessianOf(dense), pgdMethod.defaults)).toMatch(/identity, got 'dense'/);
    expect(() => preconditionedGradient(dense.problem, dense.x0, { metric: dense.metric, kernel: 'log', gamma: 1, lambda: 1, maxIters: 1 }, cpuBackend())).toThrow(SolverConfigurationError);
    expect(() => preconditionedGradient(dense.problem, dense.x0, { metric: dense.metric, kernel: 'log', gamma: 1, lambda: 1, maxIters: 1 }, cpuBackend())).toThrow(/metric B must be the identity .* got 'dense'/);
    expect(pgdMethod.validate!({ kernel: 'huber' as never, gamma: 1, lambda: 1 })).toMatch(/kernel must be one of/);
    expect(pgdMethod.validate!({ kernel: 'log', gamma: 0, lambda: 1 })).toMatch(/gamma/);
    expect(pgdMethod.validate!({ kernel: 'log', gamma: 1, lambda: Infinity })).toMatch(/lambda/);
    expect(pgdMethod.neighbourOptions!({ kernel: 'log', gamma: 0.5, lambda: 2 })).toEqual([{ kernel: 'log', gamma: 0.4, lambda: 2 }]);
    expect(methodById('pgd')).toBe(pgdMethod);
    expect(methodById('pgd-perturbed')).toBe(perturbedPgdMethod);
  });

  it('far out on phase retrieval the gradient method with a fixed step overflows to non-finite values and ends cleanly; P-GD with h3 stays finite and decreases f (peers.md A.4)', () => {
    const instance = buildInstance('phase-retrieval/samples=20/n=5/seed=3');
    const far = instance.x0.map((v) => 30 * v);
    // the curvature at the family's own start, ‖∇²f(x0)‖ ≈ 53.8, as the gradient method's L
    const gd = run(constantStepGradientMethod, instance, { L: 53.8 }, 50, far);
    expect(gd.summary.status).toBe('non-finite');
    expect(gd.records.length).toBeLessThan(10);
    expect(Number.isFinite(gd.summary.f)).toBe(false);
    // (L0, L1) = (80, 1): ‖∇²f‖ − ‖∇f‖ ≤ 72.5 on sampled spheres of radius 10⁻² … 10² (peers.md A.4 step 1)
    const pgd = run(pgdMethod, instance, { kernel: 'log', gamma: 1, lambda: 1 / 80 }, 600, far);
    expect(pgd.summary.status).toBe('iterations_exceeded');
    const f = pgd.records.map((r) => r.f);
    expect(f.every(Number.isFinite)).toBe(true);
    const floor = 1e-12 * f[0];
    f.forEach((fk, k) => k === 0 || f[k - 1] < floor || expect(fk, `k=${k}`).toBeLessThanOrEqual(f[k - 1]));
    expect(pgd.summary.f).toBeLessThan(floor);
  });

  it('a NaN from the oracle mid-run ends it with status non-finite, its records kept', () => {
    const instance = buildInstance({ family: 'quadratic', params: { logCond: 2, scale: 3, metric: 'identity' }, dim: 4, seed: 9 });
    let calls = 0;
    const o = instance.problem.oracle;
    const failing: Oracle = { ...o, f: (x) => (calls > 4 ? NaN : o.f(x)), grad: (x) => (++calls > 4 ? x.map(() => NaN) : o.grad(x)) };
    const { records, summary } = runToEnd(preconditionedGradient(failing, instance.x0, { metric: instance.metric, kernel: 'exp', gamma: 0.1, lambda: 1, maxIters: 50 }, cpuBackend()));
    expect(summary.status).toBe('non-finite');
    expect(records.length).toBe(4);
  });
});

describe('perturbed P-GD', () => {
  const saddle = Float64Array.of(0, 0);

  it('started at a strict saddle it perturbs, escapes, and outputs the pre-perturbation point at a minimizer (G5)', () => {
    const { records, summary } = runToEnd(perturbedPreconditionedGradient(quarticSaddle, saddle, saddleOptions, cpuBackend()));
    const schedule = perturbationSchedule(saddleOptions);
    expect(schedule.window).toBe(437);
    const perturbed = records.filter((r) => r.perturbed).map((r) => r.k);
    expect(perturbed[0]).toBe(0);
    expect(perturbed.length).toBe(2);
    expect(norm2(records[0].h!)).toBeLessThanOrEqual(schedule.radius);
    expect(summary.stoppedByEscapeTest).toBe(true);
    expect(summary.status).toBe('success');
    expect(summary.iterations).toBe(perturbed[1] + schedule.window + 1);
    expect(summary.outputIteration).toBe(perturbed[1]);
    expect(summary.output).toEqual(records[perturbed[1]].x);
    expect(summary.outputF).toBeCloseTo(-0.25, 10);
    expect(Math.abs(summary.output[0])).toBeCloseTo(1, 5);
  });

  it('with the perturbation swapped for zero it stays at the saddle and outputs it', () => {
    const { records, summary } = runToEnd(perturbedPreconditionedGradient(quarticSaddle, saddle, saddleOptions, cpuBackend(), { perturbation: noPerturbation }));
    expect(records.every((r) => r.f === 0 && r.x.every((xi) => xi === 0))).toBe(true);
    expect(summary).toMatchObject({ status: 'success', stoppedByEscapeTest: true, outputIteration: 0, outputF: 0, iterations: 438 });
    expect(Array.from(summary.output)).toEqual([0, 0]);
  });

  it('replays exactly from its seed; another seed draws another perturbation', () => {
    const once = () => runToEnd(perturbedPreconditionedGradient(quarticSaddle, saddle, { ...saddleOptions, seed: 7 }, cpuBackend()));
    const [a, b] = [once(), once()];
    expect(b.records).toEqual(a.records);
    expect(b.summary).toEqual(a.summary);
    const other = runToEnd(perturbedPreconditionedGradient(quarticSaddle, saddle, { ...saddleOptions, seed: 8, maxIters: 1 }, cpuBackend()));
    expect(Array.from(other.records[0].h!)).not.toEqual(Array.from(a.records[0].h!));
  });

  it('ξ is uniform in the ball: inside it, with the mass of a radius-½ ball near 2⁻ⁿ', () => {
    const next = rng(3);
    const norms = Array.from({ length: 4000 }, () => norm2(uniformBall(next, 3, 2)));
    expect(Math.max(...norms)).toBeLessThanOrEqual(2);
    expect(norms.filter((r) => r <= 1).length / 4000).toBeCloseTo(1 / 8, 1);
  });

  it('the schedule keeps given thresholds and otherwise follows Jin et al. with ℓ = 1/(γλ)', () => {
    const o = { epsilon: 1e-4, gamma: 0.5, lambda: 2 };
    const chi = Math.log(1e4);
    const schedule = perturbationSchedule(o);
    expect(schedule.measureThreshold).toBe(1e-8);
    expect(schedule.radius).toBeCloseTo(1e-4 / chi ** 2, 18);
    expect(schedule.window).toBe(Math.ceil(chi / 1e-2));
    expect(schedule.escapeDecrease / (1e-6 / chi ** 3)).toBeCloseTo(1, 12);
    expect(perturbationSchedule({ ...o, radius: 0.3, window: 5, escapeDecrease: 0 })).toMatchObject({ radius: 0.3, window: 5, escapeDecrease: 0 });
  });

  it('a scenario starting where ∇f(x0) = 0 (phase retrieval at 0) runs the perturbed method and is skipped for P-GD', () => {
    const scenario = (method: Scenario['method']): Scenario => ({
      instance: { family: 'phase-retrieval', params: { samples: 20 }, dim: 5, seed: 3 },
      method,
      hessian: 'exact',
      perturbations: [],
      mode: 'strict',
      gamma0: 1,
      maxIters: 3000,
      gradTolRelative: 1e-9,
    });
    const atZero = (instance: Instance): Instance => ({ ...instance, x0: new Float64Array(instance.problem.dim) });
    const options = { kernel: 'log', gamma: 1, lambda: 1 / 80, radius: 1e-3, window: 200, seed: 5 };
    const out = runScenario(scenario({ id: 'pgd-perturbed', options }), { instance: atZero });
    if (!out.ok) throw new Error(out.skipped);
    const summary = out.run.summary as PerturbedPreconditionedGradientSummary;
    const first = out.run.records[0] as PgdRecord;
    const f0 = first.f;
    expect(first.perturbed && first.gradNorm === 0).toBe(true);
    expect(summary.stoppedByEscapeTest).toBe(true);
    expect(summary.outputF).toBeLessThan(1e-9 * f0);
    expect(missingPromisedField(perturbedPgdMethod.capabilities, out.run.records, summary)).toBeNull();
    const plain = runScenario(scenario({ id: 'pgd', options: { kernel: 'log', gamma: 1, lambda: 1 / 80 } }), { instance: atZero });
    expect(plain).toEqual({ ok: false, skipped: '∇f(x0) = 0' });
  });

  it('validates its own options; shrinks one option at a time back to the defaults; the swapped method records the same options', () => {
    const d = perturbedPgdMethod.defaults;
    expect(perturbedPgdMethod.validate!(d)).toBe(true);
    expect(perturbedPgdMethod.validate!({ ...d, epsilon: 0 })).toMatch(/epsilon/);
    expect(perturbedPgdMethod.validate!({ ...d, window: 1.5 })).toMatch(/window/);
    expect(perturbedPgdMethod.validate!({ ...d, seed: -1 })).toMatch(/seed/);
    expect(perturbedPgdMethod.validate!({ ...d, gamma: -1 })).toMatch(/gamma/);
    expect(perturbedPgdMethod.simplerOptions!({ ...d, seed: 4, window: 9 })).toEqual([{ ...d, seed: 4 }, { ...d, window: 9 }]);
    expect(perturbedPgdMethod.startsAtCriticalPoints).toBe(true);
    const swapped = perturbedPgdMethodWith({ perturbation: noPerturbation });
    expect(swapped.id).toBe('pgd-perturbed+parts');
    const instance: Instance = { ...buildInstance('phase-retrieval/samples=20/n=5/seed=3') };
    const { records } = run(swapped, instance, { ...d, gamma: 1, lambda: 1 / 80 }, 3);
    expect(records.map((r) => [r.kernel, r.gamma, r.lambda])).toEqual(Array(3).fill(['log', 1, 1 / 80]));
  });

  it('does not stop on a small gradient: the stopping rule’s gradTol is not read', () => {
    const { summary } = runToEnd(perturbedPreconditionedGradient(quarticSaddle, saddle, { ...saddleOptions, gradTol: 1, maxIters: 5 }, cpuBackend()));
    expect((summary as SolverSummary).iterations).toBe(5);
  });
});
