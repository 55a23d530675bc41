import type { Backend, BackendPoint } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { StepRecord } from '../methods/step-record.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface DampedNewtonOptions extends StoppingRule {
  readonly metric: MetricSpec;
  /** Armijo constant c in f(x + t·d) ≤ f(x) + c·t·⟨g, d⟩ */
  readonly armijo?: number;
  readonly maxBacktracks?: number;
}

export interface DampedNewtonRecord {
  /** the step size t of the line search and the shift δ added when ∇²f was not positive definite */
  readonly stepSize: number;
  readonly shift: number;
}

/**
 * Newton's method with Armijo backtracking, what a user tries first: d = −(∇²f + δB)⁻¹g with δ = 0
 * when ∇²f ≻ 0 and otherwise the first δ = 10ʲ·1e-8·(1 + ‖g‖_*) that factors; t halved from 1.
 */
export function dampedNewton<V, M>(problem: Oracle, x0: Float64Array, options: DampedNewtonOptions, backend: Backend<V, M>): Generator<StepRecord & DampedNewtonRecord, SolverSummary, void> {
  const s = new SolverState('damped Newton', problem, x0, options.metric, backend);
  const c = options.armijo ?? 1e-4;
  const maxBacktracks = options.maxBacktracks ?? 60;
  return outerIterations(s, options, () => {
    const hess = s.oracle.hess(s.point);
    const gv = s.gradient.v;
    const minusG = backend.scale(-1, gv);
    const system = backend.prepareRegularized(hess, s.metric);
    let shift = 0;
    let d: V | null = null;
    for (let j = -1; j < 40 && !d; j++) {
      shift = j < 0 ? 0 : 1e-8 * (1 + s.gradNorm) * 10 ** j;
      const solve = system.solve(shift, minusG);
      if (solve.ok && backend.dot(gv, solve.x) < 0) d = solve.x;
    }
    let next: { x: BackendPoint<V>; f: number; t: number; h: V } | null = null;
    if (d) {
      const slope = backend.dot(gv, d);
      for (let i = 0, t = 1; i < maxBacktracks && !next; i++, t /= 2) {
        const xn = s.pointAt(backend.axpy(t, d, s.point.v));
        const fn = s.f(xn);
        if (fn <= s.fx + c * t * slope) next = { x: xn, f: fn, t, h: backend.scale(t, d) };
      }
    }
    const record = { stepSize: next?.t ?? NaN, shift };
    return { record, step: next && { to: next.x, h: next.h, f: next.f, accepted: true } };
  });
}
