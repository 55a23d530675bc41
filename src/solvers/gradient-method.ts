import type { Backend, BackendPoint } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { StepRecord, StepSizeFields } from '../methods/step-record.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
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

/**
 * The authors' `gradient_method` (spec §3.4): T = x − B⁻¹∇f(x)/L, accepted when
 * f(T) ≤ f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖², L doubled otherwise (at most `maxTrials`), then
 * L ← max(L/2, Lmin). Its effective γ is ‖g‖_* / L.
 */
export function gradientMethod<V, M>(problem: Oracle, x0: Float64Array, options: GradientMethodOptions, backend: Backend<V, M>): Generator<StepRecord & GradientRecord, SolverSummary, void> {
  const s = new SolverState('gradient method', problem, x0, options.metric, backend);
  const maxTrials = options.maxTrials ?? 30;
  const Lmin = options.Lmin ?? 1e-5;
  let L = options.L0 ?? 1;
  return outerIterations(s, options, () => {
    const gv = s.gradient.v;
    const direction = s.metric.solve(gv);
    let trials = 0;
    let next: { x: BackendPoint<V>; f: number; h: V } | null = null;
    let accepted = false;
    while (trials < maxTrials && !accepted) {
      trials++;
      const step = backend.scale(-1 / L, direction);
      const t = s.plus(step);
      const ft = s.f(t);
      // as in the authors' code, the last trial is taken when none is accepted
      next = { x: t, f: ft, h: step };
      const stepNorm = s.metric.norm(step);
      accepted = ft <= s.fx + backend.dot(gv, step) + 0.5 * L * stepNorm * stepNorm;
      if (!accepted) L *= 2;
    }
    const record = { L, stepSize: 1 / L, trials };
    L = Math.max(L / 2, Lmin);
    return { record, step: next && { to: next.x, h: next.h, f: next.f, accepted } };
  });
}
