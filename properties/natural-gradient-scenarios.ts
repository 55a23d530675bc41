import fc from 'fast-check';
import type { InstanceName } from '../src/problems/instance.js';
import { familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import type { NaturalGradientMethodOptions } from '../src/methods/natural-gradient.js';
import { hessianFreeScenario } from './common.js';

/** Softmax regressions with d ≤ 6 features and K ≤ 4 classes (N ≤ 3dK ≤ 72 rows) */
export function smallSoftmax(): fc.Arbitrary<InstanceName> {
  return familyById('softmax-regression')!
    .arbitrary({ minDim: 2, maxDim: 24 })
    .filter((i) => Number(i.params.classes) <= 4 && i.dim / Number(i.params.classes) <= 6);
}

export function smallLogistic(): fc.Arbitrary<InstanceName> {
  return familyById('logistic')!.arbitrary({ minDim: 2, maxDim: 6 });
}

/** the MLP on a Gaussian mixture, ≤ 40 parameters */
export function tinyMlp(): fc.Arbitrary<InstanceName> {
  return familyById('mlp-mixture')!.arbitrary({ minDim: 2, maxDim: 40 });
}

/** two-layer networks with n ≤ 16 points and m·d ≤ maxDim parameters, linearized or not */
export function twoLayerNetworks(linearized: 0 | 1, maxDim: number): fc.Arbitrary<InstanceName> {
  return familyById('two-layer-relu')!
    .arbitrary({ minDim: 2, maxDim })
    .map((i) => ({ ...i, params: { ...i.params, linearized, l2: 0 } }));
}

/**
 * Two-layer networks whose Jacobian has full row rank on most draws: d ≥ 2 and n ≤ m points. Stricter than
 * n ≤ m·d (J is n × m·d) because J's rows (1/√m)(a∘1[Wxᵢ > 0]) ⊗ xᵢ are not in general position: the activation
 * patterns take finitely many values (where every unit is active at every point, J = (a/√m) ⊗ X has rank ≤ d),
 * so n ≤ m·d leaves λ_min(JJᵀ) = 0 on many draws and the contraction check vacuous there.
 */
export function fullRankTwoLayerNetworks(linearized: 0 | 1, maxDim: number): fc.Arbitrary<InstanceName> {
  return twoLayerNetworks(linearized, maxDim).filter((i) => Number(i.params.d) >= 2 && Number(i.params.points) <= i.dim / Number(i.params.d));
}

/** the generalized linear models and the MLP */
export function supervisedModels(): fc.Arbitrary<InstanceName> {
  return fc.oneof(smallSoftmax(), smallLogistic(), tinyMlp());
}

/** A scenario of `method` (ring, reng, r-kalman) on the instances drawn, its options drawn over the method's defaults. */
export function naturalGradientScenarios(
  method: fc.Arbitrary<'ring' | 'reng' | 'r-kalman'>,
  instances: fc.Arbitrary<InstanceName>,
  options: fc.Arbitrary<Partial<NaturalGradientMethodOptions>>,
  maxIters: { min: number; max: number },
): fc.Arbitrary<Scenario> {
  return fc
    .record({ method, instance: instances, options, maxIters: fc.integer(maxIters) })
    .map(({ method, instance, options, maxIters }) => hessianFreeScenario(instance, { id: method, options: withinRows(instance, options) }, maxIters));
}

/** the instance's N: samples of the GLMs and the MLP, points of the two-layer network */
function rowCountOf(instance: InstanceName): number {
  return Number(instance.params.samples ?? instance.params.points ?? Infinity);
}

/** sampling without replacement needs batches of at most N rows: larger batches are drawn with replacement */
function withinRows(instance: InstanceName, o: Partial<NaturalGradientMethodOptions>): Partial<NaturalGradientMethodOptions> {
  const largest = Math.max(o.batch ?? 0, o.curvatureBatch ?? 0);
  return o.sampling && o.sampling !== 'with-replacement' && largest > rowCountOf(instance) ? { ...o, sampling: 'with-replacement' } : o;
}

/** the options every natural-gradient property draws beside its own (fc.record draws in key order) */
export const NATURAL_GRADIENT_CHOICES = {
  eta: fc.constantFrom(1, 0.5, 0.25),
  rho: fc.constantFrom(0.1, 1, 10),
  dampingExponent: fc.constantFrom(2, 2, 1),
  curvature: fc.constantFrom('ggn' as const, 'fisher' as const, 'empirical-fisher' as const),
  batch: fc.constantFrom(0, 4, 16),
  curvatureBatch: fc.constantFrom(0, 1, 8),
  sampling: fc.constantFrom('with-replacement' as const, 'without-replacement' as const, 'epochs' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
};
