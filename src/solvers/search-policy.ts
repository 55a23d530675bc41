import type { BackendGradient, BackendPoint } from '../backends/backend.js';
import type { AdaptiveSearchFields, SearchTrial } from '../methods/step-record.js';
import { allFinite } from '../linalg/vector.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { GnsParts } from './gns-parts.js';
import type { BackendHessian, PreparedStep } from './regularized-step.js';
import type { SolverState } from './solver-state.js';

/** The search's constants of one run: reference mode has the ε and γ_min of the authors' `grad_norm_smooth` (docs/theory.md#algorithm-1-and-its-search). */
export interface SearchRule {
  readonly reference: boolean;
  readonly eps: number;
  readonly gammaMin: number;
  readonly maxTrials: number;
}

/** The search's constants of a mode: reference mode's ε = 1e-8, γ_min = 1e-9 and 41 trials unless given; strict mode has neither ε nor γ_min. */
export function searchRule(o: { readonly mode: 'reference' | 'strict'; readonly eps?: number; readonly gammaMin?: number; readonly maxTrials?: number }): SearchRule {
  const reference = o.mode === 'reference';
  return { reference, eps: reference ? (o.eps ?? 1e-8) : 0, gammaMin: reference ? (o.gammaMin ?? 1e-9) : 0, maxTrials: o.maxTrials ?? 41 };
}

/** A trial evaluated: x⁺ = x + h(λ) with f, ∇f and ‖∇f‖_* there (NaN when ∇f is not finite). */
export interface EvaluatedTrial<V> {
  readonly lambda: number;
  readonly h: V;
  readonly solveResidual: number;
  readonly xNext: BackendPoint<V>;
  readonly fNext: number;
  readonly gNext: BackendGradient<V>;
  readonly aNext: number;
}

export function evaluateTrial<V, M>(s: SolverState<V, M>, lambda: number, step: { readonly h: V; readonly solveResidual: number }): EvaluatedTrial<V> {
  const xNext = s.plus(step.h);
  const fNext = s.f(xNext);
  const gNext = s.grad(xNext);
  const aNext = allFinite(gNext.g) ? s.dualNorm(gNext) : NaN;
  return { lambda, h: step.h, solveResidual: step.solveResidual, xNext, fNext, gNext, aNext };
}

/** The record of an evaluated trial at γ. */
export function searchTrial<V>(gamma: number, outcome: SearchTrial['outcome'], trial: EvaluatedTrial<V>): SearchTrial {
  return { gamma, lambda: trial.lambda, outcome, fNext: trial.fNext, gradNormNext: trial.aNext, solveResidual: trial.solveResidual };
}

/** One outer iteration as a search policy sees it. */
export interface SearchIteration<V, M> {
  readonly state: SolverState<V, M>;
  readonly k: number;
  /** γ carried from the previous iteration (the run's initial γ at k = 0) */
  readonly gamma: number;
  readonly hessian: BackendHessian<V, M>;
  /** h(λ) for this iteration's H, B and g */
  readonly steps: PreparedStep<V>;
  readonly rule: SearchRule;
  readonly parts: GnsParts;
}

/** What one iteration's search found: the record's search fields, the trial whose step is applied (null: none), γ carried on. */
export interface SearchOutcome<V> {
  readonly search: AdaptiveSearchFields;
  readonly taken: EvaluatedTrial<V> | null;
  readonly gammaNext: number;
  /** what the policy adds to the record */
  readonly fields?: Readonly<Record<string, number>>;
}

/** A search policy set up for one run. */
export interface RunSearch {
  /** γ carried into iteration 0 (NaN for a policy that carries none) */
  readonly gamma0: number;
  /** one iteration's search, or null when no step can be computed (the run stalls) */
  iterate<V, M>(iteration: SearchIteration<V, M>): SearchOutcome<V> | null;
}

/** How Algorithm 1 chooses γ_k: the adaptive search (adaptive-search.ts) or the ideal γ_k = θ·γ(x_k) (ideal-gamma.ts). */
export interface SearchPolicy {
  /** the policy for one run; throws SolverConfigurationError where it cannot run */
  start(run: { readonly problem: Oracle; readonly metric: MetricSpec; readonly gamma0: number }): RunSearch;
}
