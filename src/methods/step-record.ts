import type { IterationRecord } from '../solvers/iteration-record.js';
import type { KernelId } from '../solvers/isotropic-kernels.js';

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
 */
export const CAPABILITIES = ['regularized-step', 'adaptive-search', 'ideal-gamma', 'step-size', 'descent', 'preconditioner', 'gen-rate'] as const;
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

/** The record fields (and, for the search, the summary's history) each capability promises. */
const PROMISED_FIELDS: Readonly<Record<Capability, readonly string[]>> = {
  'regularized-step': ['lambda', 'hHh', 'residualNorm', 'sigma'],
  'adaptive-search': ['gammaStart', 'gammaAccepted', 'trials', 'factorizationFailures', 'exhausted'],
  'ideal-gamma': ['gammaStart', 'gammaAccepted', 'trials', 'factorizationFailures', 'exhausted'],
  'step-size': ['L', 'stepSize'],
  descent: [],
  preconditioner: ['kernel', 'gamma', 'lambda', 'perturbed'],
  'gen-rate': ['direction', 'preconditioner', 'ratePrevious', 'estimated', 'L0', 'Lplus', 'Lminus', 'fitCurvature', 'fitSlope', 'fitR2', 'candidate', 'rateFromFit', 'rate'],
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
