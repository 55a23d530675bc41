/**
 * Scenario arbitraries shared by the convex-rate properties (convex-step-*, envelope-*, phase-diagram):
 * convex catalog families whose certificates state f* and x* (or a sublevel radius D), Hessian models
 * with certified error bounds, both modes and several γ0.
 */
import fc from 'fast-check';
import { type Scenario, scenarioArbitrary } from '../src/scenarios/scenario.js';
import type { HessianName, Perturbation } from '../src/hessians/catalog.js';

/** a certified additive PSD perturbation (C1 = 0, β = 0), or none */
export const certifiedPerturbations: fc.Arbitrary<readonly Perturbation[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as readonly Perturbation[]) },
  {
    weight: 1,
    arbitrary: fc.record({ C2: fc.constantFrom(0.5, 2), seed: fc.integer({ min: 1, max: 1000 }) }).map(({ C2, seed }) => [{ kind: 'additive', shape: 'psd', C1: 0, C2, beta: 0, seed }] as readonly Perturbation[]),
  },
);

export function convexScenarios(families: readonly string[], o: { hessians?: readonly (HessianName | 'zero')[]; perturbations?: fc.Arbitrary<readonly Perturbation[]>; maxIters?: { min: number; max: number }; maxDim?: number } = {}): fc.Arbitrary<Scenario> {
  return scenarioArbitrary({
    families,
    hessians: o.hessians ?? ['exact'],
    perturbations: o.perturbations ?? certifiedPerturbations,
    maxDim: o.maxDim ?? 8,
    maxIters: o.maxIters ?? { min: 30, max: 80 },
    gamma0: [1, 1e-3, 1e3, 0.25],
  });
}
