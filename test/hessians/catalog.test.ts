import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SolverConfigurationError } from '../../src/configuration-error.js';
import { applicableHessians, HESSIAN_NAMES, hessianModelFor, whyNotApplicable } from '../../src/hessians/catalog.js';
import { InstanceError } from '../../src/problems/family.js';
import type { Instance } from '../../src/problems/instance.js';
import { buildInstance, FAMILIES } from '../../src/problems/registry.js';

/** A few small instances of every family (names a family cannot build are left out). */
function instancesOf(familyId: string): Instance[] {
  const family = FAMILIES.find((f) => f.id === familyId);
  if (!family) throw new Error(`unknown family ${familyId}`);
  const out: Instance[] = [];
  for (const name of fc.sample(family.arbitrary({ minDim: 1, maxDim: 4 }), { seed: 7, numRuns: 4 })) {
    try {
      out.push(buildInstance(name));
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
    }
  }
  return out;
}

/** The structure-specific models each family's oracle has the structure for. */
const STRUCTURED: Readonly<Record<string, readonly string[]>> = {
  logsumexp: ['weighted-gauss-newton'],
  logistic: ['fisher', 'ggn'],
  'softmax-regression': ['ggn'],
  'two-layer-relu': ['ggn'],
  'mlp-mixture': ['ggn'],
  'nonlinear-equations-linear': ['gauss-newton', 'fisher-term'],
  'nle-rosenbrock': ['gauss-newton', 'fisher-term'],
  chebyshev: ['gauss-newton', 'fisher-term'],
};

describe('the Hessian catalog', () => {
  for (const family of FAMILIES) {
    it(`${family.id}: exact and diagonal everywhere, the structure-specific models where the oracle has the structure`, () => {
      const instances = instancesOf(family.id);
      expect(instances.length).toBeGreaterThan(0);
      for (const instance of instances) {
        const { names, notApplicable } = applicableHessians(instance);
        expect([...names].sort()).toEqual(['diagonal', 'exact', ...(STRUCTURED[family.id] ?? [])].sort());
        expect([...names, ...notApplicable.map((n) => n.name)].sort()).toEqual([...HESSIAN_NAMES].sort());
        for (const { name, reason } of notApplicable) {
          expect(whyNotApplicable(name, instance)).toBe(reason);
          expect(reason).toMatch(new RegExp(`^${name} needs a [a-z-]+ problem, this one is \\S+$`));
          expect(() => hessianModelFor(name, instance)).toThrow(SolverConfigurationError);
          expect(() => hessianModelFor(name, instance)).toThrow(reason);
        }
        for (const name of names) expect(hessianModelFor(name, instance).id).toBe(name);
      }
    });
  }
});
