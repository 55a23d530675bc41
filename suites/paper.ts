import { join } from 'node:path';
import { sharedDir } from '../src/package-root.js';
import { cpuBackend } from '../src/backends/cpu.js';
import { readReferenceFile, referenceInstance } from '../src/problems/files/reference-file.js';
import type { Instance } from '../src/problems/instance.js';
import { buildInstance } from '../src/problems/registry.js';
import { type ConvergenceRegime, convergenceRegime } from '../src/rates/convergence-regime.js';
import { algebraicOrder, gapFloor, linearRate } from '../src/rates/index.js';
import type { GnsSummary } from '../src/solvers/gns-record.js';
import { runToEnd } from '../src/solvers/gns.js';
import type { IterationRecord } from '../src/solvers/iteration-record.js';
import type { MethodOptions } from '../src/methods/method.js';
import { type MethodConfig, runMethod } from '../src/solvers/method-config.js';

/**
 * The `paper` suite: the paper's experiments (the figures of the authors' notebook, the phase diagram, the
 * comparison with the super-universal rules) as runs with rate diagnostics. Reported, not gated.
 */
export interface PaperRun {
  readonly label: string;
  readonly config: Partial<MethodConfig>;
  /** the method's options set from the instance (e.g. a step 1/L from its constants), over config.options */
  readonly options?: (instance: Instance) => MethodOptions;
  /** the instance seen by this run (default: the experiment's) */
  readonly instance?: Instance;
  /** what the theory predicts for this run (default: the experiment's) */
  readonly theory?: PredictedRate;
}

/**
 * The rate a theorem predicts for a run's error sequence, and why. Convex case (Theorem 2): K =
 * O(ε^{−α}) iterations to f − f* ≤ ε, so f − f* = O(k^{−1/α}), linear for α = 0; an approximate
 * Hessian with C1 = 0 and β ≤ α keeps the rate, β > α gives O(k^{−1/β}), C1 > 0 adds O(1/k) (the
 * paper's phase diagram, its Figure 1). Non-convex (Theorem 1): min_k ‖∇f(x_k)‖_* ≤ ε within O(ε^{−(1+α)}), no rate for f − f*.
 */
export interface PredictedRate {
  readonly rate: string;
  readonly because: string;
}

const QSC_LINEAR: PredictedRate = { rate: 'linear', because: 'LogSumExp in B = AᵀA is quasi-self-concordant (α = 0): Theorem 2' };
const GRADIENT_CONVEX: PredictedRate = { rate: 'O(1/k)', because: 'gradient method, convex f with a Lipschitz gradient on its sublevel set' };
const NON_CONVEX: PredictedRate = { rate: 'none for f − f*', because: 'non-convex: Theorem 1 bounds only the smallest gradient norm so far, ≤ ε within O(ε^(−3/2)) iterations (a Lipschitz Hessian on the sublevel set, α = ½; cubic Newton\'s rate)' };
const NON_CONVEX_GRADIENT: PredictedRate = { rate: 'none for f − f*', because: 'non-convex: the smallest gradient norm so far is ≤ ε within O(ε^(−2)) iterations (α = 1)' };
const LIPSCHITZ_HESSIAN: PredictedRate = { rate: 'O(1/k²)', because: 'convex f with a Lipschitz Hessian: O(1/k^(1+ν)) with ν = 1 for the cubic and super-universal Newton methods' };

export interface PaperExperiment {
  readonly id: string;
  readonly what: string;
  readonly instances: () => readonly Instance[];
  readonly runs: readonly PaperRun[];
  readonly maxIters: number;
  readonly fTol?: number;
  readonly gradTol?: number;
  /** the error sequence plotted: f − f*, ‖∇f‖_*, or the loss f (f* unknown: iterations-to and rate fits then read ‖∇f‖_*) */
  readonly error: 'f-gap' | 'grad-norm' | 'loss';
  /** also plot ‖∇f‖_* against iterations and oracle calls (for an error that is not the gradient norm) */
  readonly gradientNormToo?: boolean;
  /** what the theory predicts for the experiment's runs (a run may say otherwise) */
  readonly theory: PredictedRate;
}

export interface PaperRow {
  readonly experiment: string;
  readonly instance: string;
  readonly run: string;
  readonly status: string;
  readonly iterations: number;
  /** iterations to f − f* (or ‖∇f‖) below 1e-4, 1e-6, 1e-8 (null: not reached) */
  readonly to: readonly (number | null)[];
  readonly qLinearTail: number | null;
  readonly logLogOrder: number | null;
  readonly gammaRange: readonly [number, number] | null;
  readonly dim: number;
  /** gradient calls until f − f* (or ‖∇f‖) is below 1e-6 (null: not reached) */
  readonly gradCallsTo1e6: number | null;
  readonly regime: ConvergenceRegime;
  readonly theory: PredictedRate;
  /** the error at every iterate (4 significant digits, null where not finite) and the gradient evaluations counted so far (x_0's included) */
  readonly series: { readonly error: (number | null)[]; readonly gradCalls: number[]; readonly gradNorm?: (number | null)[] };
}

/** 4 significant digits: the resolution of a plot; every fit reads the full-precision sequence */
const plotted = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

const reference = (file: string) => referenceInstance(readReferenceFile(join(sharedDir() ?? '../shared', 'reference', file)));
const seeds = (name: string, n: number) => Array.from({ length: n }, (_, i) => buildInstance(`${name}/seed=${i + 1}`));

function additive(C1: number, C2: number, beta: number): Partial<MethodConfig> {
  return { perturbations: [{ kind: 'additive', shape: 'psd', C1, C2, beta, seed: 7 }] };
}

export const PAPER_EXPERIMENTS: readonly PaperExperiment[] = [
  {
    id: 'fig1-2-logsumexp',
    what: 'Figures 1–2: LogSumExp, exact Newton, weighted Gauss–Newton, gradient method in B = A₀ᵀA₀ and in B = I; γ_k',
    instances: () => [reference('lse-200x200-mu1.json'), ...seeds('logsumexp/mu=1,rows=120/n=100', 3)],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'GNS weighted Gauss–Newton', config: { hessian: 'weighted-gauss-newton' } },
      { label: 'gradient method, B', config: { method: 'gradient' }, theory: GRADIENT_CONVEX },
      { label: 'gradient method, I', config: { method: 'gradient' }, theory: GRADIENT_CONVEX },
    ],
    maxIters: 1000,
    fTol: 1e-8,
    error: 'f-gap',
    theory: { rate: 'linear', because: 'LogSumExp in B = A₀ᵀA₀ is quasi-self-concordant (α = 0); weighted Gauss–Newton has C1 = 0, β = 0 = α: Theorem 2' },
  },
  {
    id: 'fig3-nonlinear-equations',
    what: 'Figure 3: (1/p)‖Ax − b‖^p, p = 4: exact Newton, the rank-one Fisher term, gradient method',
    instances: () => [reference('ne-linear-100x200-p4.json'), ...seeds('nonlinear-equations-linear/p=4,rows=40/n=80', 2)],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'GNS Fisher term (rank one)', config: { hessian: 'fisher-term' } },
      { label: 'gradient method, B', config: { method: 'gradient' }, theory: GRADIENT_CONVEX },
    ],
    maxIters: 100,
    error: 'f-gap',
    theory: { rate: 'O(1/k³)', because: '(1/p)‖Ax − b‖^p in B = AᵀA has α = 1/(p − 1) = 1/3; the Fisher term has C1 = 0, β = 1/3 = α: Theorem 2' },
  },
  {
    id: 'fig4-rosenbrock',
    what: 'Figure 4: Rosenbrock, exact Newton against the gradient method (and the cubic / super-universal baselines)',
    instances: () => [reference('rosenbrock-2d.json')],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'cubic Newton', config: { method: 'cubic-newton' } },
      { label: 'super-universal α = 1', config: { method: 'super-newton', alpha: 1 } },
      { label: 'gradient method', config: { method: 'gradient' }, theory: NON_CONVEX_GRADIENT },
    ],
    maxIters: 5000,
    fTol: 1e-9,
    error: 'f-gap',
    theory: NON_CONVEX,
  },
  {
    id: 'fig5-nle-rosenbrock',
    what: 'Figure 5: nonlinear-equation Rosenbrock, p = 5: exact, Gauss–Newton, gradient method',
    instances: () => [reference('nle-rosenbrock-p5.json')],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'GNS Gauss–Newton', config: { hessian: 'gauss-newton' } },
      { label: 'gradient method', config: { method: 'gradient' }, theory: NON_CONVEX_GRADIENT },
    ],
    maxIters: 3000,
    fTol: 1e-9,
    error: 'f-gap',
    theory: NON_CONVEX,
  },
  {
    id: 'fig6-chebyshev',
    what: 'Figure 6: Chebyshev residuals, p = 4: super-universal Newton (the notebook\'s "exact Newton"), GNS exact, Gauss–Newton, gradient',
    instances: () => [reference('chebyshev-50-p4.json')],
    runs: [
      { label: 'super-universal α = 1', config: { method: 'super-newton', alpha: 1 } },
      { label: 'GNS exact (failed factorization = rejected trial)', config: { hessian: 'exact' } },
      { label: 'GNS Gauss–Newton', config: { hessian: 'gauss-newton' } },
      { label: 'gradient method', config: { method: 'gradient' }, theory: NON_CONVEX_GRADIENT },
    ],
    maxIters: 300,
    fTol: 1e-9,
    error: 'f-gap',
    theory: NON_CONVEX,
  },
  {
    id: 'super-universal-rules',
    what: 'GNS against the adaptive rules of Doikov et al.: γ_k = 1/M_k (α = 1), ‖g‖^½/M_k, ‖g‖/M_k (α = 0), and cubic Newton, on LogSumExp',
    instances: () => [reference('lse-200x200-mu1.json')],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'super-universal α = 0', config: { method: 'super-newton', alpha: 0 }, theory: LIPSCHITZ_HESSIAN },
      { label: 'super-universal α = ½', config: { method: 'super-newton', alpha: 0.5 }, theory: LIPSCHITZ_HESSIAN },
      { label: 'super-universal α = 1', config: { method: 'super-newton', alpha: 1 }, theory: LIPSCHITZ_HESSIAN },
      { label: 'cubic Newton', config: { method: 'cubic-newton' }, theory: LIPSCHITZ_HESSIAN },
    ],
    maxIters: 1000,
    fTol: 1e-8,
    error: 'f-gap',
    theory: QSC_LINEAR,
  },
  {
    id: 'qsc-linear-rate',
    what: 'QSC instances (LogSumExp, logistic with ℓ2): the exact method converges linearly (Q-linear tail rate < 1); the super-universal rule α = 0 beside it',
    instances: () => [...seeds('logsumexp/mu=0.5,rows=30/n=10', 4), ...seeds('logistic/featureScale=4,rho=0.001,samples=40/n=8', 4)],
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'super-universal α = 0', config: { method: 'super-newton', alpha: 0 }, theory: { rate: 'O(1/k²) in f − f*', because: 'convex f with a Lipschitz Hessian (ν = 1); ‖∇f‖_* ≤ (2L(f − f*))^½' } },
    ],
    maxIters: 500,
    gradTol: 1e-11,
    error: 'grad-norm',
    theory: { rate: 'linear', because: 'quasi-self-concordant (α = 0): f − f* linear by Theorem 2, and ‖∇f‖_* ≤ (2L(f − f*))^½' },
  },
  {
    id: 'lipschitz-hessian-order',
    what: 'Lipschitz-Hessian convex sums (ν = 1, f* = 0): f − f* against k in the sublinear phase (theory O(1/k²))',
    instances: () => seeds('holder-power-sum/extraRows=0,kind=abs,metric=identity,nu=1,rows=gaussian/n=8', 4),
    runs: [
      { label: 'GNS exact', config: { hessian: 'exact' } },
      { label: 'GNS H ≡ 0', config: { method: 'gns-gradient' }, theory: { rate: 'O(1/k)', because: 'H ≡ 0 errs by ‖∇²f‖ ≤ L on the sublevel set: C1 = L, the gradient-method term' } },
    ],
    maxIters: 400,
    error: 'f-gap',
    theory: { rate: 'O(1/k²)', because: 'Lipschitz Hessian (ν = 1): α = ½, Theorem 2' },
  },
  {
    id: 'phase-diagram',
    what: 'The phase diagram, Figure 1 of the paper, on LogSumExp (α = 0): β ≤ α keeps the linear rate; β > α degrades; C1 > 0 slows the tail',
    instances: () => seeds('logsumexp/mu=1,rows=12/n=6', 3),
    runs: [
      { label: 'exact', config: { hessian: 'exact' } },
      { label: 'C2 = 10, β = 0', config: { hessian: 'exact', ...additive(0, 10, 0) }, theory: { rate: 'linear', because: 'β = 0 ≤ α = 0, C1 = 0: the class dominates, with M + C2 for M' } },
      { label: 'C2 = 10, β = ½', config: { hessian: 'exact', ...additive(0, 10, 0.5) }, theory: { rate: 'O(1/k²)', because: 'β = ½ > α = 0: the inexactness dominates, K = O(C2/ε^β)' } },
      { label: 'C2 = 2, β = 1', config: { hessian: 'exact', ...additive(0, 2, 1) }, theory: { rate: 'O(1/k)', because: 'β = 1 > α = 0: the inexactness dominates, K = O(C2/ε^β)' } },
      { label: 'C1 = 0.1', config: { hessian: 'exact', ...additive(0.1, 0, 0) }, theory: { rate: 'O(1/k)', because: 'C1 > 0 adds the gradient-method term O(C1·D²/ε)' } },
      { label: 'C1 = 1', config: { hessian: 'exact', ...additive(1, 0, 0) }, theory: { rate: 'O(1/k)', because: 'C1 > 0 adds the gradient-method term O(C1·D²/ε)' } },
    ],
    maxIters: 2000,
    fTol: 1e-10,
    error: 'f-gap',
    theory: { rate: 'linear', because: 'LogSumExp is quasi-self-concordant (α = 0), exact Hessian: Theorem 2' },
  },
];

/** Runs one experiment: every run on every instance, with its diagnostics. */
export function runPaperExperiment(e: PaperExperiment): PaperRow[] {
  const rows: PaperRow[] = [];
  for (const instance of e.instances()) {
    for (const run of e.runs) {
      const inst = run.label.endsWith(', I') ? { ...instance, metric: { kind: 'identity' as const } } : instance;
      const config: MethodConfig = { method: 'gns', hessian: 'exact', mode: 'reference', maxIters: e.maxIters, fTol: e.fTol, gradTol: e.gradTol, ...run.config, ...(run.options ? { options: { ...run.config.options, ...run.options(inst) } } : {}) };
      const { records, summary } = runToEnd(runMethod(config, inst, cpuBackend()));
      const fStar = inst.certificate.fStar;
      const iterates = [...records, summary] as IterationRecord[];
      const errors = iterates.map((r) => (e.error === 'loss' ? r.f : e.error === 'f-gap' && fStar !== undefined ? r.f - fStar : r.gradNorm));
      // the loss does not tend to 0 (f* unknown): its runs' iterations-to and rate fits read the gradient norm, which does
      const measured = e.error === 'loss' ? iterates.map((r) => r.gradNorm) : errors;
      // rounding level of the sequence: 1e3·u relative to f* (gapFloor) or to the first gradient norm
      const floor = e.error === 'f-gap' ? gapFloor(2 ** -53, fStar ?? 0) : 1e3 * 2 ** -53 * measured[0];
      const to = [1e-4, 1e-6, 1e-8].map((eps) => {
        const k = measured.findIndex((v) => v < eps);
        return k < 0 ? null : k;
      });
      const gammas = 'history' in summary ? (summary as GnsSummary).history.gammaStart : null;
      rows.push({
        experiment: e.id,
        instance: String(inst.name.params.name ?? `${inst.name.family} seed ${inst.name.seed}`),
        run: run.label,
        status: summary.status,
        iterations: summary.iterations,
        to,
        qLinearTail: linearRate(measured, { floor })?.tail ?? null,
        logLogOrder: algebraicOrder(measured, { floor })?.order ?? null,
        gammaRange: gammas ? [Math.min(...gammas), Math.max(...gammas)] : null,
        dim: inst.problem.dim,
        gradCallsTo1e6: to[1] === null ? null : iterates[to[1]].gradCalls,
        regime: convergenceRegime(measured, { floor }),
        theory: run.theory ?? e.theory,
        series: { error: errors.map(plotted), gradCalls: iterates.map((r) => r.gradCalls), ...(e.gradientNormToo ? { gradNorm: iterates.map((r) => plotted(r.gradNorm)) } : {}) },
      });
    }
  }
  return rows;
}
