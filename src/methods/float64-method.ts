import fc from 'fast-check';
import { toDense } from '../hessians/dense-hessian.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import type { Matrix } from '../linalg/matrix.js';
import { allFinite, dot } from '../linalg/vector.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { type SolverStatus, type SolverSummary, stopStatus } from '../solvers/iteration-record.js';
import type { Method, MethodOptions } from './method.js';
import type { Capability, StepRecord } from './step-record.js';

/** What a float64 method's step sees at iteration k: the iterate, f and ∇f there, and the problem's oracle (every call counted). */
export interface StepInput<O extends MethodOptions> {
  readonly k: number;
  readonly x: Float64Array;
  readonly f: number;
  readonly g: Float64Array;
  readonly oracle: { f(x: Float64Array): number; grad(x: Float64Array): Float64Array; hess(x: Float64Array): Matrix };
  /** H_k of the scenario's Hessian model at x (for methods that use one) */
  hessianModel(): Matrix;
  readonly options: O;
}

/** The step of one iteration: h with x_{k+1} = x_k + h and whether the method's own rule accepted it; null: no step can be taken (the run stops, 'stalled'). */
export type StepOutput = { readonly h: Float64Array; readonly accepted: boolean } | null;

export interface Float64MethodSpec<O extends MethodOptions> {
  readonly id: string;
  readonly title?: string;
  /** what the method states beyond the core (e.g. 'descent': its acceptance rule implies f_{k+1} ≤ f_k) */
  readonly capabilities?: readonly Capability[];
  readonly options?: fc.Arbitrary<O>;
  readonly defaults?: O;
  applies?(instance: Instance, model: HessianModel, options: O): true | string;
  step(input: StepInput<O>): StepOutput;
}

/**
 * A method from one step function in float64 (x ↦ h), the way a researcher writes one: the loop,
 * the stopping rule, the records with the core every theorem reads (‖·‖ and ‖·‖_* in the instance's
 * metric B) and honest call counts are the harness's. The step's own oracle calls are counted.
 */
export function float64Method<O extends MethodOptions = MethodOptions>(spec: Float64MethodSpec<O>): Method<O> {
  const defaults = spec.defaults ?? ({} as O);
  return {
    id: spec.id,
    title: spec.title ?? spec.id,
    capabilities: spec.capabilities ?? [],
    options: spec.options ?? fc.constant(defaults),
    defaults,
    applies: spec.applies ?? (() => true),
    *run(input, options): Generator<StepRecord, SolverSummary, void> {
      const n = input.problem.dim;
      const metric = metricOf(input.instance.metric, n);
      const calls = { f: 0, grad: 0 };
      const oracle = {
        f: (x: Float64Array) => (calls.f++, input.problem.f(x)),
        grad: (x: Float64Array) => (calls.grad++, input.problem.grad(x)),
        hess: (x: Float64Array) => input.problem.hess(x),
      };
      let x = input.x0.slice();
      let f = oracle.f(x);
      let g = oracle.grad(x);
      let a = allFinite(g) ? metric.dualNorm(g) : NaN;
      let status: SolverStatus = 'iterations_exceeded';
      let k = 0;
      for (; ; k++) {
        const stop = stopStatus(input.stop, k, f, a);
        if (stop) {
          status = stop;
          break;
        }
        const start = { k, x, f, g, gradNorm: a, gradCalls: calls.grad, fCalls: calls.f };
        const at = x;
        const out = spec.step({ k, x: x.slice(), f, g: g.slice(), oracle, hessianModel: () => toDense(input.model.at(at, k), n), options });
        if (out === null) {
          yield { ...start, stepTaken: false, accepted: false, h: null, stepNorm: NaN, gh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN };
          status = 'stalled';
          k++;
          break;
        }
        const h = Float64Array.from(out.h);
        const xNext = x.map((v, i) => v + h[i]);
        const fNext = oracle.f(xNext);
        const gNext = oracle.grad(xNext);
        const aNext = allFinite(gNext) ? metric.dualNorm(gNext) : NaN;
        yield { ...start, stepTaken: true, accepted: out.accepted, h, stepNorm: metric.norm(h), gh: dot(g, h), fNext, gNext, gradNormNext: aNext };
        x = xNext;
        f = fNext;
        g = gNext;
        a = aNext;
      }
      return { status, iterations: k, x, f, gradNorm: a, gradCalls: calls.grad, fCalls: calls.f };
    },
  };
}
