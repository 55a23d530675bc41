/** Shared scenario pieces of the solver-trace properties. */
import fc from 'fast-check';
import type { HessianName, Perturbation } from '../src/hessians/catalog.js';
import type { InstanceName } from '../src/problems/instance.js';
import type { MethodChoice, Scenario } from '../src/scenarios/scenario.js';

/** Every Hessian model a scenario can name (those that do not apply to an instance are skipped). */
export const ALL_HESSIANS: readonly (HessianName | 'zero')[] = ['exact', 'zero', 'diagonal', 'gauss-newton', 'fisher-term', 'weighted-gauss-newton', 'fisher'];

/** No perturbation most of the time, else one additive PSD / spectral / stale perturbation. */
export const somePerturbations: fc.Arbitrary<readonly Perturbation[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as readonly Perturbation[]) },
  { weight: 1, arbitrary: fc.nat({ max: 1000 }).map((seed): readonly Perturbation[] => [{ kind: 'additive', shape: 'psd', C1: 0.05, C2: 0.5, beta: 0, seed }]) },
  { weight: 1, arbitrary: fc.nat({ max: 1000 }).map((seed): readonly Perturbation[] => [{ kind: 'spectral', delta: 0.3, seed }]) },
  { weight: 1, arbitrary: fc.constant([{ kind: 'stale', every: 3 }] as readonly Perturbation[]) },
);

/** The scenario of a method that reads no Hessian model: the zero model, unperturbed, strict, γ₀ = 1, stopping once ‖∇f‖_* < 1e-10·‖∇f(x₀)‖_*. */
export function hessianFreeScenario(instance: InstanceName, method: MethodChoice, maxIters: number): Scenario {
  return { instance, method, hessian: 'zero', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-10 };
}
