import fc from 'fast-check';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import type { GenMethodOptions } from '../src/methods/gen.js';

/** SPD quadratics in B = I (the metric does not enter GeN's direction), dimension ≤ maxDim */
export function spdQuadratics(maxDim: number): fc.Arbitrary<InstanceName> {
  return familyById('quadratic')!.arbitrary({ minDim: 2, maxDim }).map((q) => ({ ...q, params: { ...q.params, metric: 'identity' } }));
}

/** A GeN scenario on the instances drawn, its options drawn from `options` over the method's defaults. */
export function genScenarios(instances: fc.Arbitrary<InstanceName>, options: fc.Arbitrary<Partial<GenMethodOptions>>, maxIters: { min: number; max: number }): fc.Arbitrary<Scenario> {
  return fc.record({ instance: instances, options, maxIters: fc.integer(maxIters) }).map(({ instance, options, maxIters }) => ({
    instance,
    method: { id: 'gen', options },
    hessian: 'exact',
    perturbations: [],
    mode: 'strict',
    gamma0: 1,
    maxIters,
    gradTolRelative: 1e-10,
  }));
}

/** the initial rates drawn: far below, near and above 1/L of the quadratics' scales */
export const ETA0 = fc.constantFrom(1e-4, 1e-2, 1, 1e2);

/** the rate rule's options every GeN property draws (after its form and direction: fc.record draws in key order) */
export const GEN_RULE_CHOICES = {
  smoothing: fc.constantFrom(0, 0.5, 0.9),
  clamp: fc.boolean(),
  lazy: fc.constantFrom(1, 3),
  eta0: ETA0,
  seed: fc.integer({ min: 0, max: 1000 }),
};
