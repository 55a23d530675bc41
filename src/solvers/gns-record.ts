import type { AdaptiveSearchFields, RegularizedStepFields, SearchTrial, StepRecord } from '../methods/step-record.js';
import type { SolverSummary } from './iteration-record.js';

/** One trial of the adaptive search (the `adaptive-search` capability's trial). */
export type GnsTrial = SearchTrial;

/**
 * One outer iteration k of Algorithm 1 (docs/theory.md#algorithm-1-and-its-search): the StepRecord core, the regularized step
 * (λ_k, ⟨H_k h, h⟩, the model residual) and the adaptive search (every trial) — the capabilities
 * `regularized-step` and `adaptive-search` (or `ideal-gamma`).
 */
export interface GnsRecord extends StepRecord, RegularizedStepFields, AdaptiveSearchFields {}

/** The record Algorithm 1 reports for an iteration it computed, a part of the method. */
export type RecordReport = <R extends GnsRecord>(record: R) => R;

/** The record as computed. */
export const recordAsComputed: RecordReport = (record) => record;

export interface GnsSummary extends SolverSummary {
  /** start-of-iteration history in the authors' semantics, iterations + 1 entries each */
  readonly history: {
    readonly f: readonly number[];
    readonly gradNorm: readonly number[];
    readonly gammaStart: readonly number[];
    readonly gradCalls: readonly number[];
  };
}
