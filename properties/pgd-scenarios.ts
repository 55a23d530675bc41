/**
 * Scenarios of nonlinearly preconditioned gradient descent whose γ and λ come from the instance's
 * constants for the kernel (src/classes/anisotropic-constants.ts): λ the constants' λ, γ = c/L. Outside
 * the theory (no constants) the run takes λ = 1, γ = c/10, and its theorems are not applicable.
 */
import fc from 'fast-check';
import { anisotropicConstantsOf } from '../src/classes/anisotropic-constants.js';
import type { InstanceName } from '../src/problems/instance.js';
import { seeds } from '../src/problems/families/instance-names.js';
import { buildInstance, familyById } from '../src/problems/registry.js';
import type { MethodOptions } from '../src/methods/method.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import { KERNEL_IDS, type KernelId } from '../src/solvers/isotropic-kernels.js';

export const kernels: fc.Arbitrary<KernelId> = fc.constantFrom(...KERNEL_IDS);

/** λ and γ = c/L of the instance's constants for the kernel (λ = 1, γ = c/10 outside the theory) */
export function stepFromConstants(name: InstanceName, kernel: KernelId, c: number): { readonly lambda: number; readonly gamma: number } {
  const constants = anisotropicConstantsOf(buildInstance(name), kernel);
  if (constants.status === 'outside') return { lambda: 1, gamma: c / 10 };
  return { lambda: constants.lambda, gamma: c / constants.L };
}

export interface PgdChoice {
  readonly instance: InstanceName;
  readonly kernel: KernelId;
  /** γ = c/L */
  readonly c: number;
  readonly maxIters: number;
}

/** The scenario of one P-GD run (`method` 'pgd' or 'pgd-perturbed' with its own options beside kernel, γ, λ). */
export function pgdScenario(choice: PgdChoice, method = 'pgd', options: MethodOptions = {}, gradTolRelative = 1e-12): Scenario {
  const { lambda, gamma } = stepFromConstants(choice.instance, choice.kernel, choice.c);
  return {
    instance: choice.instance,
    method: { id: method, options: { ...options, kernel: choice.kernel, gamma, lambda } },
    hessian: 'exact',
    perturbations: [],
    mode: 'strict',
    gamma0: 1,
    maxIters: choice.maxIters,
    gradTolRelative,
  };
}

/** a family's instance names up to maxDim (with fixed parameters where P-GD needs them) */
export function familyNames(id: string, maxDim: number, params: Readonly<Record<string, number | string | boolean>> = {}): fc.Arbitrary<InstanceName> {
  return familyById(id)!.arbitrary({ maxDim }).map((name) => ({ ...name, params: { ...name.params, ...params } }));
}

/** phase retrieval with m ∈ [5n, 6n] samples (the benign regime) */
export function phaseRetrievalNames(maxDim: number): fc.Arbitrary<InstanceName> {
  return fc
    .record({ dim: fc.integer({ min: 2, max: maxDim }), extra: fc.integer({ min: 0, max: 100 }), seed: seeds() })
    .map(({ dim, extra, seed }) => ({ family: 'phase-retrieval', params: { samples: 5 * dim + Math.round((extra / 100) * dim) }, dim, seed }));
}
