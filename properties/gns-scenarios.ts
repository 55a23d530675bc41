/**
 * Scenario arbitraries shared by the γ-calculus properties (lemma1-chain, class-lower-bound,
 * search-guarantee, gamma-cap, harmonic-mean, approximation-condition): the families with certified
 * class memberships, each with the Hessian models these properties draw for it.
 */
import fc from 'fast-check';
import { familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import type { HessianName, Perturbation } from '../src/hessians/catalog.js';

type HessianChoice = HessianName | 'zero' | 'additive';

/**
 * family → the Hessian models drawn for it ('additive': exact + a certified PSD additive perturbation):
 * a choice among those that apply, which src/hessians/catalog.ts decides (test/properties/gns-scenarios.test.ts
 * checks every drawn model against it).
 */
const MODELS: Readonly<Record<string, readonly HessianChoice[]>> = {
  'holder-power-sum': ['exact', 'additive'],
  'third-order-power-sum': ['exact', 'additive'],
  'l0-l1-family': ['exact', 'zero', 'additive'],
  logistic: ['exact', 'fisher', 'additive'],
  logsumexp: ['exact', 'weighted-gauss-newton', 'additive'],
};

export interface GnsScenarioOptions {
  readonly minDim?: number;
  readonly maxDim: number;
  /** which model kinds to draw: all that apply, or only these */
  readonly models?: readonly HessianChoice[];
  readonly families?: readonly string[];
  /** ideal-γ runs with these θ (else adaptive runs) */
  readonly ideal?: readonly number[];
  readonly maxIters: { readonly min: number; readonly max: number };
  readonly modes?: readonly ('strict' | 'reference')[];
}

const additive: fc.Arbitrary<Perturbation> = fc.record({
  kind: fc.constant('additive' as const),
  shape: fc.constant('psd' as const),
  C1: fc.constantFrom(0, 0.05, 0.5),
  C2: fc.constantFrom(0.1, 1),
  beta: fc.constantFrom(0, 0.5),
  seed: fc.nat(1000),
});

export function gnsScenarios(o: GnsScenarioOptions): fc.Arbitrary<Scenario> {
  const families = o.families ?? Object.keys(MODELS);
  return fc.oneof(
    ...families.map((id) => {
      const family = familyById(id);
      if (!family) throw new Error(`gnsScenarios: unknown family ${id}`);
      const models = MODELS[id].filter((m) => !o.models || o.models.includes(m));
      if (models.length === 0) throw new Error(`gnsScenarios: no model for ${id}`);
      return fc
        .record({
          instance: family.arbitrary({ minDim: o.minDim ?? 1, maxDim: o.maxDim }),
          model: fc.constantFrom(...models),
          perturbation: additive,
          mode: fc.constantFrom(...(o.modes ?? (['strict', 'reference'] as const))),
          gamma0: fc.constantFrom(1, 1e-3, 1e3, 0.25),
          maxIters: fc.integer(o.maxIters),
          theta: fc.constantFrom(...(o.ideal ?? [1])),
        })
        .map(({ instance, model, perturbation, mode, gamma0, maxIters, theta }): Scenario => ({
          instance,
          hessian: model === 'additive' ? 'exact' : model,
          perturbations: model === 'additive' ? [perturbation] : [],
          mode: o.ideal ? 'strict' : mode,
          gamma0,
          maxIters,
          gradTolRelative: 1e-9,
          ...(o.ideal ? { gammaRule: { ideal: theta } } : {}),
        }));
    }),
  );
}
