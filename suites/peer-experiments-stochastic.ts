import type { MethodOptions } from '../src/methods/method.js';
import { buildInstance } from '../src/problems/registry.js';
import type { PaperExperiment, PaperRun, PredictedRate } from './paper.js';

const NO_RATE: PredictedRate = { rate: 'none stated', because: 'GRNG\'s guarantee is for the two-layer network (natural-gradient-two-layer), LEHI\'s is Défossez-type for the expected gradient norm of its own form: neither paper states a rate for these runs' };
const GLM_NEWTON: PredictedRate = { rate: 'superlinear near x*', because: 'softmax regression is a GLM: the GGN + l2·I is ∇²f, so GNS with it is Algorithm 1 with the exact Hessian (quasi-self-concordant, Theorem 2: linear, then the local superlinear phase)' };

const run = (label: string, method: string, options: MethodOptions = {}, theory?: PredictedRate): PaperRun => ({ label, config: { method, options }, ...(theory ? { theory } : {}) });

/** the same methods on each shared family: natural gradients with gradient regularization, LEHI, Adam, GNS with the Fisher (GGN) model */
const SIDE_BY_SIDE: readonly PaperRun[] = [
  run('RING dense GGN, full batch', 'ring', { eta: 1, rho: 1 }),
  run('RING K-FAC, sampled Fisher, B = 32', 'ring', { eta: 1, rho: 1, structure: 'kfac', curvature: 'fisher', batch: 32, curvatureBatch: 32, seed: 1 }),
  run('RENG dense GGN, full batch', 'reng', { eta: 1, rho: 1 }),
  run('R-Kalman, GGN, curvature B = 32', 'r-kalman', { eta: 1, rho: 1, curvatureBatch: 32, seed: 1 }),
  run('LEHI, B = 32', 'lehi', { alpha: 1e-2, batch: 32, seed: 1 }),
  run('LEHIBRID (max), B = 32', 'lehi', { alpha: 1e-2, batch: 32, seed: 1, accumulator: 'hybrid' }),
  run('Adam, B = 32', 'adam', { alpha: 1e-2, batch: 32, seed: 1 }),
  { label: 'GNS with the Fisher (GGN) model', config: { hessian: 'ggn' }, theory: GLM_NEWTON },
];

const SOFTMAX = [1, 2].map((seed) => `softmax-regression/classes=4,rho=0.001,samples=200/n=32/seed=${seed}`);
const MLP = [1, 2].map((seed) => `mlp-mixture/classes=3,d=4,hidden=16,l2=0.001,samples=120,separation=3/n=131/seed=${seed}`);
const TWO_LAYER = [1, 2].map((seed) => `two-layer-relu/d=4,points=8/n=512/seed=${seed}`);

/**
 * The comparisons of issue 17's methods on the shared families (reported, not gated): the loss and the
 * gradient norm against iterations and against oracle calls in full-batch equivalents.
 */
export const STOCHASTIC_PEER_EXPERIMENTS: readonly PaperExperiment[] = [
  {
    id: 'natural-gradient-softmax',
    what: 'Softmax regression (K = 4, d = 8, N = 200), a GLM where Fisher = GGN = Hessian so natural gradient is Newton: RING / RENG / R-Kalman (GRNG, Dash et al. 2026), LEHI and LEHIBRID (Zhu et al. 2026), Adam, and GNS with the Fisher model side by side',
    instances: () => SOFTMAX.map((name) => buildInstance(name)),
    runs: SIDE_BY_SIDE,
    maxIters: 150,
    gradTol: 1e-10,
    error: 'loss',
    gradientNormToo: true,
    theory: NO_RATE,
  },
  {
    id: 'natural-gradient-mlp',
    what: 'A tiny MLP (4 → 16 tanh → 3) on a Gaussian mixture, N = 120: the same methods where the GGN is not the Hessian (RENG\'s H·g differs from GGN·g here)',
    instances: () => MLP.map((name) => buildInstance(name)),
    runs: SIDE_BY_SIDE.map((r) => (r.config.hessian === 'ggn' ? { ...r, theory: { rate: 'none for f − f*', because: 'non-convex; the GGN model is not certified (Theorem 1 needs a certified approximation)' } } : r)),
    maxIters: 100,
    gradTol: 1e-10,
    error: 'loss',
    gradientNormToo: true,
    theory: NO_RATE,
  },
  {
    id: 'natural-gradient-two-layer',
    what: 'The two-layer ReLU network of the GRNG guarantee (n = 8 points, d = 4, width m = 128, fixed ±1 output weights): RING with GGN and η = 0.5 reaches zero training loss at the linearized rate 1 − η·λ_min/(λ_min + nμ_k) (D-P3), R-Kalman beside it, and Adam',
    instances: () => TWO_LAYER.map((name) => buildInstance(name)),
    runs: [
      run('RING dense GGN, η = 0.5, ρ = 1', 'ring', { eta: 0.5, rho: 1 }, { rate: 'linear, → 1 − η', because: '‖r_{k+1}‖ ≤ (1 − ηλ_min(JJᵀ)/(λ_min + nμ_k))‖r_k‖ up to linearization, μ_k = ρ‖g_k‖² → 0 (docs/theory.md#natural-gradient-residual-contraction)' }),
      run('R-Kalman, η = 0.5, ρ = 1', 'r-kalman', { eta: 0.5, rho: 1 }, { rate: 'linear, → 1 − η', because: 'the same step as RING in push-through form' }),
      run('Adam', 'adam', { alpha: 1e-2 }),
    ],
    maxIters: 100,
    error: 'loss',
    gradientNormToo: true,
    theory: NO_RATE,
  },
  {
    id: 'grng-stability',
    what: 'D-P4, a comparison and not a theorem: with large steps η ∈ {1.5, 1.9} on the two-layer ReLU network, nearly undamped natural gradient (ρ = 10⁻⁸) against gradient-regularized damping ρ = 1 — the GRNG claim is that the damping keeps the residual monotone',
    instances: () => TWO_LAYER.slice(0, 1).map((name) => buildInstance(name)),
    runs: [1.5, 1.9].flatMap((eta) => [
      run(`R-Kalman η = ${eta}, ρ = 1e-8`, 'r-kalman', { eta, rho: 1e-8 }, { rate: 'linear, 1 − η in magnitude (oscillating for η > 1)', because: 'undamped: r_{k+1} ≈ (1 − η)r_k in the linearized model' }),
      run(`R-Kalman η = ${eta}, ρ = 1`, 'r-kalman', { eta, rho: 1 }, { rate: 'monotone early (claimed), then |1 − η|', because: 'damping ρ‖g‖² shrinks the early steps; it vanishes as g → 0, so the tail factor is again |1 − η| (docs/theory.md#natural-gradient-residual-contraction)' }),
    ]),
    maxIters: 60,
    error: 'loss',
    theory: NO_RATE,
  },
  {
    id: 'damping-family',
    what: 'The damping family μ = c·‖∇f‖^α on softmax regression: GNS (α = 1, c = 1/γ searched, the GGN = Hessian model), super-universal Newton (c = H, α = 1), RING (α = 2, c = ρ, η = 1) and RING with α = 1 — one regularized-step part (src/solvers/gradient-damping.ts) for all of them',
    instances: () => SOFTMAX.slice(0, 1).map((name) => buildInstance(name)),
    runs: [
      { label: 'GNS, λ = ‖g‖/γ (α = 1)', config: { hessian: 'ggn' }, theory: GLM_NEWTON },
      { label: 'super-universal Newton, λ = H‖g‖ (α = 1)', config: { method: 'super-newton', alpha: 1 } },
      run('RING, μ = ρ‖g‖² (α = 2)', 'ring', { eta: 1, rho: 1 }),
      run('RING, μ = ρ‖g‖ (α = 1)', 'ring', { eta: 1, rho: 1, dampingExponent: 1 }),
    ],
    maxIters: 100,
    gradTol: 1e-10,
    error: 'loss',
    gradientNormToo: true,
    theory: { rate: 'superlinear for GNS near x*; linear for RING with η = 1 as μ → 0', because: 'with μ_k → 0 and η = 1 RING approaches Newton\'s step on a GLM; GNS keeps λ = ‖g‖/γ, the α = 1 member' },
  },
];
