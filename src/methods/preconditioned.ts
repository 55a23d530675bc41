import fc from 'fast-check';
import type { Instance } from '../problems/instance.js';
import { KERNEL_IDS, type KernelId } from '../solvers/isotropic-kernels.js';
import { perturbationProblem, perturbedPreconditionedGradient, type PerturbedPreconditionedGradientParts } from '../solvers/perturbed-preconditioned-gradient.js';
import { preconditionedGradient, type PreconditionedGradientParts, preconditionerProblem } from '../solvers/preconditioned-gradient.js';
import type { Method, MethodInput, MethodOptions } from './method.js';

export interface PgdOptions extends MethodOptions {
  readonly kernel: KernelId;
  readonly gamma: number;
  readonly lambda: number;
}

export interface PerturbedPgdOptions extends PgdOptions {
  readonly epsilon: number;
  /** absent: perturbationSchedule's (src/solvers/perturbed-preconditioned-gradient.ts) */
  readonly radius: number | undefined;
  readonly window: number | undefined;
  readonly escapeDecrease: number | undefined;
  readonly seed: number;
}

function identityMetricOnly(instance: Instance): true | string {
  return instance.metric.kind === 'identity' ? true : `P-GD preconditions in the Euclidean norm: the metric B must be the identity, got '${instance.metric.kind}'`;
}

/** γ ×0.8: a scenario sets γ = 1/L from the instance, so the search moves γ only down, keeping γ ≤ 1/L */
function gammaDown<O extends PgdOptions>(o: O): O {
  return { ...o, gamma: Number((o.gamma * 0.8).toPrecision(6)) };
}

function pgdRun(parts: PreconditionedGradientParts) {
  return <V, M>(input: MethodInput<V, M>, o: PgdOptions) => preconditionedGradient(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, kernel: o.kernel, gamma: o.gamma, lambda: o.lambda }, input.backend, parts);
}

/** Nonlinearly preconditioned gradient descent x⁺ = x − γ∇φ*(λ∇f(x)) (src/solvers/preconditioned-gradient.ts); kernel 'clip' is clipped GD. */
export const pgdMethod: Method<PgdOptions> = {
  id: 'pgd',
  title: 'nonlinearly preconditioned gradient descent x⁺ = x − γ∇φ*(λ∇f(x))',
  // every step is taken and there is no acceptance rule: no 'descent' or 'step-size' to promise
  capabilities: ['preconditioner'],
  options: fc.record({ kernel: fc.constantFrom(...KERNEL_IDS), gamma: fc.constantFrom(1, 0.5, 0.1), lambda: fc.constantFrom(1, 0.1, 10) }),
  defaults: { kernel: 'log', gamma: 1, lambda: 1 },
  // the kernel, γ and λ are set together from the instance (γ ≤ 1/L depends on the kernel and λ): none is simpler for every instance
  simplerOptions: () => [],
  neighbourOptions: (o) => [gammaDown(o)],
  validate: (o) => preconditionerProblem(o.kernel, o.gamma, o.lambda),
  float64Only: true,
  applies: identityMetricOnly,
  run: pgdRun({}),
};

/** P-GD with a part swapped (the dual gradient map, the step length from γ), recording the same options. */
export function pgdMethodWith(parts: PreconditionedGradientParts): Method<PgdOptions> {
  return { ...pgdMethod, id: 'pgd+parts', run: pgdRun(parts) };
}

function perturbedPgdRun(parts: PerturbedPreconditionedGradientParts) {
  return <V, M>(input: MethodInput<V, M>, o: PerturbedPgdOptions) =>
    perturbedPreconditionedGradient(input.problem, input.x0, { ...input.stop, metric: input.instance.metric, ...o }, input.backend, parts);
}

const PERTURBED_DEFAULTS: PerturbedPgdOptions = { ...pgdMethod.defaults, epsilon: 1e-3, radius: undefined, window: undefined, escapeDecrease: undefined, seed: 0 };

/** One option back to its default: ε, the seed, and a given radius, window or escape decrease back to the schedule's. */
function simplerPerturbation(o: PerturbedPgdOptions): PerturbedPgdOptions[] {
  const keys = ['epsilon', 'radius', 'window', 'escapeDecrease', 'seed'] as const;
  return keys.filter((key) => o[key] !== PERTURBED_DEFAULTS[key]).map((key) => ({ ...o, [key]: PERTURBED_DEFAULTS[key] }));
}

/**
 * Perturbed P-GD (src/solvers/perturbed-preconditioned-gradient.ts): a perturbation ξ ~ Uniform(ball) where
 * the measure is ≤ ε², a stop by the escape test with the pre-perturbation point as output. It starts at
 * critical points (that is where it perturbs) and does not stop on a small gradient.
 */
export const perturbedPgdMethod: Method<PerturbedPgdOptions> = {
  id: 'pgd-perturbed',
  title: 'perturbed nonlinearly preconditioned gradient descent',
  capabilities: ['preconditioner'],
  options: fc.record({
    kernel: fc.constantFrom(...KERNEL_IDS),
    gamma: fc.constantFrom(1, 0.5, 0.1),
    lambda: fc.constantFrom(1, 0.1, 10),
    epsilon: fc.constantFrom(1e-3, 1e-2, 1e-4),
    radius: fc.constantFrom(undefined, 1e-3, 1e-1),
    window: fc.constantFrom(undefined, 10, 50),
    escapeDecrease: fc.constantFrom(undefined, 1e-6),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  }),
  defaults: PERTURBED_DEFAULTS,
  simplerOptions: simplerPerturbation,
  neighbourOptions: (o) => [gammaDown(o), { ...o, seed: (o.seed + 1) % 2 ** 31 }],
  validate: (o) => {
    const valid = preconditionerProblem(o.kernel, o.gamma, o.lambda);
    return valid === true ? perturbationProblem(o) : valid;
  },
  float64Only: true,
  startsAtCriticalPoints: true,
  applies: identityMetricOnly,
  run: perturbedPgdRun({}),
};

/** Perturbed P-GD with a part swapped (the dual gradient map, the step length, the perturbation), recording the same options. */
export function perturbedPgdMethodWith(parts: PerturbedPreconditionedGradientParts): Method<PerturbedPgdOptions> {
  return { ...perturbedPgdMethod, id: 'pgd-perturbed+parts', run: perturbedPgdRun(parts) };
}
