import type { IterationRecord, SolverSummary } from './iteration-record.js';

/** One trial of the adaptive search: λ = ‖g‖_* /γ (+ε in reference mode), h = −(H + λB)⁻¹g. */
export interface GnsTrial {
  readonly gamma: number;
  readonly lambda: number;
  readonly outcome: 'accepted' | 'rejected' | 'not-positive-definite' | 'non-finite';
  /** f(x + h) and ‖∇f(x + h)‖_* when the trial was evaluated */
  readonly fNext?: number;
  readonly gradNormNext?: number;
  /** the bound on ‖(H + λB)h + g‖₂ the backend vouches for (0 for a direct solve; an iterative solve's true residual) */
  readonly solveResidual?: number;
}

/**
 * One outer iteration k of Algorithm 1 (spec §8.1): the state at its start, every trial of the
 * search, and the step taken (if any) with the quantities the theorem checks read.
 */
export interface GnsRecord extends IterationRecord {
  readonly g: Float64Array;
  /** γ before the search (the authors' history value) */
  readonly gammaStart: number;
  /** γ of the accepted trial; null when no trial was accepted */
  readonly gammaAccepted: number | null;
  readonly trials: readonly GnsTrial[];
  readonly factorizationFailures: number;
  /** the search ran out of trials without an accepted one */
  readonly exhausted: boolean;
  /** the step was applied (accepted, or reference mode's last trial after an exhausted search) */
  readonly stepTaken: boolean;
  /** λ of the trial whose step was taken; NaN when none */
  readonly lambda: number;
  readonly h: Float64Array | null;
  /** ‖h‖, ⟨g, h⟩, ⟨H h, h⟩ of the step taken */
  readonly stepNorm: number;
  readonly gh: number;
  readonly hHh: number;
  readonly fNext: number;
  readonly gNext: Float64Array | null;
  readonly gradNormNext: number;
  /** ‖∇f(x+h) − ∇f(x) − H h‖_* and σ = that / (λ‖h‖) */
  readonly residualNorm: number;
  readonly sigma: number;
}

export interface GnsSummary extends SolverSummary {
  /** start-of-iteration history in the authors' semantics, iterations + 1 entries each */
  readonly history: {
    readonly f: readonly number[];
    readonly gradNorm: readonly number[];
    readonly gammaStart: readonly number[];
    readonly gradCalls: readonly number[];
  };
}
