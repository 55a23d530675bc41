import fc from 'fast-check';
import type { Scenario } from '../src/scenarios/scenario.js';
import { pgdDescent } from '../src/theory/pgd-descent.js';
import { pgdJacobian } from '../src/theory/pgd-jacobian.js';
import { pgdPerturbationRadius } from '../src/theory/pgd-perturbation-radius.js';
import { pgdPerturbedSosp } from '../src/theory/pgd-perturbed-sosp.js';
import { seeds } from '../src/problems/families/instance-names.js';
import { familyNames, kernels, pgdScenario } from './pgd-scenarios.js';
import { runWithWidePerturbation } from './power/pgd-wide-perturbation.js';
import type { Property } from './property.js';

/** The quartic saddle started at its strict saddle x0 = 0 (∇f(x0) = 0): the first iteration is a perturbation */
const atTheSaddle = familyNames('quartic-saddle', 6, { start: 'saddle' });

const scenarios: fc.Arbitrary<Scenario> = fc
  .record({ instance: atTheSaddle, kernel: kernels, c: fc.constantFrom(0.5, 1), epsilon: fc.constantFrom(1e-2, 3e-3), seed: seeds() })
  .map(({ epsilon, seed, ...choice }) => pgdScenario({ ...choice, maxIters: 20000 }, 'pgd-perturbed', { epsilon, seed }));

/** Perturbed P-GD from the strict saddle: descent on its P-GD steps, perturbations in the stated ball, an ε-SOSP as output (a diagnostic). Power: ξ drawn from a ball 10× the stated radius. */
export const pgdPerturbedProperty: Property = {
  id: 'pgd-perturbed',
  title: 'Perturbed P-GD started at a strict saddle: descent on its P-GD steps, every perturbation within the stated radius, an ε-second-order stationary output',
  theorems: [pgdDescent, pgdPerturbationRadius, pgdPerturbedSosp, pgdJacobian],
  scenarios,
  cases: 10,
  powerCases: 20,
  power: {
    description: 'perturbed P-GD drawing ξ from a ball 10× the radius its options state',
    run: runWithWidePerturbation,
    theorem: pgdPerturbationRadius,
    // missed only where every draw of a run lands inside the stated ball, probability 10^(−n) per perturbation
    minCaught: 0.86,
    calibration: { drawn: 200, applicable: 200, caught: 200, seed: 700035 },
  },
};
