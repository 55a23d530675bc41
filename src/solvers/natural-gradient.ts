import { cpuBackend } from '../backends/cpu.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { cholesky, choleskySolve, solveSpd } from '../linalg/cholesky.js';
import { frobeniusNorm, type Matrix, matrix, matVec } from '../linalg/matrix.js';
import { norm2 } from '../linalg/vector.js';
import type { NaturalGradientFields, StepRecord } from '../methods/step-record.js';
import { batchGradient, type CurvatureBatch, type CurvatureKind, curvatureDiagonal, curvatureMatrix, curvatureRows, kfacFactors, outputGradients, sampleLabels } from '../problems/curvature.js';
import type { MetricSpec } from '../problems/instance.js';
import { minibatchSampler, type SamplingRule } from '../problems/minibatch.js';
import type { Oracle, Problem } from '../problems/oracle.js';
import { allRows, type SupervisedModel, supervisedModelOf } from '../problems/supervised-model.js';
import { mixSeed, rng } from '../random/prng.js';
import { gradientDamping } from './gradient-damping.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { type KroneckerEigenbasis, kroneckerEigenbasis, kroneckerSolve, splitDampedSolve } from './kronecker-solve.js';
import { lazyInverseApply, lazyInverseTolerance } from './lazy-inverse.js';
import { newtonSchulzInverse } from './newton-schulz.js';
import { pushThroughInnovationSolve, pushThroughSolve } from './push-through.js';
import { outerIterations, SolverState } from './solver-state.js';

/**
 * The gradient-regularized natural gradients (GRNG, docs/theory.md#natural-gradient-methods):
 * - `ring`: δ = −(C + μI)⁻¹g (regularization folded into the damping);
 * - `reng`: δ = −(C + μI)⁻¹(g + ρ·∇²L·g), the gradient of L + (ρ/2)‖∇L‖² by an exact Hessian–vector product;
 * - `r-kalman`: RING's step in the push-through (Kalman) form, prior precision μ, never forming C [R: the
 *   paper's R-Kalman equations were not retrieved; GR enters as the prior precision μ = ρ‖g‖^α]; from the
 *   innovation (the output gradients) where the gradient is the one of the curvature's rows, as a Kalman
 *   update is, else from q by the push-through identity.
 */
export const NATURAL_GRADIENT_VARIANTS = ['ring', 'reng', 'r-kalman'] as const;
export type NaturalGradientVariant = (typeof NATURAL_GRADIENT_VARIANTS)[number];
export const CURVATURE_STRUCTURES = ['dense', 'kfac', 'diagonal'] as const;
export type CurvatureStructure = (typeof CURVATURE_STRUCTURES)[number];
export const INVERSE_ROUTES = ['direct', 'newton-schulz', 'lazy'] as const;
export type InverseRoute = (typeof INVERSE_ROUTES)[number];
export const KFAC_DAMPINGS = ['exact', 'split'] as const;
export type KfacDamping = (typeof KFAC_DAMPINGS)[number];

export interface NaturalGradientOptions extends StoppingRule {
  readonly metric: MetricSpec;
  readonly variant: NaturalGradientVariant;
  /** η of h = η·δ */
  readonly eta: number;
  /** ρ of μ = ρ‖g‖^α (and of RENG's g + ρ·∇²L·g) */
  readonly rho: number;
  /** α of μ = ρ‖g‖^α: 2 is GRNG's ρ‖g‖² [S]; 1 the "wrong order" alternative (docs/theory.md#natural-gradient-methods) */
  readonly dampingExponent: number;
  readonly curvature: CurvatureKind;
  /** ignored by `r-kalman` (push-through) */
  readonly structure: CurvatureStructure;
  /** K-FAC's damping: the exact Kronecker eigen-solve of (Γ ⊗ Λ + μI), or the π-split factored damping */
  readonly kfacDamping: KfacDamping;
  /** ignored by `r-kalman`; `newton-schulz` and `lazy` need the dense structure */
  readonly inverse: InverseRoute;
  /** the curvature (and a lazy inverse) is formed every `lazy` iterations */
  readonly lazy: number;
  /** rows of the gradient estimate per iteration, 0: the full batch (g = ∇f of the oracle) */
  readonly batch: number;
  /** rows of the curvature batch per refresh, 0: the full batch */
  readonly curvatureBatch: number;
  readonly sampling: SamplingRule;
  /** the gradient batches, curvature batches and Fisher labels are three streams of this seed */
  readonly seed: number;
  /** Newton–Schulz stops at ‖I − (C + μI)X‖_F ≤ this */
  readonly newtonSchulzTolerance: number;
}

/** The two Kronecker factors of a layer as a solve applies them: (left ⊗ right)vec(W) = vec(left·W·right), W read row-major as left.rows × right.rows. */
export interface KroneckerOrientation {
  readonly left: Matrix;
  readonly right: Matrix;
}

/** The parts of the loop a power check may swap (each honest one is the default, HONEST_NATURAL_GRADIENT_PARTS). */
export interface NaturalGradientParts {
  /** μ from ‖g‖, ρ and α */
  readonly damping: (gradNorm: number, rho: number, exponent: number) => number;
  /** a layer's K-FAC factors (Γ: outputs × outputs, Λ: inputs × inputs) in the orientation the solve applies */
  readonly kfacOrientation: (gamma: Matrix, lambda: Matrix) => KroneckerOrientation;
  /** (A + μI)⁻¹q from the lazy inverse X = (A + μ₀I)⁻¹ */
  readonly lazyApply: (inverse: Matrix, formedAt: number, mu: number, q: Float64Array) => Float64Array;
  /** RENG's curvature–gradient product ∇²L_S·g on the gradient's rows S */
  readonly regularizerProduct: (model: SupervisedModel, x: Float64Array, rows: Uint32Array, g: Float64Array) => Float64Array;
  /** the factor of the step applied, h = factor·δ, from η */
  readonly appliedStepSize: (eta: number) => number;
  /** the push-through (Kalman) form's observation noise for a curvature batch of B rows: B, so that UUᵀ + BμI is the dual of UᵀU/B + μI */
  readonly observationNoise: (batchSize: number) => number;
}

export const HONEST_NATURAL_GRADIENT_PARTS: NaturalGradientParts = {
  damping: (gradNorm, rho, exponent) => gradientDamping(gradNorm, exponent, rho),
  // row-major W (outputs × inputs): the layer's block ≈ Γ ⊗ Λ, (Γ ⊗ Λ)vec(W) = vec(Γ·W·Λ) (curvature.ts, kfacFactors)
  kfacOrientation: (gamma, lambda) => ({ left: gamma, right: lambda }),
  lazyApply: lazyInverseApply,
  regularizerProduct: (model, x, rows, g) => model.hvp(x, rows, g),
  appliedStepSize: (eta) => eta,
  observationNoise: (batchSize) => batchSize,
};

type FormedCurvature =
  | { readonly structure: 'dense'; readonly c: Matrix; lazyInverse: { readonly x: Matrix; readonly formedAt: number; readonly normBound: number } | null }
  | { readonly structure: 'kfac'; readonly bases: readonly KroneckerEigenbasis[] }
  | { readonly structure: 'diagonal'; readonly d: Float64Array }
  | { readonly structure: 'push-through'; readonly u: Matrix };

interface Solution {
  readonly solution: Float64Array;
  readonly inverseDamping: number;
  readonly solveTolerance: number;
}

/** (A)⁻¹ column by column from a Cholesky factor; null where A is not numerically positive definite */
function spdInverse(a: Matrix): Matrix | null {
  const f = cholesky(a);
  if (!f.ok) return null;
  const n = a.rows;
  const out = matrix(n, n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(f.factor, e);
    for (let i = 0; i < n; i++) out.data[i * n + j] = col[i];
  }
  return out;
}

function shifted(c: Matrix, mu: number): Matrix {
  const a = matrix(c.rows, c.cols, c.data.slice());
  for (let i = 0; i < c.rows; i++) a.data[i * c.cols + i] += mu;
  return a;
}

/**
 * The natural-gradient loop of RING, RENG and R-Kalman: at x_k a gradient estimate g_k on its batch,
 * μ_k = ρ‖g_k‖^α, q_k (g_k, or RENG's g_k + ρ∇²L·g_k), the curvature C of a curvature batch formed every
 * `lazy` iterations in the chosen structure, δ_k = −(C + μ_kI)⁻¹q_k by the chosen route and h_k = η·δ_k.
 * The record core (f, ∇f) is the full-batch oracle's; every step is taken (no acceptance rule).
 */
export function naturalGradient(problem: Oracle, x0: Float64Array, options: NaturalGradientOptions, parts: NaturalGradientParts = HONEST_NATURAL_GRADIENT_PARTS): Generator<StepRecord & NaturalGradientFields, SolverSummary, void> {
  const model = supervisedModelOf(problem);
  if (!model) throw new SolverConfigurationError('natural gradient: the problem has no supervised model (a network, softmax or logistic regression)');
  const backend = cpuBackend();
  // on minibatches the full-batch f and ∇f at each iterate are the records', not the method's: uncounted
  const s = new SolverState(options.variant, problem, x0, options.metric, backend, { countIterateEvaluations: options.batch === 0 });
  // a Hessian–vector product by forward over reverse costs about one gradient (RENG's ∇²L·g): counted as one, B/N on a batch of B rows
  const gradientWork = (): number => {
    const counts = (problem as Partial<Problem>).counts;
    return counts ? counts.grad + counts.hvp : 0;
  };
  const everyRow = allRows(model);
  const gradientSampler = options.batch > 0 ? minibatchSampler(model.rowCount, options.batch, options.sampling, mixSeed(options.seed, 0)) : null;
  const curvatureSampler = options.curvatureBatch > 0 ? minibatchSampler(model.rowCount, options.curvatureBatch, options.sampling, mixSeed(options.seed, 1)) : null;
  const labelDraw = rng(mixSeed(options.seed, 2));
  const structure: FormedCurvature['structure'] = options.variant === 'r-kalman' ? 'push-through' : options.structure;
  const route: NaturalGradientFields['inverse'] = options.variant === 'r-kalman' ? 'push-through' : options.inverse;
  if (structure !== 'dense' && structure !== 'push-through' && route !== 'direct') throw new SolverConfigurationError(`natural gradient: the ${route} inverse needs the dense structure`);
  let formed: FormedCurvature | null = null;
  let batch: CurvatureBatch | null = null;
  let formedIteration = 0;
  let previousInverse: Matrix | null = null;

  const form = (x: Float64Array, curvatureBatch: CurvatureBatch): FormedCurvature => {
    if (structure === 'dense') return { structure, c: curvatureMatrix(model, x, curvatureBatch), lazyInverse: null };
    if (structure === 'diagonal') return { structure, d: curvatureDiagonal(model, x, curvatureBatch) };
    if (structure === 'push-through') return { structure, u: curvatureRows(model, x, curvatureBatch) };
    return {
      structure,
      bases: kfacFactors(model, x, curvatureBatch).map(({ gamma, lambda }) => {
        const { left, right } = parts.kfacOrientation(gamma, lambda);
        return kroneckerEigenbasis(left, right);
      }),
    };
  };

  /**
   * R-Kalman's innovation: coefficients a with g = Uᵀa + l2·x exactly (in exact arithmetic) where the
   * gradient is the full-batch RING gradient on the rows U was formed on at this x — U's rows are J_iᵀe_c
   * for the GGN of the squared loss (a = ∇_pℓ/N) and J_iᵀ∇_pℓ_i for the empirical Fisher (a = 1/N); else null
   */
  const innovation = (x: Float64Array, k: number): Float64Array | null => {
    if (structure !== 'push-through' || options.variant !== 'r-kalman' || options.batch !== 0 || options.curvatureBatch !== 0 || formedIteration !== k) return null;
    const scale = 1 / model.rowCount;
    if (options.curvature === 'empirical-fisher') return new Float64Array(model.rowCount).fill(scale);
    if (options.curvature === 'ggn' && model.loss === 'squared') return outputGradients(model, x, everyRow).map((v) => v * scale);
    return null;
  };

  // (C + μI)⁻¹q in the formed structure; null where the system is not numerically positive definite
  const solve = (f: FormedCurvature, mu: number, q: Float64Array, rows: number, innovationOfQ: Float64Array | null, x: Float64Array): Solution | null => {
    const exact = (solution: Float64Array | null): Solution | null => (solution ? { solution, inverseDamping: mu, solveTolerance: 0 } : null);
    if (f.structure === 'diagonal') return exact(f.d.every((di) => di + mu > 0) ? q.map((v, i) => v / (f.d[i] + mu)) : null);
    // the model's l2·I is part of C but not of U or of the K-FAC factors (curvature.ts)
    if (f.structure === 'push-through') {
      const damping = mu + model.l2;
      if (!(damping > 0)) return null;
      const noise = parts.observationNoise(rows);
      if (innovationOfQ === null) return exact(pushThroughSolve(f.u, noise, damping, q));
      const fromInnovation = pushThroughInnovationSolve(f.u, noise, damping, innovationOfQ);
      if (model.l2 === 0 || fromInnovation === null) return exact(fromInnovation);
      const fromRegularizer = pushThroughSolve(f.u, noise, damping, x.map((v) => model.l2 * v));
      return exact(fromRegularizer && fromInnovation.map((v, i) => v + fromRegularizer[i]));
    }
    if (f.structure === 'kfac') {
      const out = new Float64Array(q.length);
      const layerSolve = options.kfacDamping === 'split' ? splitDampedSolve : kroneckerSolve;
      for (const [i, layer] of model.layers.entries()) {
        const size = layer.outputs * layer.inputs;
        const solved = layerSolve(f.bases[i], q.subarray(layer.offset, layer.offset + size), mu + model.l2);
        if (!solved) return null;
        out.set(solved, layer.offset);
      }
      return exact(out);
    }
    if (route === 'direct') {
      const r = solveSpd(shifted(f.c, mu), q);
      return exact(r.ok ? r.x : null);
    }
    if (route === 'newton-schulz') {
      const ns = newtonSchulzInverse(shifted(f.c, mu), { previous: previousInverse, tolerance: options.newtonSchulzTolerance, maxIterations: 100 });
      if (!Number.isFinite(ns.residual)) return null;
      previousInverse = ns.inverse;
      return { solution: matVec(ns.inverse, q), inverseDamping: mu, solveTolerance: ns.residual };
    }
    if (f.lazyInverse === null) {
      const inverse = spdInverse(shifted(f.c, mu));
      if (!inverse) return null;
      // ‖(C + μ₀I)⁻¹‖₂ ≤ 1/μ₀ for C ⪰ 0, and ≤ ‖·‖_F always
      f.lazyInverse = { x: inverse, formedAt: mu, normBound: mu > 0 ? Math.min(1 / mu, frobeniusNorm(inverse)) : frobeniusNorm(inverse) };
    }
    const { x: inverse, formedAt, normBound } = f.lazyInverse;
    return { solution: parts.lazyApply(inverse, formedAt, mu, q), inverseDamping: formedAt, solveTolerance: lazyInverseTolerance(normBound, formedAt, mu) };
  };

  return outerIterations(s, options, (start) => {
    const x = start.x;
    // the gradient and HVP calls of the model's batch work (B/N each, supervised-model.ts) join the method's count
    const callsBefore = gradientWork();
    const rows = gradientSampler ? gradientSampler.next() : null;
    const g = rows ? batchGradient(model, x, rows) : s.g;
    const mu = parts.damping(norm2(g), options.rho, options.dampingExponent);
    let q = g;
    if (options.variant === 'reng') {
      const hg = parts.regularizerProduct(model, x, rows ?? everyRow, g);
      q = g.map((v, i) => v + options.rho * hg[i]);
    }
    if (formed === null || start.k % options.lazy === 0) {
      const curvatureRows = curvatureSampler ? curvatureSampler.next() : everyRow;
      batch = { kind: options.curvature, rows: curvatureRows, labels: options.curvature === 'fisher' ? sampleLabels(model, x, curvatureRows, labelDraw) : null };
      formed = form(x, batch);
      formedIteration = start.k;
    }
    const solved = solve(formed, mu, q, (batch as CurvatureBatch).rows.length, innovation(x, start.k), x);
    const kfacSplits = formed.structure === 'kfac' && options.kfacDamping === 'split' ? Float64Array.from(formed.bases, (b) => b.split) : null;
    const direction = solved ? solved.solution.map((v) => -v) : new Float64Array(x.length);
    const record: NaturalGradientFields = {
      batch: rows,
      gradientEstimate: g,
      preconditioned: q,
      curvatureBatch: batch as CurvatureBatch,
      curvatureKind: options.curvature,
      curvatureIteration: formedIteration,
      structure: formed.structure === 'push-through' ? 'dense' : formed.structure,
      kfacSplits,
      rho: options.rho,
      dampingExponent: options.dampingExponent,
      damping: mu,
      inverse: route,
      inverseDamping: solved ? solved.inverseDamping : mu,
      solveTolerance: solved ? solved.solveTolerance : NaN,
      direction,
      stepSize: options.eta,
      variant: options.variant,
    };
    s.gradCalls += gradientWork() - callsBefore;
    if (!solved) return { record, step: null };
    const factor = parts.appliedStepSize(options.eta);
    const h = direction.map((v) => factor * v);
    return { record, step: { to: s.plus(h), h, accepted: true } };
  });
}
