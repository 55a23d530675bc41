import fc from 'fast-check';
import { scenarioArbitrary } from '../src/scenarios/scenario.js';
import type { Perturbation } from '../src/hessians/catalog.js';
import { phaseDiagramDegraded, phaseDiagramExactRate } from '../src/theory/phase-diagram.js';
import { phaseDiagramIterations } from '../src/theory/phase-diagram-iterations.js';
import { mislabelledPerturbationRun } from './convex-power.js';
import { optimumBound } from '../src/theory/optimum-bound.js';
import type { Property } from './property.js';

/** the (C1, C2, β) grid of the phase diagram (docs/theory.md#phase-diagram-iterations): β = 0 keeps the rate, β ∈ {½, 1} degrades, C1 > 0 adds the gradient-method term */
export const PHASE_GRID: readonly { C1: number; C2: number; beta: number }[] = [
  { C1: 0, C2: 0, beta: 0 },
  { C1: 0, C2: 2, beta: 0 },
  { C1: 0, C2: 10, beta: 0 },
  { C1: 0, C2: 2, beta: 0.5 },
  { C1: 0, C2: 10, beta: 0.5 },
  { C1: 0, C2: 2, beta: 1 },
  { C1: 0, C2: 10, beta: 1 },
  { C1: 0.1, C2: 0, beta: 0 },
  { C1: 1, C2: 0, beta: 0 },
];

const perturbations: fc.Arbitrary<readonly Perturbation[]> = fc
  .record({ p: fc.constantFrom(...PHASE_GRID), seed: fc.integer({ min: 1, max: 1000 }) })
  .map(({ p, seed }) => (p.C1 === 0 && p.C2 === 0 ? [] : [{ kind: 'additive', shape: 'psd', ...p, seed }]));

/** Phase diagram (Figure 1 of the paper, docs/theory.md#phase-diagram-iterations) on LogSumExp (QSC, α = 0; x* certified for m > n) with additive PSD perturbations. */
export const phaseDiagramProperty: Property = {
  id: 'phase-diagram',
  title: 'Phase diagram on LSE with additive perturbations ‖E‖ = C1 + C2‖g‖^{1−β}: K(ε) within the certified envelope (the fitted shapes are diagnostics)',
  theorems: [phaseDiagramIterations, phaseDiagramExactRate, phaseDiagramDegraded, optimumBound],
  scenarios: scenarioArbitrary({
    families: ['logsumexp'],
    hessians: ['exact'],
    perturbations,
    maxDim: 8,
    modes: ['strict', 'reference'],
    maxIters: { min: 250, max: 300 },
    gamma0: [1, 1e-3, 1e3],
    gradTolRelative: 1e-12,
  }),
  cases: 60,
  power: {
    description: 'H = ∇²f + 100·B (β = 1: a constant error) passed off as the exact Hessian (β = 0 ≤ α): the run needs more iterations than the certified envelope allows',
    run: (scenario) => mislabelledPerturbationRun({ ...scenario, hessian: 'exact', perturbations: [] }, { C1: 0, C2: 100, beta: 1 }),
    theorem: phaseDiagramIterations,
    minCaught: 0.6,
    calibration: { drawn: 1200, applicable: 1064, caught: 840, seed: 700019 },
  },
};
