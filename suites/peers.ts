import type { Property } from '../properties/property.js';
import { PEER_PROPERTIES } from '../properties/index.js';
import { anisotropicConstantsOf } from '../src/classes/anisotropic-constants.js';
import { maxAbsEigenvalue } from '../src/linalg/eigen.js';
import type { MethodOptions } from '../src/methods/method.js';
import { SolverConfigurationError } from '../src/configuration-error.js';
import type { Instance } from '../src/problems/instance.js';
import { buildInstance } from '../src/problems/registry.js';
import type { KernelId } from '../src/solvers/isotropic-kernels.js';
import type { PaperExperiment, PaperRun, PredictedRate } from './paper.js';
import { DEFOSSEZ_EXPERIMENTS } from './peer-experiments-defossez.js';
import { STOCHASTIC_PEER_EXPERIMENTS } from './peer-experiments-stochastic.js';
import type { Suite } from './suite.js';

/** P-GD with the step 1/L and λ of the instance's anisotropic constants (certified, else estimated; outside the theory: no run) */
function pgdOptions(kernel: KernelId): (instance: Instance) => MethodOptions {
  return (instance) => {
    const c = anisotropicConstantsOf(instance, kernel);
    if (c.status === 'outside') throw new SolverConfigurationError(`pgd: ${c.how}`);
    return { kernel, gamma: 1 / c.L, lambda: c.lambda };
  };
}

/** the instance started at c·x0 */
function startedFar(instance: Instance, c: number): Instance {
  return { ...instance, name: { ...instance.name, params: { ...instance.name.params, name: `${instance.name.family} seed ${instance.name.seed}, x0 ×${c}` } }, x0: instance.x0.map((v) => c * v) };
}

/** the classic start (−1.2, 1) of Rosenbrock's function (a = 1, b = 100) */
function classicRosenbrock(): Instance {
  const instance = buildInstance('rosenbrock/a=1,b=100/n=2/seed=1');
  return { ...instance, name: { ...instance.name, params: { ...instance.name.params, name: 'Rosenbrock a = 1, b = 100, x0 = (−1.2, 1)' } }, x0: Float64Array.of(-1.2, 1) };
}

/** the constant L' of a fixed step 1/L' tuned where the family starts: ‖∇²f‖ at the instance's own x0 (before any move) */
const curvatureAtStart = (name: string) => (): MethodOptions => {
  const instance = buildInstance(name);
  return { L: maxAbsEigenvalue(instance.problem.hess(instance.x0)) };
};

const PGD_RATE: PredictedRate = {
  rate: 'none for f − f*',
  because: 'non-convex: min_{k<K} λ⁻¹φ(∇φ*(λ∇f(x_k))) ≤ (f(x_0) − f_low)/(γK) for γ ≤ 1/L (docs/theory.md#pgd-stationarity-rate); constants estimated by saturation where not certified',
};
const KERNEL_RUNS: readonly PaperRun[] = (['log', 'clip', 'cosh', 'exp'] as const).map((kernel) => ({ label: `P-GD ${kernel}`, config: { method: 'pgd' }, options: pgdOptions(kernel) }));
const GNS: PaperRun = { label: 'GNS exact', config: { hessian: 'exact' } };

const PHASE_RETRIEVAL = [1, 2].map((seed) => `phase-retrieval/samples=100/n=10/seed=${seed}`);

/** The comparisons of the peer methods with GNS and the gradient method on shared families: reported, not gated. */
export const PEER_EXPERIMENTS: readonly PaperExperiment[] = [
  {
    id: 'pgd-far-start',
    what: 'Phase retrieval started 30× farther out: the gradient method with the step tuned at the usual start overflows, nonlinearly preconditioned GD (every kernel) does not (Bodard & Patrinos 2025: the comparison that motivates the method)',
    instances: () => PHASE_RETRIEVAL.map((name) => startedFar(buildInstance(name), 30)),
    runs: [
      ...PHASE_RETRIEVAL.slice(0, 1).map((name): PaperRun => ({
        label: "gradient method, step 1/L' tuned at the usual start",
        config: { method: 'gradient-constant' },
        options: curvatureAtStart(name),
        theory: { rate: 'divergence', because: 'far out the curvature exceeds 2L\', so a fixed step 1/L\' overshoots and |f| grows' },
      })),
      ...KERNEL_RUNS,
      GNS,
    ],
    maxIters: 1500,
    fTol: 1e-12,
    error: 'f-gap',
    theory: PGD_RATE,
  },
  {
    id: 'pgd-strict-saddle',
    what: 'The quartic strict saddle Σ x⁴/4 ∓ x²/2 started near the saddle: P-GD with every kernel against GNS and the authors\' gradient method',
    instances: () => [1, 2, 3].map((seed) => buildInstance(`quartic-saddle/scale=0.01,unstable=1/n=2/seed=${seed}`)),
    runs: [...KERNEL_RUNS, GNS, { label: 'gradient method (backtracking)', config: { method: 'gradient' } }],
    maxIters: 2000,
    fTol: 1e-12,
    error: 'f-gap',
    theory: PGD_RATE,
  },
  {
    id: 'pgd-l0l1-family',
    what: 'A certified (L0, L1) family (cosh pieces, B = I): P-GD with the certified constants (log, clip) against GNS and the authors\' gradient method',
    instances: () => [1, 2].map((seed) => buildInstance(`l0-l1-family/kind=cosh,metric=identity/n=5/seed=${seed}`)),
    runs: [KERNEL_RUNS[0], KERNEL_RUNS[1], GNS, { label: 'gradient method (backtracking)', config: { method: 'gradient' } }],
    maxIters: 2000,
    fTol: 1e-12,
    error: 'f-gap',
    theory: { rate: 'O(1/k) in f − f*', because: 'convex (L0, L1)-smooth f: the clipped gradient method reaches f − f* ≤ ε in O(L0‖x_0 − x*‖²/ε) steps once ‖∇f‖ ≤ L0/L1 (Koloskova et al. 2023)' },
  },
  {
    id: 'gen-rosenbrock',
    what: 'GeN on Rosenbrock (Bu & Xu 2025: their synthetic comparison): the practical three-point rate with the authors\' smoothing and the exact rate, against constant steps from a grid, the authors\' gradient method and GNS',
    instances: () => [classicRosenbrock()],
    runs: [
      { label: 'GeN-GD three-point, s = 0.9', config: { method: 'gen', options: { direction: 'gradient', form: 'three-point', smoothing: 0.9 } }, theory: { rate: 'none', because: 'non-convex; GeN states no convergence guarantee beyond quadratics' } },
      { label: 'GeN-GD exact, s = 0', config: { method: 'gen', options: { direction: 'gradient', form: 'exact', smoothing: 0 } }, theory: { rate: 'none', because: 'non-convex; GeN states no convergence guarantee beyond quadratics' } },
      ...[300, 1000, 3000].map((L): PaperRun => ({ label: `gradient, step 1/${L}`, config: { method: 'gradient-constant', options: { L } } })),
      { label: 'gradient method (backtracking)', config: { method: 'gradient' } },
      GNS,
    ],
    maxIters: 1000,
    fTol: 1e-12,
    error: 'f-gap',
    theory: { rate: 'none for f − f*', because: 'non-convex: the smallest gradient norm so far is ≤ ε within O(ε^(−2)) iterations (α = 1)' },
  },
  {
    id: 'gen-quadratic',
    what: 'GeN on SPD quadratics (κ = 10³): the exact and the three-point rate coincide (C-P1) and contract at Kantorovich\'s ((κ − 1)/(κ + 1))² per step (C-P4); the step 1/L and GNS beside them',
    instances: () => [1, 2].map((seed) => buildInstance(`quadratic/logCond=3/n=30/seed=${seed}`)),
    runs: [
      { label: 'GeN-GD exact', config: { method: 'gen', options: { direction: 'gradient', form: 'exact', smoothing: 0 } } },
      { label: 'GeN-GD three-point', config: { method: 'gen', options: { direction: 'gradient', form: 'three-point', smoothing: 0, clamp: false } } },
      { label: 'GeN, Adam direction, s = 0.9', config: { method: 'gen', options: { direction: 'adam', form: 'three-point', smoothing: 0.9 } }, theory: { rate: 'none stated', because: 'GeN states no rate for an adaptive direction' } },
      { label: 'gradient, step 1/L', config: { method: 'gradient-constant' }, theory: { rate: 'linear, (1 − 1/κ)', because: 'strongly convex quadratic, step 1/L' } },
      GNS,
    ],
    maxIters: 3000,
    fTol: 1e-12,
    error: 'f-gap',
    theory: { rate: 'linear, ((κ − 1)/(κ + 1))²', because: 'exact line search along −∇f on a quadratic (Kantorovich; docs/theory.md#gen-kantorovich)' },
  },
  ...STOCHASTIC_PEER_EXPERIMENTS,
  ...DEFOSSEZ_EXPERIMENTS,
];

/** Every peer property on five times its default cases with its power check, and the comparisons above. */
export const peers: Suite = {
  name: 'peers',
  description: 'the related methods — nonlinearly preconditioned gradient descent and its perturbed variant, GeN — on five times their default cases with their power checks, and their comparisons with GNS and the gradient method',
  timeBudgetSeconds: 600,
  entries: (properties: readonly Property[]) =>
    properties.filter((p) => PEER_PROPERTIES.includes(p)).map((property, i) => ({ property, cases: 5 * property.cases, powerCases: 2 * (property.powerCases ?? property.cases), seed: 5000 + i })),
  experiments: PEER_EXPERIMENTS,
};
