import fc from 'fast-check';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import type { AdamMethodOptions, LehiMethodOptions } from '../src/methods/diagonal-scaling.js';
import { hessianFreeScenario } from './common.js';

/** the most classes a softmax regression of the LEHI properties has (K ≤ 4: 2^K sign patterns, K labels enumerated) */
export const MAX_CLASSES = 4;

/** Logistic regressions (d ≤ maxDim) and softmax regressions (K ≤ 4, d·K ≤ maxDim), the generalized linear models with finitely many labels. */
export function supervisedInstances(maxDim: number): fc.Arbitrary<InstanceName> {
  const softmax = familyById('softmax-regression')!
    .arbitrary({ minDim: 2, maxDim })
    .filter((i) => Number(i.params.classes) <= MAX_CLASSES);
  return fc.oneof(familyById('logistic')!.arbitrary({ minDim: 2, maxDim }), softmax);
}

/** the most parameters of a network drawn (one tanh hidden layer with biases) */
export const MAX_NETWORK_DIM = 40;

/** The generalized linear models of supervisedInstances and tiny networks (mlp-mixture, K ≤ 4, ≤ 40 parameters; softmax or squared loss). */
export function supervisedInstancesWithNetworks(maxDim: number): fc.Arbitrary<InstanceName> {
  const networks = familyById('mlp-mixture')!
    .arbitrary({ minDim: 2, maxDim: MAX_NETWORK_DIM })
    .filter((i) => Number(i.params.classes) <= MAX_CLASSES);
  return fc.oneof({ weight: 2, arbitrary: supervisedInstances(maxDim) }, { weight: 1, arbitrary: networks });
}

/** Adam's options every LEHI property draws (fc.record draws in key order) */
export const ADAM_CHOICES = {
  alpha: fc.constantFrom(1e-3, 1e-2, 1e-1),
  beta1: fc.constantFrom(0, 0.9),
  beta2: fc.constantFrom(0.99, 0.999),
  epsilon: fc.constantFrom(1e-8, 1e-4),
  batch: fc.constantFrom(0, 1, 8, 32),
  sampling: fc.constantFrom('with-replacement' as const, 'without-replacement' as const, 'epochs' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
};

/** A scenario of `method` on the instances drawn, its options drawn from `options` over the method's defaults. */
export function diagonalScalingScenarios(
  method: 'lehi' | 'adam',
  instances: fc.Arbitrary<InstanceName>,
  options: fc.Arbitrary<Partial<LehiMethodOptions> | Partial<AdamMethodOptions>>,
  maxIters: { min: number; max: number },
): fc.Arbitrary<Scenario> {
  return fc.record({ instance: instances, options, maxIters: fc.integer(maxIters) }).map(({ instance, options, maxIters }) => hessianFreeScenario(instance, { id: method, options }, maxIters));
}

/** LEHI and LEHIBRID with a sampled or signed imitation draw, in either form, on supervisedInstancesWithNetworks(10): the scenarios of B-P1 and B-P2 */
export function imitationScenarios(maxIters: { min: number; max: number }): fc.Arbitrary<Scenario> {
  return diagonalScalingScenarios(
    'lehi',
    supervisedInstancesWithNetworks(10),
    fc.record({
      ...ADAM_CHOICES,
      batch: fc.constantFrom(0, 8, 32),
      sampling: fc.constant('with-replacement' as const),
      accumulator: fc.constantFrom('imitation' as const, 'hybrid' as const),
      imitation: fc.constantFrom('sampled' as const, 'deterministic-signs' as const),
      form: fc.constantFrom('adam' as const, 'defossez' as const),
    }),
    maxIters,
  );
}

/**
 * The reference companion of a LEHI scenario in Adam's form: `adam` with its options less LEHI's; a
 * scenario in another form (no Adam to compare with, e.g. Adagrad's β2 = 1) is its own companion.
 */
export function adamCompanion(s: Scenario): Scenario {
  const { accumulator: _a, imitation: _i, hybridRule: _h, hybridWeight: _w, form, ...adamOptions } = (s.method?.options ?? {}) as Partial<LehiMethodOptions>;
  return form === 'defossez' ? s : { ...s, method: { id: 'adam', options: adamOptions } };
}
