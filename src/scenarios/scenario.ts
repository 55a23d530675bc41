import fc from 'fast-check';
import { cpuBackend } from '../backends/cpu.js';
import type { AnyBackend } from '../backends/backend.js';
import type { HessianModel, HessianValue } from '../hessians/hessian-model.js';
import type { Metric } from '../linalg/metric.js';
import { InstanceError } from '../problems/family.js';
import type { Instance, InstanceName } from '../problems/instance.js';
import { formatName } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { buildInstance, familyById, FAMILIES } from '../problems/registry.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { runToEnd } from '../solvers/gns.js';
import type { SolverSummary } from '../solvers/iteration-record.js';
import { missingPromisedField, type StepRecord } from '../methods/step-record.js';
import type { Method, MethodOptions } from '../methods/method.js';
import { methodById } from '../methods/registry.js';
import { gnsIdealMethod, gnsMethod, type GnsOptions } from '../methods/gns.js';
import { searchRule } from '../solvers/search-policy.js';
import { SOLVER_PROCESS_ID } from '../solver-process/process-method.js';
import { type HessianName, hessianModelFor, type Perturbation } from '../hessians/catalog.js';
import { exactHessianOf } from '../hessians/exact.js';
import { zeroHessian } from '../hessians/zero.js';
import { recordingModel } from '../hessians/recording.js';
import { type AffineMap, affineInstance, affineModel, randomAffineMap } from './affine.js';
import { scaledInstance, scaledModel } from './scaled.js';

/** A method named by its registry id (src/methods/registry.ts) with its options, as plain data. */
export interface MethodChoice {
  readonly id: string;
  readonly options?: MethodOptions;
}

/**
 * A scenario names one checked run completely: instance (by its name), Hessian model (with
 * perturbations), the method and its options, the stopping rule. It is plain data, so that a
 * replay string can carry it. Without `method` it is Algorithm 1 — adaptive with `mode` and
 * `gamma0`, or ideal-γ with `gammaRule` — the scenarios of replay strings and corpus entries
 * written before methods were named; with `method`, `mode`, `gamma0` and `gammaRule` are not read.
 */
export interface Scenario {
  readonly instance: InstanceName;
  /** the method under test (absent: Algorithm 1, see above) */
  readonly method?: MethodChoice;
  readonly hessian: HessianName | 'zero';
  readonly perturbations: readonly Perturbation[];
  readonly mode: 'reference' | 'strict';
  readonly gamma0: number;
  readonly maxIters: number;
  /**
   * the run stops once ‖∇f‖_* < gradTolRelative·‖∇f(x0)‖_* (above the rounding floor), or below the
   * precision floor of the backend's arithmetic (GRADIENT_FLOOR_ULPS)
   */
  readonly gradTolRelative: number;
  /** ideal regularization γ_k = θ·γ(x_k) instead of the adaptive search (1-D/2-D; src/solvers/ideal-gamma.ts) */
  readonly gammaRule?: { readonly ideal: number };
  /**
   * run on c·f with c = scale (a power of two; default 1): f, ∇f, ∇²f, hvp and the Hessian model's
   * values are all multiplied by c through wrappers, and the certificates restated (scaled.ts)
   */
  readonly scale?: number;
  /** run in y-coordinates x = Ty + b with (T, b) = randomAffineMap(n, affine) (affine.ts, A10(ii)) */
  readonly affine?: number;
}

/** A finished scenario: the trace and everything a theorem check may read. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly label: string;
  readonly instance: Instance;
  readonly model: HessianModel;
  readonly metric: Metric;
  /** the method that ran, with the options it ran with (theorems read its capabilities) */
  readonly method: Method;
  readonly methodOptions: MethodOptions;
  readonly records: readonly StepRecord[];
  readonly summary: SolverSummary;
  /** H_k exactly as the solver received it, per iteration k */
  readonly hessians: readonly HessianValue[];
  /** the iterations whose H_k the backend formed itself (e.g. ∇²f on tensors), not the model's float64 value */
  readonly hessiansFormedByBackend?: ReadonlySet<number>;
  /** unit roundoff of the arithmetic the run used */
  readonly unitRoundoff: number;
  /** the backend that did the solver's linear algebra */
  readonly backend: string;
  readonly eps: number;
  readonly gammaMin: number;
  /** the run of the property's companion scenario (e.g. the same scenario on c·f), set by checkRun/checkProperty */
  readonly companion?: ScenarioRun;
  /** the affine map of an `affine` scenario: its iterates y_k correspond to x_k = Ty_k + b */
  readonly affineMap?: AffineMap;
}

export type ScenarioOutcome = { readonly ok: true; readonly run: ScenarioRun } | { readonly ok: false; readonly skipped: string };

/**
 * A run on a backend with unit roundoff u also stops once ‖∇f‖_* < 1e3·u·‖∇f(x0)‖_*: below that, ∇f of a
 * lower-precision run is rounding (docs/theory.md#rounding-allowances-and-the-precision-floor). In float64 this is 1.1e-13,
 * under every scenario's gradTolRelative, so float64 runs are unchanged.
 */
export const GRADIENT_FLOOR_ULPS = 1e3;

function modelFor(scenario: Scenario, instance: Instance): HessianModel {
  if (scenario.hessian === 'zero') return zeroHessian();
  return hessianModelFor(scenario.hessian, instance, scenario.perturbations);
}


export function scenarioLabel(s: Scenario): string {
  const p = s.perturbations.map((q) => `+${q.kind}`).join('');
  const method = s.method ? ` method=${s.method.id}${Object.entries(s.method.options ?? {}).map(([k, v]) => ` ${k}=${v}`).join('')}` : ` mode=${s.mode} γ0=${s.gamma0}${s.gammaRule ? ` γ=${s.gammaRule.ideal}·γ(x)` : ''}`;
  return `${formatName(s.instance)} H=${s.hessian}${p}${method}${s.scale !== undefined && s.scale !== 1 ? ` c=${s.scale}` : ''}`;
}

/**
 * The method a scenario names, with its options: the registry's method with its defaults overridden
 * by the scenario's options, or Algorithm 1 from the scenario's own fields; an error for an unknown id
 * or option.
 */
export function scenarioMethod(s: Scenario): { readonly method: Method; readonly options: MethodOptions } {
  if (!s.method) return s.gammaRule ? { method: gnsIdealMethod(), options: { theta: s.gammaRule.ideal } } : { method: gnsMethod(), options: { mode: s.mode, gamma0: s.gamma0 } };
  const method = methodById(s.method.id);
  if (!method) throw new SolverConfigurationError(`unknown method '${s.method.id}'`);
  const options = { ...method.defaults, ...(s.method.options ?? {}) };
  for (const key of Object.keys(options)) {
    if (!(key in method.defaults)) throw new SolverConfigurationError(`method '${method.id}' has no option '${key}' (it has: ${Object.keys(method.defaults).join(', ') || 'none'})`);
  }
  const valid = method.validate?.(options) ?? true;
  if (valid !== true) throw new SolverConfigurationError(`method '${method.id}': ${valid}`);
  return { method: method.withOptions?.(options) ?? method, options };
}

/**
 * Which method a run's results are filed under in summaries (theorem × method × family): the
 * registry id, with Algorithm 1's variants told apart (reference, strict, H ≡ 0, ideal-γ).
 */
export function methodLabel(s: Scenario): string {
  const id = s.method?.id ?? (s.gammaRule ? 'gns-ideal' : 'gns');
  if (id === SOLVER_PROCESS_ID) return `process: ${String(s.method?.options?.command)}`;
  if (id !== 'gns') return id;
  const mode = s.method ? ({ ...gnsMethod().defaults, ...s.method.options }.mode ?? 'strict') : s.mode;
  return s.hessian === 'zero' ? `gns-${String(mode)}-h0` : `gns-${String(mode)}`;
}

/** The instance a name describes, or the reason it cannot be built (a skip, not an error). */
export function instanceOrSkip(name: InstanceName): { readonly ok: true; readonly instance: Instance } | { readonly ok: false; readonly skipped: string } {
  try {
    return { ok: true, instance: buildInstance(name) };
  } catch (e) {
    if (e instanceof InstanceError) return { ok: false, skipped: e.message };
    throw e;
  }
}

/** Wrappers a power check may put around a scenario's run: the method, the problem it sees, the model, the instance. */
export interface RunWrappers {
  /** the method that runs instead of the scenario's (e.g. Algorithm 1 with a swapped part), with the scenario's options */
  readonly method?: Method;
  /** the instance the run (and every theorem) sees, e.g. with a false certificate; applied after `scale` */
  readonly instance?: (instance: Instance) => Instance;
  /** the Hessian model the solver uses (its certificate is what the theorems read) */
  readonly model?: (model: HessianModel, instance: Instance) => HessianModel;
  /** the problem the solver calls (theorems still read the instance's own oracle) */
  readonly problem?: (instance: Instance) => Instance['problem'];
}

/**
 * Build and run a scenario. Skipped (not an error) when the instance cannot be built from its
 * parameters, the model does not apply to it, or ∇f(x0) = 0 (nothing to do; reference mode would
 * divide 0/0) for a method that does not start at critical points (`startsAtCriticalPoints`).
 * `backend` does the solver's linear algebra (default: float64 cpu).
 */
export function runScenario(scenario: Scenario, wrappers?: RunWrappers | ((instance: Instance) => Instance['problem']), backend: AnyBackend = cpuBackend()): ScenarioOutcome {
  const w: RunWrappers = typeof wrappers === 'function' ? { problem: wrappers } : (wrappers ?? {});
  const scale = scenario.scale ?? 1;
  if (!(scale > 0) || 2 ** Math.round(Math.log2(scale)) !== scale) return { ok: false, skipped: `scale ${scale} is not a power of two` };
  const made = instanceOrSkip(scenario.instance);
  if (!made.ok) return made;
  const built = made.instance;
  let instance = scaledInstance(built, scale);
  const affineMap = scenario.affine === undefined ? undefined : randomAffineMap(instance.problem.dim, scenario.affine);
  if (affineMap) {
    const transformed = affineInstance(instance, affineMap);
    if (!transformed) return { ok: false, skipped: 'the affine map is numerically singular' };
    instance = transformed;
  }
  let base: HessianModel;
  try {
    // structure-specific models are built from the plain instance, then scaled by c and moved into
    // y-coordinates; the plain exact model is ∇² of the very problem the solver runs (c·Tᵀ∇²f·T), so
    // that a backend forming ∇² itself forms it
    if (scenario.hessian === 'exact' && scenario.perturbations.length === 0) base = exactHessianOf(instance);
    else {
      base = scaledModel(modelFor(scenario, built), scale);
      if (affineMap) base = affineModel(base, affineMap);
    }
  } catch (e) {
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: e.message };
    throw e;
  }
  if (w.instance) instance = w.instance(instance);
  if (w.model) base = w.model(base, instance);
  const problemWrapper = w.problem;
  const metric = metricOf(instance.metric, instance.problem.dim);
  const a0 = metric.dualNorm(instance.problem.oracle.grad(instance.x0));
  const { model, values, formedByBackend } = recordingModel(base);
  let chosen: { readonly method: Method; readonly options: MethodOptions };
  try {
    const named = scenarioMethod(scenario);
    chosen = w.method ? { method: w.method, options: named.options } : named;
  } catch (e) {
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: e.message };
    throw e;
  }
  const { method, options } = chosen;
  if (!(a0 > 0) && !(a0 === 0 && method.startsAtCriticalPoints)) return { ok: false, skipped: '∇f(x0) = 0' };
  const applies = method.applies(instance, base, options);
  if (applies !== true) return { ok: false, skipped: applies };
  const runBackend = method.float64Only ? cpuBackend() : backend;
  // ε and γ_min of the adaptive search's mode (the ideal policy and other methods have neither)
  const { eps, gammaMin } = method.capabilities.includes('adaptive-search') ? searchRule(options as GnsOptions) : { eps: 0, gammaMin: 0 };
  const problem = problemWrapper ? problemWrapper(instance) : instance.problem;
  const gradTol = Math.max(scenario.gradTolRelative, GRADIENT_FLOOR_ULPS * runBackend.precision.unitRoundoff) * a0;
  let run: { records: StepRecord[]; summary: SolverSummary };
  try {
    run = runToEnd(method.run({ problem, model, instance, x0: instance.x0, stop: { maxIters: scenario.maxIters, gradTol }, backend: runBackend }, options));
  } catch (e) {
    // e.g. a metric B that is positive definite in float64 but not once rounded to the backend's precision
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: `${e.message} (${runBackend.name}, ${runBackend.precision.name})` };
    throw e;
  }
  const { records, summary } = run;
  // a method that declares a capability promises its fields: without them a theorem would read what is not there
  const missing = missingPromisedField(method.capabilities, records, summary);
  if (missing !== null) throw new Error(`method '${method.id}' ${missing}`);
  return {
    ok: true,
    run: { scenario, label: scenarioLabel(scenario), instance, model: base, metric, method, methodOptions: options, records, summary, hessians: values, hessiansFormedByBackend: formedByBackend, unitRoundoff: runBackend.precision.unitRoundoff, backend: runBackend.name, eps, gammaMin, ...(affineMap ? { affineMap } : {}) },
  };
}

export interface ScenarioOptions {
  readonly families?: readonly string[];
  readonly hessians?: readonly (HessianName | 'zero')[];
  readonly perturbations?: fc.Arbitrary<readonly Perturbation[]>;
  readonly maxDim?: number;
  readonly modes?: readonly ('strict' | 'reference')[];
  readonly maxIters?: { readonly min: number; readonly max: number };
  readonly gamma0?: readonly number[];
  readonly gradTolRelative?: number;
}

/**
 * Random scenarios: an instance name of one of `families` (default: every family drawn by default, Family.drawnByDefault), then a Hessian model that applies to that family
 * (drawn from `hessians` if given; the Hessian catalog decides applicability when the scenario runs).
 */
export function scenarioArbitrary(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const families = (o.families ?? FAMILIES.filter((f) => f.drawnByDefault !== false).map((f) => f.id)).map((id) => {
    const f = familyById(id);
    if (!f) throw new Error(`scenarioArbitrary: unknown family '${id}'`);
    return f;
  });
  return fc.record({
    instance: fc.oneof(...families.map((f) => f.arbitrary({ maxDim: o.maxDim ?? 12 }))),
    hessian: fc.constantFrom(...(o.hessians ?? (['exact'] as const))),
    perturbations: o.perturbations ?? fc.constant([]),
    mode: fc.constantFrom(...(o.modes ?? (['strict', 'reference'] as const))),
    gamma0: fc.constantFrom(...(o.gamma0 ?? [1, 1e-3, 1e3, 0.25])),
    maxIters: fc.integer(o.maxIters ?? { min: 5, max: 30 }),
    gradTolRelative: fc.constant(o.gradTolRelative ?? 1e-9),
  });
}
