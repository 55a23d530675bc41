import type { Backend, BackendMetric, BackendPoint, RegularizedSystem } from '../backends/backend.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { StepRecord } from '../methods/step-record.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface CubicNewtonOptions extends StoppingRule {
  readonly metric: MetricSpec;
  readonly H0?: number;
  readonly Hmin?: number;
  readonly maxTrials?: number;
}

export interface CubicNewtonRecord {
  readonly H: number;
  readonly trials: number;
  /** r of the step taken: the bisected root of ‖h(r)‖ = r, ‖h‖ ≤ r */
  readonly cubicRadius: number;
}

/**
 * The minimizer of m(h) = ⟨g,h⟩ + ½⟨Ah,h⟩ + (H/6)‖h‖³ is h(r) = −(A + (Hr/2)B)⁻¹g with r = ‖h(r)‖
 * (Nesterov & Polyak 2006). ‖h(r)‖ decreases in r wherever A + (Hr/2)B ≻ 0, so r is bracketed by
 * doubling and then bisected (in log scale) to relative 1e-12.
 */
function cubicStep<V>(system: RegularizedSystem<V>, minusG: V, H: number, metric: BackendMetric<V>): { h: V; r: number } | null {
  const at = (r: number) => {
    const s = system.solve((H * r) / 2, minusG);
    return s.ok ? { h: s.x, norm: metric.norm(s.x) } : null;
  };
  let lo = 0;
  let hi = 1;
  let best: { h: V; r: number } | null = null;
  for (let i = 0; i < 200; i++) {
    const v = at(hi);
    if (v && v.norm <= hi) {
      best = { h: v.h, r: hi };
      break;
    }
    lo = hi;
    hi *= 2;
  }
  if (!best) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = lo === 0 ? hi / 2 : Math.sqrt(lo * hi);
    const v = at(mid);
    if (v && v.norm <= mid) {
      hi = mid;
      best = { h: v.h, r: mid };
    } else {
      lo = mid;
    }
    if (lo === 0 && hi < 1e-300) break;
  }
  return best;
}

/**
 * Adaptive cubic-regularized Newton (the authors' `cubic_newton` in epfml/grad-norm-smooth): accept when
 * f(x + h) ≤ f(x) + m(h); H ← max(H/2, Hmin) on success, 2H otherwise.
 */
export function cubicNewton<V, M>(problem: Oracle, x0: Float64Array, options: CubicNewtonOptions, backend: Backend<V, M>): Generator<StepRecord & CubicNewtonRecord, SolverSummary, void> {
  const s = new SolverState('cubic Newton', problem, x0, options.metric, backend);
  const maxTrials = options.maxTrials ?? 40;
  const Hmin = options.Hmin ?? 1e-5;
  let H = options.H0 ?? 1;
  return outerIterations(s, options, () => {
    const hess = s.oracle.hess(s.point);
    const gv = s.gradient.v;
    // A = ∇²f and B are fixed for all the shifts of the bisections of this iteration
    const system = backend.prepareRegularized(hess, s.metric);
    const minusG = backend.scale(-1, gv);
    let trials = 0;
    let taken: { x: BackendPoint<V>; f: number; H: number; norm: number; h: V } | null = null;
    while (trials < maxTrials && !taken) {
      trials++;
      const step = cubicStep(system, minusG, H, s.metric);
      if (!step) {
        H *= 2;
        continue;
      }
      const xn = s.plus(step.h);
      const fn = s.f(xn);
      const model = backend.dot(gv, step.h) + 0.5 * backend.dot(backend.matVec(hess, step.h), step.h) + (H / 6) * step.r ** 3;
      if (fn <= s.fx + model) {
        taken = { x: xn, f: fn, H, norm: step.r, h: step.h };
        H = Math.max(H / 2, Hmin);
      } else {
        H *= 2;
      }
    }
    const record = { H: taken?.H ?? H, trials, cubicRadius: taken?.norm ?? NaN };
    return { record, step: taken && { to: taken.x, h: taken.h, f: taken.f, accepted: true } };
  });
}
