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
import { gns, runToEnd } from '../solvers/gns.js';
import { idealGamma } from '../solvers/ideal-gamma.js';
import type { GnsRecord, GnsSummary } from '../solvers/gns-record.js';
import { applicableHessians, type HessianName, hessianModelFor, type Perturbation } from '../hessians/catalog.js';
import { exactHessianOf } from '../hessians/exact.js';
import { zeroHessian } from '../hessians/zero.js';
import { recordingModel } from '../hessians/recording.js';
import { type AffineMap, affineInstance, affineModel, randomAffineMap } from './affine.js';
import { scaledInstance, scaledModel } from './scaled.js';

/**
 * A scenario names one checked run completely: instance (by its name), Hessian model (with
 * perturbations), GNS mode and settings. It is plain data, so that a replay string can carry it.
 */
export interface Scenario {
  readonly instance: InstanceName;
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
  readonly records: readonly GnsRecord[];
  readonly summary: GnsSummary;
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
 * lower-precision run is rounding (design.md §3, the precision floor). In float64 this is 1.1e-13,
 * under every scenario's gradTolRelative, so float64 runs are unchanged.
 */
export const GRADIENT_FLOOR_ULPS = 1e3;

/** Hessian models that apply to an instance (structure-specific ones where the oracle has the structure). */
export function hessiansFor(instance: Instance): (HessianName | 'zero')[] {
  return [...applicableHessians(instance).names, 'zero'];
}

function modelFor(scenario: Scenario, instance: Instance): HessianModel {
  if (scenario.hessian === 'zero') return zeroHessian();
  return hessianModelFor(scenario.hessian, instance, scenario.perturbations);
}


export function scenarioLabel(s: Scenario): string {
  const p = s.perturbations.map((q) => `+${q.kind}`).join('');
  return `${formatName(s.instance)} H=${s.hessian}${p} mode=${s.mode} γ0=${s.gamma0}${s.gammaRule ? ` γ=${s.gammaRule.ideal}·γ(x)` : ''}${s.scale !== undefined && s.scale !== 1 ? ` c=${s.scale}` : ''}`;
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

/** Wrappers a power check may put around a scenario's run: the problem the solver sees, the model, the instance. */
export interface RunWrappers {
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
 * divide 0/0, spec §3.3). `backend` does the solver's linear algebra (default: float64 cpu).
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
  if (!(a0 > 0)) return { ok: false, skipped: '∇f(x0) = 0' };
  const { model, values, formedByBackend } = recordingModel(base);
  if (scenario.gammaRule && instance.problem.dim > 2) return { ok: false, skipped: 'ideal-γ runs need dimension 1 or 2' };
  const eps = scenario.mode === 'reference' && !scenario.gammaRule ? 1e-8 : 0;
  const gammaMin = scenario.mode === 'reference' && !scenario.gammaRule ? 1e-9 : 0;
  const problem = problemWrapper ? problemWrapper(instance) : instance.problem;
  let run: ReturnType<typeof runToEnd<GnsRecord, GnsSummary>>;
  try {
    run = scenario.gammaRule
      ? runToEnd(idealGamma(problem, model, instance.x0, { theta: scenario.gammaRule.ideal, metric: instance.metric, maxIters: scenario.maxIters, gradTol: scenario.gradTolRelative * a0 }))
      : runToEnd(
          gns(problem, model, instance.x0, { mode: scenario.mode, metric: instance.metric, maxIters: scenario.maxIters, gamma0: scenario.gamma0, eps, gammaMin, gradTol: Math.max(scenario.gradTolRelative, GRADIENT_FLOOR_ULPS * backend.precision.unitRoundoff) * a0 }, backend),
        );
  } catch (e) {
    // e.g. a metric B that is positive definite in float64 but not once rounded to the backend's precision
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: `${e.message} (${backend.name}, ${backend.precision.name})` };
    throw e;
  }
  const { records, summary } = run;
  return {
    ok: true,
    run: { scenario, label: scenarioLabel(scenario), instance, model: base, metric, records, summary, hessians: values, hessiansFormedByBackend: formedByBackend, unitRoundoff: scenario.gammaRule ? cpuBackend().precision.unitRoundoff : backend.precision.unitRoundoff, backend: scenario.gammaRule ? 'cpu' : backend.name, eps, gammaMin, ...(affineMap ? { affineMap } : {}) },
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
 * Random scenarios: a family's instance name, then a Hessian model that applies to that family
 * (drawn from `hessians` if given; `hessiansFor` decides applicability when the scenario runs).
 */
export function scenarioArbitrary(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const families = (o.families ?? FAMILIES.map((f) => f.id)).map((id) => {
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
