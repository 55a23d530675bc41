import fc from 'fast-check';
import { cpuBackend } from '../backends/cpu.js';
import { toDense } from '../hessians/dense-hessian.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Instance } from '../problems/instance.js';
import { outerIterations, SolverState } from '../solvers/solver-state.js';
import type { Method, MethodOptions } from './method.js';

/** What a float64 method's step sees at iteration k: the iterate, f and ∇f there, and the problem's oracle (f and ∇f calls counted). */
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
export type StepOutput = { readonly h: ArrayLike<number>; readonly accepted: boolean } | null;

/** Options, when a method has them: their arbitrary, the simplest (`defaults`, required with `options`) and what shrinking tries. */
type OptionsSpec<O extends MethodOptions> = { readonly options?: undefined; readonly defaults?: undefined; readonly simplerOptions?: undefined } | { readonly options: fc.Arbitrary<O>; readonly defaults: O; readonly simplerOptions?: (o: O) => O[] };

export type Float64MethodSpec<O extends MethodOptions> = OptionsSpec<O> & {
  readonly id: string;
  readonly title?: string;
  /**
   * what the method promises beyond the record core: 'descent' (its acceptance rule implies
   * f_{k+1} ≤ f_k). The other capabilities promise record fields a step function does not give.
   */
  readonly capabilities?: readonly 'descent'[];
  validate?(options: O): true | string;
  applies?(instance: Instance, model: HessianModel, options: O): true | string;
  step(input: StepInput<O>): StepOutput;
};

/**
 * A method from one step function in float64 (x ↦ h), the way a researcher writes one: the loop,
 * the stopping rule, the records with the core every theorem reads (‖·‖ and ‖·‖_* in the instance's
 * metric B) and honest call counts are the harness's (`outerIterations`, on the float64 cpu backend).
 */
export function float64Method<O extends MethodOptions = MethodOptions>(spec: Float64MethodSpec<O>): Method<O> {
  const extra = (spec.capabilities ?? []).filter((c) => c !== 'descent');
  if (extra.length > 0) throw new Error(`float64Method '${spec.id}': a step function can promise only 'descent', not ${extra.join(', ')}`);
  const defaults = spec.defaults ?? ({} as O);
  return {
    id: spec.id,
    title: spec.title ?? spec.id,
    capabilities: spec.capabilities ?? [],
    options: spec.options ?? fc.constant(defaults),
    defaults,
    ...(spec.simplerOptions ? { simplerOptions: spec.simplerOptions } : {}),
    ...(spec.validate ? { validate: spec.validate } : {}),
    float64Only: true,
    applies: spec.applies ?? (() => true),
    run(input, options) {
      const backend = cpuBackend();
      const n = input.problem.dim;
      const s = new SolverState(spec.id, input.problem, input.x0, input.instance.metric, backend);
      const oracle = {
        f: (x: Float64Array) => s.f(s.pointAt(backend.vector(x))),
        grad: (x: Float64Array) => s.grad(s.pointAt(backend.vector(x))).g,
        hess: (x: Float64Array) => input.problem.hess(x),
      };
      return outerIterations(s, input.stop, (start) => {
        const at = start.x;
        const out = spec.step({ k: start.k, x: at.slice(), f: start.f, g: s.g.slice(), oracle, hessianModel: () => toDense(input.model.at(at, start.k), n), options });
        if (out === null) return { record: {}, step: null };
        if (out.h.length !== n) throw new Error(`method '${spec.id}': its step has ${out.h.length} entries, the problem has dimension ${n}`);
        const h = backend.vector(Float64Array.from(out.h));
        return { record: {}, step: { to: s.plus(h), h, accepted: out.accepted } };
      });
    },
  };
}
