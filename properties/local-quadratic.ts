import fc from 'fast-check';
import { runScenario, type Scenario, scenarioArbitrary } from '../src/scenarios/scenario.js';
import { checkLocalQuadratic, localQuadratic } from '../src/theory/local-quadratic.js';
import { mislabelledScaledModel } from './power/wrappers.js';
import type { Property } from './property.js';

/** Families with a certified Lipschitz Hessian (Hölder ν = 1) that are (locally) strongly convex. */
const scenarios: fc.Arbitrary<Scenario> = fc
  .tuple(
    scenarioArbitrary({ maxDim: 12, families: ['logistic', 'softmax-regression', 'holder-power-sum', 'nonlinear-equations-linear'], hessians: ['exact'], maxIters: { min: 20, max: 60 } }),
    fc.constantFrom(0.1, 0.01, 1),
  )
  .map(([s, rho]) => {
    const params = { ...s.instance.params };
    if (s.instance.family === 'logistic' || s.instance.family === 'softmax-regression') params.rho = rho;
    if (s.instance.family === 'holder-power-sum') params.nu = 1;
    if (s.instance.family === 'nonlinear-equations-linear') params.p = 3;
    return { ...s, instance: { ...s.instance, params } };
  });

/**
 * Local quadratic convergence with certified C_k = L/(2μ_k²) + 1/(μ_k(Γ_k + ε)) on strongly convex
 * logistic / softmax regression (ρ > 0), Hölder ν = 1 power sums and NE with p = 3, exact Hessian.
 * Power: H = 2∇²f passed off as the exact Hessian (a false certificate): the steps are then
 * half-Newton steps, the rate is linear, and a_{k+1} ≤ C_k a_k² fails once a_k is small — on the runs
 * whose honest counterpart reaches the quadratic regime C_k·a_k < 1 (elsewhere the bound is loose and
 * the defect is not exercised).
 */
export const localQuadraticProperty: Property = {
  id: 'local-quadratic',
  title: 'Local quadratic rate a_{k+1} ≤ C_k a_k² with certified C_k',
  theorems: [localQuadratic],
  scenarios,
  cases: 200,
  power: {
    description: 'H = 2∇²f labelled as the exact Hessian (false certificate), on runs whose honest run reaches C_k·a_k < 1',
    run: (s) => {
      const honest = runScenario(s);
      if (!honest.ok) return honest;
      if (checkLocalQuadratic(honest.run).quadraticRegime === 0) return { ok: false, skipped: 'the honest run never reaches the quadratic regime' };
      return runScenario(s, { model: (m) => mislabelledScaledModel(m, 2) });
    },
    theorem: localQuadratic,
    minCaught: 0.85,
    calibration: { drawn: 4000, applicable: 2035, caught: 1999, seed: 700008 },
  },
};
