import { describe, expect, it } from 'vitest';
import { affineInvarianceProperty } from '../../properties/affine-invariance.js';
import { checkRun, companionOf } from '../../properties/property.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';

/** A Huber function started on its kink (x0 = τ): the runs in x and in y = T⁻¹(x − b) round x0 to either side of the sphere where ∇²f jumps. */
const onTheKink = (hessian: Scenario['hessian']): Scenario => ({
  instance: { family: 'huber', params: { kink: 1 }, dim: 1, seed: 1619999105 },
  hessian,
  perturbations: [],
  mode: 'reference',
  gamma0: 1,
  maxIters: 2,
  gradTolRelative: 1e-9,
});

const verdict = (s: Scenario) => checkRun(affineInvarianceProperty.theorems, runScenario(s), companionOf(affineInvarianceProperty, s))['affine-invariance'];

describe('affine-invariance where ∇²f jumps', () => {
  it('is not applicable with H = ∇²f on a family whose certificate names a jump set', () => {
    const v = verdict(onTheKink('exact'));
    expect(v.status).toBe('not-applicable');
    expect(v.note ?? v.where ?? '').toMatch(/jumps on the sphere/);
  });
  it('still applies with H ≡ 0, where the step is continuous in x, and holds', () => {
    expect(verdict(onTheKink('zero')).status).toBe('holds');
  });
});
