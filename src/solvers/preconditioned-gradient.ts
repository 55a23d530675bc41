import type { Backend } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { PreconditionerFields, StepRecord } from '../methods/step-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { dualGradient, type IsotropicKernel, KERNEL_IDS, type KernelId, kernelById } from './isotropic-kernels.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState, type TakenStep } from './solver-state.js';

export interface PreconditionedGradientOptions extends StoppingRule {
  /** must be the identity: φ = h(‖·‖) is isotropic in the Euclidean norm */
  readonly metric: MetricSpec;
  readonly kernel: KernelId;
  readonly gamma: number;
  readonly lambda: number;
}

/** The parts a power check may swap; the records still state the kernel and γ of the options. */
export interface PreconditionedGradientParts {
  /** ∇φ*(u) of the kernel (default `dualGradient`) */
  readonly dualGradient?: (kernel: IsotropicKernel, u: Float64Array) => Float64Array;
  /** the step length taken for γ (default γ itself) */
  readonly stepLength?: (gamma: number) => number;
}

/** true, or why these cannot be the kernel, γ and λ of P-GD */
export function preconditionerProblem(kernel: unknown, gamma: unknown, lambda: unknown): true | string {
  if (typeof kernel !== 'string' || !kernelById(kernel)) return `kernel must be one of ${KERNEL_IDS.join(', ')}, got ${String(kernel)}`;
  if (!(typeof gamma === 'number' && gamma > 0 && Number.isFinite(gamma))) return `gamma must be a finite number > 0, got ${String(gamma)}`;
  if (!(typeof lambda === 'number' && lambda > 0 && Number.isFinite(lambda))) return `lambda must be a finite number > 0, got ${String(lambda)}`;
  return true;
}

/** The state and kernel of a P-GD run, checked: B = I and valid kernel, γ, λ (else a SolverConfigurationError). */
export function preconditionedState<V, M>(label: string, problem: Oracle, x0: Float64Array, options: PreconditionedGradientOptions, backend: Backend<V, M>): { readonly s: SolverState<V, M>; readonly kernel: IsotropicKernel } {
  if (options.metric.kind !== 'identity') throw new SolverConfigurationError(`${label}: the metric B must be the identity (φ = h(‖·‖) is isotropic), got '${options.metric.kind}'`);
  const valid = preconditionerProblem(options.kernel, options.gamma, options.lambda);
  if (valid !== true) throw new SolverConfigurationError(`${label}: ${valid}`);
  return { s: new SolverState(label, problem, x0, options.metric, backend), kernel: kernelById(options.kernel)! };
}

/** The P-GD step from the state's iterate, h = −t·∇φ*(λ∇f) with t = stepLength(γ), every step taken (no acceptance rule). */
export function preconditionedStep<V, M>(s: SolverState<V, M>, kernel: IsotropicKernel, options: PreconditionedGradientOptions, parts: PreconditionedGradientParts = {}): TakenStep<V> {
  const { backend } = s;
  const t = (parts.stepLength ?? ((gamma: number) => gamma))(options.gamma);
  const direction = (parts.dualGradient ?? dualGradient)(kernel, s.g.map((gi) => options.lambda * gi));
  const h = backend.vector(direction.map((di) => -t * di));
  const to = s.plus(h);
  return { to, h, f: s.f(to), accepted: true };
}

/**
 * Nonlinearly preconditioned gradient descent (P-GD; Oikonomidis, Quan, Laude & Patrinos 2025;
 * Bodard & Patrinos 2025): x_{k+1} = x_k − γ·∇φ*(λ∇f(x_k)) with φ = h(‖·‖) for the kernel h, B = I
 * only. The map ∇φ*(u) is computed in float64 from ∇f_k as float64 (isotropic-kernels.ts). A non-finite
 * f or ∇f after a step ends the run with status non-finite at the next iteration (outerIterations).
 */
export function preconditionedGradient<V, M>(
  problem: Oracle,
  x0: Float64Array,
  options: PreconditionedGradientOptions,
  backend: Backend<V, M>,
  parts: PreconditionedGradientParts = {},
): Generator<StepRecord & PreconditionerFields, SolverSummary, void> {
  const { s, kernel } = preconditionedState('preconditioned gradient descent', problem, x0, options, backend);
  const record: PreconditionerFields = { kernel: kernel.id, gamma: options.gamma, lambda: options.lambda, perturbed: false };
  return outerIterations(s, options, () => ({ record, step: preconditionedStep(s, kernel, options, parts) }));
}
