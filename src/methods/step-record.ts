import type { IterationRecord } from '../solvers/iteration-record.js';
import type { KernelId } from '../solvers/isotropic-kernels.js';
import type { CurvatureBatch, CurvatureKind } from '../problems/curvature.js';

/**
 * What every method records for its outer iteration k, whatever the method: the state at the start
 * (x_k, f_k, ∇f_k, ‖∇f_k‖_*, the oracle calls so far) and the step it took. A theorem that needs
 * nothing else runs on every method.
 */
export interface StepRecord extends IterationRecord {
  readonly g: Float64Array;
  /** the step was applied: x_{k+1} = x_k + h_k */
  readonly stepTaken: boolean;
  /** the method's own acceptance rule passed for the step taken (false for a fallback step, e.g. an exhausted search's last trial) */
  readonly accepted: boolean;
  /** the step taken, null when none */
  readonly h: Float64Array | null;
  /** ‖h_k‖ and ⟨∇f_k, h_k⟩ of the step taken (NaN when none) */
  readonly stepNorm: number;
  readonly gh: number;
  /** f, ∇f and ‖∇f‖_* at x_k + h_k as the method evaluated them (NaN / null when none) */
  readonly fNext: number;
  readonly gNext: Float64Array | null;
  readonly gradNormNext: number;
}

/**
 * What only some methods have, declared by the method and read only by theorems that assume it:
 * - `regularized-step`: h = −(H_k + λ_kB)⁻¹∇f_k with the run's Hessian model (RegularizedStepFields; H_k in ScenarioRun.hessians)
 * - `adaptive-search`: the γ search of Algorithm 1 with its trials (AdaptiveSearchFields)
 * - `ideal-gamma`: γ_k = θ·γ(x_k) computed, no search (AdaptiveSearchFields with one accepted trial)
 * - `step-size`: h = −B⁻¹∇f_k/L_k, and an accepted step passed f(x + h) ≤ f + ⟨∇f, h⟩ + (L_k/2)‖h‖² (StepSizeFields)
 * - `descent`: every accepted step decreases f (the method's acceptance rule implies f_{k+1} ≤ f_k)
 * - `preconditioner`: h = −γ·∇φ*(λ∇f_k) with φ = h(‖·‖) for the recorded kernel h, or a perturbation ξ_k where `perturbed` (PreconditionerFields)
 * - `gen-rate`: h = −η_k·d_k with GeN's rate η_k estimated along the direction d_k (GenRateFields)
 * - `natural-gradient`: h = η·δ_k with δ_k = −(C + μ_kI)⁻¹q_k for a batch curvature C of a supervised model, by the recorded route (NaturalGradientFields)
 * - `diagonal-scaling`: an Adam-like step h = −α·m̂_k/(√ŝ_k + ε) whose second moment accumulates the recorded d_k (DiagonalScalingFields)
 */
export const CAPABILITIES = ['regularized-step', 'adaptive-search', 'ideal-gamma', 'step-size', 'descent', 'preconditioner', 'gen-rate', 'natural-gradient', 'diagonal-scaling'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** One trial of the adaptive search: λ = ‖g‖_* /γ (+ε in reference mode), h = −(H + λB)⁻¹g. */
export interface SearchTrial {
  readonly gamma: number;
  readonly lambda: number;
  readonly outcome: 'accepted' | 'rejected' | 'not-positive-definite' | 'non-finite';
  /** f(x + h) and ‖∇f(x + h)‖_* when the trial was evaluated */
  readonly fNext?: number;
  readonly gradNormNext?: number;
  /** the bound on ‖(H + λB)h + g‖₂ the backend vouches for (0 for a direct solve; an iterative solve's true residual) */
  readonly solveResidual?: number;
}

/** `regularized-step`: λ_k of the step taken, ⟨H_k h, h⟩, and the model residual ‖∇f(x+h) − ∇f(x) − H_k h‖_* with σ = that/(λ‖h‖). */
export interface RegularizedStepFields {
  readonly lambda: number;
  readonly hHh: number;
  readonly residualNorm: number;
  readonly sigma: number;
}

/** `adaptive-search` / `ideal-gamma`: γ before the search, γ of the accepted trial (null: none), every trial. */
export interface AdaptiveSearchFields {
  readonly gammaStart: number;
  readonly gammaAccepted: number | null;
  readonly trials: readonly SearchTrial[];
  readonly factorizationFailures: number;
  /** the search ran out of trials without an accepted one */
  readonly exhausted: boolean;
}

/** `step-size`: h = −t·B⁻¹∇f with t = 1/L, L the constant of the quadratic upper bound an accepted step passed. */
export interface StepSizeFields {
  readonly L: number;
  readonly stepSize: number;
}

/**
 * `preconditioner`: the kernel h of φ = h(‖·‖), γ and λ of the step h_k = −γ·∇φ*(λ∇f_k)
 * (src/solvers/isotropic-kernels.ts); `perturbed`: h_k is instead a perturbation ξ_k drawn by the method.
 */
export interface PreconditionerFields {
  readonly kernel: KernelId;
  readonly gamma: number;
  readonly lambda: number;
  readonly perturbed: boolean;
}

/**
 * `gen-rate`: the direction d_k, the rate η_{k−1} it started from (the probe step), the estimate made
 * this iteration (fitted ½aη² − bη, its candidate b/a, the probed losses; NaN where none was made)
 * and whether η_k came from it; the step taken is h_k = −η_k·d_k.
 */
export interface GenRateFields {
  readonly direction: Float64Array;
  /** P of d = P∇f (its diagonal) for a preconditioned direction, else null */
  readonly preconditioner: Float64Array | null;
  readonly ratePrevious: number;
  /** an estimate was made this iteration (every Φ-th iteration) */
  readonly estimated: boolean;
  readonly L0: number;
  readonly Lplus: number;
  readonly Lminus: number;
  readonly fitCurvature: number;
  readonly fitSlope: number;
  readonly fitR2: number;
  readonly candidate: number;
  readonly rateFromFit: boolean;
  readonly rate: number;
  /** the minibatch rows of L₀, L₊, L₋ (null: the full batch, L₀ = f(x)) */
  readonly batch: Uint32Array | null;
}

/**
 * `natural-gradient` (RING, RENG, R-Kalman; src/solvers/natural-gradient*.ts): δ_k = −(C_k + μ_kI)⁻¹q_k,
 * h_k = η·δ_k, where C_k is the curvature of `curvatureBatch` at x of iteration `curvatureIteration`
 * (src/problems/curvature.ts; < k where a lazy inverse is reused) in the recorded `structure`, and
 * μ_k = ρ‖g_k‖^α is the gradient-regularization damping (α = 2: GRNG; the family λ = c‖g‖^α of
 * src/solvers/gradient-damping.ts). The inverse route: a direct solve, Newton–Schulz iterations, a lazy
 * inverse formed at damping `inverseDamping` with the first-order correction, or the push-through
 * (Kalman) form in the batch's dual space.
 */
export interface NaturalGradientFields {
  /** rows of the gradient estimate (null: the full batch) */
  readonly batch: Uint32Array | null;
  /** g_k, the (minibatch) gradient of the loss at x_k */
  readonly gradientEstimate: Float64Array;
  /** q_k, the vector preconditioned: g_k, or RENG's g_k + ρ·∇²L_batch(x_k)·g_k */
  readonly preconditioned: Float64Array;
  readonly curvatureBatch: CurvatureBatch;
  readonly curvatureKind: CurvatureKind;
  /** the iteration whose x the curvature (and the inverse in use) was formed at */
  readonly curvatureIteration: number;
  readonly structure: 'dense' | 'kfac' | 'diagonal';
  /** K-FAC's damping split π per layer, the factors being (Γ + (√τ/π)I) ⊗ (Λ + π√τ·I) with τ = μ + l2 (the factors leave the model's l2 out; null for other structures or damping on the whole block) */
  readonly kfacSplits: Float64Array | null;
  readonly rho: number;
  readonly dampingExponent: number;
  /** μ_k = ρ‖g_k‖^α */
  readonly damping: number;
  readonly inverse: 'direct' | 'newton-schulz' | 'lazy' | 'push-through';
  /** μ at which the inverse in use was formed (= damping unless lazy) */
  readonly inverseDamping: number;
  /** the bound on ‖(C + μI)δ + q‖/‖q‖ the route promises beyond rounding (Newton–Schulz's stopping residual; 0 for a direct solve) */
  readonly solveTolerance: number;
  /** δ_k */
  readonly direction: Float64Array;
  /** η */
  readonly stepSize: number;
  /** which step: RING's, RENG's (q = g + ρ∇²L·g) or R-Kalman's (push-through) */
  readonly variant: 'ring' | 'reng' | 'r-kalman';
}

/**
 * `diagonal-scaling` (Adam, LEHI, LEHIBRID; src/solvers/diagonal-scaling*.ts): the step from the
 * minibatch gradient g_k, the vector d_k the second moment accumulates (g∘g for Adam, c_B·h∘h for
 * LEHI's imitation h = (1/B)Σ Jᵢᵀvᵢ, max(g∘g, c_B·h∘h) for the hybrid), the moments after the update,
 * and the constants; `form` is PyTorch Adam's (bias-corrected EMAs) or Défossez et al.'s (sums, αₙ).
 */
export interface DiagonalScalingFields {
  readonly batch: Uint32Array | null;
  readonly gradientEstimate: Float64Array;
  readonly accumulator: 'squared-gradient' | 'imitation' | 'hybrid';
  readonly accumulated: Float64Array;
  /** h_k, null for Adam */
  readonly imitation: Float64Array | null;
  /** the labels ŷᵢ (or signs) the imitation vectors vᵢ were drawn with, null where deterministic or Adam */
  readonly imitationLabels: Float64Array | null;
  /** c_B */
  readonly batchScale: number;
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** α of this iteration (Défossez's αₙ where that form is used) */
  readonly stepSize: number;
  readonly form: 'adam' | 'defossez';
}

/** The record fields (and, for the search, the summary's history) each capability promises. */
const PROMISED_FIELDS: Readonly<Record<Capability, readonly string[]>> = {
  'regularized-step': ['lambda', 'hHh', 'residualNorm', 'sigma'],
  'adaptive-search': ['gammaStart', 'gammaAccepted', 'trials', 'factorizationFailures', 'exhausted'],
  'ideal-gamma': ['gammaStart', 'gammaAccepted', 'trials', 'factorizationFailures', 'exhausted'],
  'step-size': ['L', 'stepSize'],
  descent: [],
  preconditioner: ['kernel', 'gamma', 'lambda', 'perturbed'],
  'gen-rate': ['direction', 'preconditioner', 'ratePrevious', 'estimated', 'L0', 'Lplus', 'Lminus', 'fitCurvature', 'fitSlope', 'fitR2', 'candidate', 'rateFromFit', 'rate'],
  'natural-gradient': ['batch', 'gradientEstimate', 'preconditioned', 'curvatureBatch', 'curvatureKind', 'curvatureIteration', 'structure', 'kfacSplits', 'rho', 'dampingExponent', 'damping', 'inverse', 'inverseDamping', 'solveTolerance', 'direction', 'stepSize', 'variant'],
  'diagonal-scaling': ['batch', 'gradientEstimate', 'accumulator', 'accumulated', 'imitation', 'imitationLabels', 'batchScale', 'firstMoment', 'secondMoment', 'beta1', 'beta2', 'epsilon', 'stepSize', 'form'],
};

/** The first field a declared capability promises that a record lacks ("record k=3 has no 'L'"), or null. */
export function missingPromisedField(capabilities: readonly Capability[], records: readonly StepRecord[], summary: object): string | null {
  for (const c of capabilities) {
    for (const r of records) {
      const field = PROMISED_FIELDS[c].find((f) => !(f in r));
      if (field) return `declares ${c} but its record k=${r.k} has no '${field}'`;
    }
    if ((c === 'adaptive-search' || c === 'ideal-gamma') && !('history' in summary)) return `declares ${c} but its summary has no 'history' (γ at the start of each iteration)`;
  }
  return null;
}
