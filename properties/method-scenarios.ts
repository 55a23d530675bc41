/**
 * Scenarios over every registered method: the instance from the given families, then one method
 * variant — Algorithm 1 adaptive (reference, strict), with H ≡ 0, ideal-γ (n ≤ 2), and each baseline
 * with options drawn from its own arbitrary — on the exact Hessian model.
 */
import fc from 'fast-check';
import { methodById } from '../src/methods/registry.js';
import { familyById } from '../src/problems/registry.js';
import type { Scenario } from '../src/scenarios/scenario.js';

/** the method variants a summary tells apart (src/scenarios/scenario.ts methodLabel) */
export const METHOD_VARIANTS = ['gns-reference', 'gns-strict', 'gns-strict-h0', 'gns-ideal', 'gradient', 'super-newton', 'cubic-newton', 'damped-newton'] as const;
export type MethodVariant = (typeof METHOD_VARIANTS)[number];

const gamma0 = fc.constantFrom(1, 1e-3, 1e3, 0.25);

/** the scenario fields that choose the variant */
function variantFields(v: MethodVariant): fc.Arbitrary<Pick<Scenario, 'mode' | 'gamma0' | 'hessian'> & Partial<Pick<Scenario, 'method' | 'gammaRule'>>> {
  switch (v) {
    case 'gns-reference':
    case 'gns-strict':
      return gamma0.map((g) => ({ mode: v === 'gns-reference' ? ('reference' as const) : ('strict' as const), gamma0: g, hessian: 'exact' as const }));
    case 'gns-strict-h0':
      return gamma0.map((g) => ({ mode: 'strict' as const, gamma0: g, hessian: 'zero' as const }));
    case 'gns-ideal':
      return fc.constantFrom(1, 0.5).map((theta) => ({ mode: 'strict' as const, gamma0: 1, hessian: 'exact' as const, gammaRule: { ideal: theta } }));
    default: {
      const method = methodById(v);
      if (!method) throw new Error(`methodScenarios: no registered method '${v}'`);
      return method.options.map((options) => ({ mode: 'strict' as const, gamma0: 1, hessian: 'exact' as const, method: { id: v, options } }));
    }
  }
}

export interface MethodScenarioOptions {
  readonly families: readonly string[];
  readonly methods?: readonly MethodVariant[];
  readonly maxDim: number;
  readonly maxIters: { readonly min: number; readonly max: number };
}

export function methodScenarios(o: MethodScenarioOptions): fc.Arbitrary<Scenario> {
  const families = o.families.map((id) => {
    const f = familyById(id);
    if (!f) throw new Error(`methodScenarios: unknown family '${id}'`);
    return f;
  });
  return fc
    .record({
      instance: fc.oneof(...families.map((f) => f.arbitrary({ maxDim: o.maxDim }))),
      variant: fc.oneof(...(o.methods ?? METHOD_VARIANTS).map(variantFields)),
      maxIters: fc.integer(o.maxIters),
    })
    .map(({ instance, variant, maxIters }): Scenario => ({ instance, perturbations: [], maxIters, gradTolRelative: 1e-9, ...variant }));
}
