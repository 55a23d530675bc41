import { expect, it } from 'vitest';
import { linearSolveProperty } from '../../properties/linear-solve.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { linearSolve } from '../../src/theory/linear-solve.js';
import { propertyTests } from './property-harness.js';

propertyTests(linearSolveProperty, { seed: 0x1a1 });

/** Found by the backend-agreement property: Sherman–Morrison cancelled at λ ≪ α⟨v, B⁻¹v⟩ (residual 6.7e-10·a > 1e-10·a). */
it('A1 holds for a rank-one Fisher-term step at λ ≪ α⟨v, B⁻¹v⟩ (solved densely there)', () => {
  const s: Scenario = {
    instance: { family: 'nonlinear-equations-linear', params: { p: 3, rows: 2 }, dim: 1, seed: 1545443761 },
    hessian: 'fisher-term',
    perturbations: [],
    mode: 'reference',
    gamma0: 1000,
    maxIters: 6,
    gradTolRelative: 1e-9,
  };
  const out = runScenario(s);
  expect(out.ok).toBe(true);
  if (out.ok) expect(linearSolve.check(out.run).status).toBe('holds');
});
