import type { Backend, BackendPoint } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface GradientMethodOptions extends StoppingRule {
  /** B for the step −B⁻¹g/L (identity: the plain gradient method) */
  readonly metric: MetricSpec;
  readonly L0?: number;
  readonly Lmin?: number;
  readonly maxTrials?: number;
}

export interface GradientRecord extends StepSizeFields {
  /** the number of trials of its line search */
  readonly trials: number;
}

/** What the line search's test sees of one trial T = x + step. */
export interface LineSearchTrial {
  readonly fT: number;
  readonly f: number;
  /** ⟨∇f(x), T − x⟩ and ‖T − x‖ */
  readonly gStep: number;
  readonly stepNorm: number;
  readonly L: number;
}

/** true, or why L0 cannot start the line search */
export function initialLProblem(L0: unknown): true | string {
  return typeof L0 === 'number' && L0 > 0 && Number.isFinite(L0) ? true : `L0 must be a finite number > 0, got ${String(L0)}`;
}

/** f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖², evaluated in this order (the descent theorem recomputes it from a record) */
export function quadraticUpperBoundAt(t: Omit<LineSearchTrial, 'fT'>): number {
  return t.f + t.gStep + 0.5 * t.L * t.stepNorm * t.stepNorm;
}

/** The line search's test: the quadratic upper bound f(T) ≤ f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖² (the authors' rule). */
export function quadraticUpperBound(t: LineSearchTrial): boolean {
  return t.fT <= quadraticUpperBoundAt(t);
}

/**
 * The authors' `gradient_method` (epfml/grad-norm-smooth): T = x − B⁻¹∇f(x)/L, accepted when
 * f(T) ≤ f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖², L doubled otherwise (at most `maxTrials`), then
 * L ← max(L/2, Lmin). Its effective γ is ‖g‖_* / L.
 */
export function gradientMethod<V, M>(
  problem: Oracle,
  x0: Float64Array,
  options: GradientMethodOptions,
  backend: Backend<V, M>,
  accepts: (trial: LineSearchTrial) => boolean = quadraticUpperBound,
): Generator<StepRecord & GradientRecord, SolverSummary, void> {
  const s = new SolverState('gradient method', problem, x0, options.metric, backend);
  const maxTrials = options.maxTrials ?? 30;
  const Lmin = options.Lmin ?? 1e-5;
  let L = options.L0 ?? 1;
  const valid = initialLProblem(L);
  if (valid !== true || !(Lmin > 0)) throw new SolverConfigurationError(`gradient method: ${valid === true ? `Lmin must be > 0, got ${Lmin}` : valid}`);
  return outerIterations(s, options, () => {
    const gv = s.gradient.v;
    const direction = s.metric.solve(gv);
    let trials = 0;
    let next: { x: BackendPoint<V>; f: number; h: V; L: number } | null = null;
    let accepted = false;
    while (trials < maxTrials && !accepted) {
      trials++;
      const step = backend.scale(-1 / L, direction);
      const t = s.plus(step);
      const ft = s.f(t);
      // as in the authors' code, the last trial is taken when none is accepted
      next = { x: t, f: ft, h: step, L };
      const stepNorm = s.metric.norm(step);
      accepted = accepts({ fT: ft, f: s.fx, gStep: backend.dot(gv, step), stepNorm, L });
      if (!accepted) L *= 2;
    }
    // the L of the step taken (a fallback step's L is the last one tried, not the doubled one carried on)
    const stepL = next?.L ?? L;
    const record = { L: stepL, stepSize: 1 / stepL, trials };
    L = Math.max(L / 2, Lmin);
    return { record, step: next && { to: next.x, h: next.h, f: next.f, accepted } };
  });
}
