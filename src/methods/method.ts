import type fc from 'fast-check';
import type { Backend } from '../backends/backend.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import type { Instance } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import type { SolverSummary, StoppingRule } from '../solvers/iteration-record.js';
import type { Capability, StepRecord } from './step-record.js';

/** Options of a method as plain data (so that a scenario, a replay string and a corpus entry carry them). */
export type MethodOptions = Readonly<Record<string, number | string | boolean | undefined>>;

/** What a run of a method is given: the problem (as the harness wraps it), its Hessian model, x0, B, the stopping rule. */
export interface MethodInput<V, M> {
  readonly problem: Oracle;
  /** the scenario's Hessian model, recorded as the method uses it (a method that forms its own curvature ignores it) */
  readonly model: HessianModel;
  readonly instance: Instance;
  readonly x0: Float64Array;
  readonly stop: StoppingRule;
  readonly backend: Backend<V, M>;
}

/**
 * A method under test (cf. benchopt's Solver, Optax's init/update): an id, the capabilities its
 * records carry beyond the StepRecord core, an arbitrary of its options, where it applies, and a run
 * — a generator of one record per outer iteration, returning the summary. A method never knows it
 * is tested: the harness owns the oracle (counting its calls) and reads only the records.
 */
export interface Method<O extends MethodOptions = MethodOptions> {
  readonly id: string;
  readonly title: string;
  /** what its records carry beyond the core (step-record.ts); theorems that assume a capability it lacks are not applicable */
  readonly capabilities: readonly Capability[];
  /** options drawn by properties and simplified by shrinking; `defaults` are the simplest */
  readonly options: fc.Arbitrary<O>;
  readonly defaults: O;
  /** options closer to `defaults` than these, one change at a time (shrinking) */
  simplerOptions?(options: O): O[];
  /**
   * options near these for the targeted search to move to; absent: drawn anew from `options`. A
   * method whose options are set from the instance (e.g. a step 1/L′ with L′ ≥ the instance's L)
   * returns only moves that keep that relation, or none
   */
  neighbourOptions?(options: O): O[];
  /** true, or what is wrong with these options (a bad option is bad input: a replay string or suite naming it is refused) */
  validate?(options: O): true | string;
  /**
   * why a run of this method on this instance may end in non-finite values without a fault (e.g. no
   * convergence guarantee on nonconvex f): such a run is judged on its finite records, not an error;
   * null or absent: a non-finite run is an error unless a theorem names a violation
   */
  mayDiverge?(instance: Instance): string | null;
  /** it computes in float64 whatever the case's backend (its records and slack are float64's) */
  readonly float64Only?: boolean;
  /** it has something to do at a critical point (e.g. it perturbs there): a start with ∇f(x0) = 0 is run, not skipped */
  readonly startsAtCriticalPoints?: boolean;
  /**
   * the method these options make, for a method whose capabilities depend on its options (a solver
   * process declares them): scenarios and theorems see what it returns
   */
  withOptions?(options: O): Method<O>;
  /** true, or why it does not apply (e.g. a Hessian model it cannot use, a dimension it cannot handle) */
  applies(instance: Instance, model: HessianModel, options: O): true | string;
  run<V, M>(input: MethodInput<V, M>, options: O): Generator<StepRecord, SolverSummary, void>;
}
