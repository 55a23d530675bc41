/** What every solver records at the start of each outer iteration k (for rates and reports). */
export interface IterationRecord {
  readonly k: number;
  readonly x: Float64Array;
  readonly f: number;
  readonly gradNorm: number;
  /** oracle calls so far, at the start of the iteration */
  readonly gradCalls: number;
  readonly fCalls: number;
}

export type SolverStatus = 'success' | 'iterations_exceeded' | 'stationary' | 'non-finite' | 'stalled';

export interface SolverSummary {
  readonly status: SolverStatus;
  readonly iterations: number;
  readonly x: Float64Array;
  readonly f: number;
  readonly gradNorm: number;
  /** oracle calls of the whole run */
  readonly gradCalls: number;
  readonly fCalls: number;
}

/** Stopping rules shared by every solver: f − fStar < fTol, ‖∇f‖_* < gradTol, or maxIters. */
export interface StoppingRule {
  readonly maxIters: number;
  readonly fStar?: number;
  readonly fTol?: number;
  readonly gradTol?: number;
}

/** The status at the start of iteration k, or null to go on. */
export function stopStatus(rule: StoppingRule, k: number, f: number, gradNorm: number): SolverStatus | null {
  if (!Number.isFinite(f) || !Number.isFinite(gradNorm)) return 'non-finite';
  if (rule.fStar !== undefined && rule.fTol !== undefined && f - rule.fStar < rule.fTol) return 'success';
  if (rule.gradTol !== undefined && gradNorm < rule.gradTol) return 'success';
  if (k >= rule.maxIters) return 'iterations_exceeded';
  return null;
}
