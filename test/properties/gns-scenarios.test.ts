import fc from 'fast-check';
import { expect, it } from 'vitest';
import { gnsScenarios } from '../../properties/gns-scenarios.js';
import { applicableHessians, HESSIAN_NAMES } from '../../src/hessians/catalog.js';
import { instanceOrSkip } from '../../src/scenarios/scenario.js';

const small = { maxDim: 4, maxIters: { min: 1, max: 2 } };

it('gnsScenarios draws, for each of its families, only Hessian models that apply to the instance (src/hessians/catalog.ts)', () => {
  const families = new Set(fc.sample(gnsScenarios(small), { seed: 11, numRuns: 200 }).map((s) => s.instance.family));
  expect(families.size).toBeGreaterThan(0);
  for (const family of families) {
    for (const model of [...HESSIAN_NAMES, 'zero' as const]) {
      let scenarios;
      try {
        scenarios = fc.sample(gnsScenarios({ ...small, families: [family], models: [model] }), { seed: 11, numRuns: 10 });
      } catch (e) {
        if ((e as Error).message === `gnsScenarios: no model for ${family}`) continue; // not drawn for this family
        throw e;
      }
      for (const scenario of scenarios) {
        const made = instanceOrSkip(scenario.instance);
        if (!made.ok || scenario.hessian === 'zero') continue;
        expect(applicableHessians(made.instance).names, `${family}: ${scenario.hessian}`).toContain(scenario.hessian);
      }
    }
  }
});
