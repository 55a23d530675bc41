import fc from 'fast-check';
import { cpuBackend } from '../backends/cpu.js';
import type { HessianModel, HessianValue } from '../hessians/hessian-model.js';
import type { Metric } from '../linalg/metric.js';
import { InstanceError } from '../problems/family.js';
import type { Instance, InstanceName } from '../problems/instance.js';
import { formatName } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { buildInstance, familyById, FAMILIES } from '../problems/registry.js';
import { SolverConfigurationError } from '../solvers/configuration-error.js';
import { gns, runToEnd } from '../solvers/gns.js';
import type { GnsRecord, GnsSummary } from '../solvers/gns-record.js';
import { type HessianName, hessianModelFor, type Perturbation } from '../solvers/method-config.js';
import { zeroHessian } from '../hessians/zero.js';

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
  /** the run stops once ‖∇f‖_* < gradTolRelative·‖∇f(x0)‖_* (above the rounding floor) */
  readonly gradTolRelative: number;
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
  /** unit roundoff of the arithmetic the run used */
  readonly unitRoundoff: number;
  readonly eps: number;
  readonly gammaMin: number;
}

export type ScenarioOutcome = { readonly ok: true; readonly run: ScenarioRun } | { readonly ok: false; readonly skipped: string };

/** Hessian models that apply to an instance (structure-specific ones where the oracle has the structure). */
export function hessiansFor(instance: Instance): (HessianName | 'zero')[] {
  const kind = (instance.problem.oracle as { kind?: string }).kind;
  const out: (HessianName | 'zero')[] = ['exact', 'zero', 'diagonal'];
  if (kind === 'nonlinear-equations') out.push('gauss-newton', 'fisher-term');
  if (kind === 'logsumexp') out.push('weighted-gauss-newton');
  if (typeof (instance.problem.oracle as { sampleGradients?: unknown }).sampleGradients === 'function') out.push('fisher');
  return out;
}

function modelFor(scenario: Scenario, instance: Instance): HessianModel {
  if (scenario.hessian === 'zero') return zeroHessian();
  return hessianModelFor(scenario.hessian, instance, scenario.perturbations);
}

/** Wraps a model so that the value it gave at each iteration is kept. */
function recording(base: HessianModel): { model: HessianModel; values: HessianValue[] } {
  const values: HessianValue[] = [];
  return {
    values,
    model: {
      id: base.id,
      certificate: base.certificate,
      at(x, iteration) {
        const v = base.at(x, iteration);
        values[iteration] = v;
        return v;
      },
    },
  };
}

export function scenarioLabel(s: Scenario): string {
  const p = s.perturbations.map((q) => `+${q.kind}`).join('');
  return `${formatName(s.instance)} H=${s.hessian}${p} mode=${s.mode} γ0=${s.gamma0}`;
}

/**
 * Build and run a scenario. Skipped (not an error) when the instance cannot be built from its
 * parameters, the model does not apply to it, or ∇f(x0) = 0 (nothing to do; reference mode would
 * divide 0/0, spec §3.3).
 */
export function runScenario(scenario: Scenario, problemWrapper?: (instance: Instance) => Instance['problem']): ScenarioOutcome {
  let instance: Instance;
  try {
    instance = buildInstance(scenario.instance);
  } catch (e) {
    if (e instanceof InstanceError) return { ok: false, skipped: e.message };
    throw e;
  }
  let base: HessianModel;
  try {
    base = modelFor(scenario, instance);
  } catch (e) {
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: e.message };
    throw e;
  }
  const metric = metricOf(instance.metric, instance.problem.dim);
  const a0 = metric.dualNorm(instance.problem.oracle.grad(instance.x0));
  if (!(a0 > 0)) return { ok: false, skipped: '∇f(x0) = 0' };
  const { model, values } = recording(base);
  const eps = scenario.mode === 'reference' ? 1e-8 : 0;
  const gammaMin = scenario.mode === 'reference' ? 1e-9 : 0;
  const backend = cpuBackend();
  const problem = problemWrapper ? problemWrapper(instance) : instance.problem;
  const { records, summary } = runToEnd(
    gns(problem, model, instance.x0, { mode: scenario.mode, metric: instance.metric, maxIters: scenario.maxIters, gamma0: scenario.gamma0, eps, gammaMin, gradTol: scenario.gradTolRelative * a0 }, backend),
  );
  return {
    ok: true,
    run: { scenario, label: scenarioLabel(scenario), instance, model: base, metric, records, summary, hessians: values, unitRoundoff: backend.precision.unitRoundoff, eps, gammaMin },
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
