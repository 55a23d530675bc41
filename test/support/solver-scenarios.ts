/**
 * Scenarios for GNS property tests (test/solvers/properties/): random catalog instance × Hessian model
 * × mode, a run that also keeps the Hessian value H_k the solver used at each iteration; the small pure
 * checks (records in → {ok, worst, where}) for the hard assertions of spec §8.2 are re-exported from
 * the theorem files in src/theory; `runWithParts` runs Algorithm 1 with the power checks' defective
 * parts (properties/power/defective-parts.ts) swapped in.
 *
 * Every check returns `worst` = the largest observed/allowed ratio over the cases it looked at, so
 * `ok` ⇔ worst ≤ 1 (bitwise checks: worst = number of mismatches), and `where` names the worst case.
 */
import fc from 'fast-check';
import { cpuBackend } from '../../src/backends/cpu.js';
import { additivePerturbation } from '../../src/hessians/additive-perturbation.js';
import { applicableHessians, type HessianName, hessianModelFor } from '../../src/hessians/catalog.js';
import { diagonalHessian } from '../../src/hessians/diagonal.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import type { HessianModel, HessianValue } from '../../src/hessians/hessian-model.js';
import { spectralPerturbation } from '../../src/hessians/spectral-perturbation.js';
import { staleHessian } from '../../src/hessians/stale.js';
import { zeroHessian } from '../../src/hessians/zero.js';
import { recordingModel } from '../../src/hessians/recording.js';

export { recordingModel };
import type { Metric } from '../../src/linalg/metric.js';
import { InstanceError } from '../../src/problems/family.js';
import type { Instance, InstanceName } from '../../src/problems/instance.js';
import { metricOf } from '../../src/problems/metric.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { buildInstance, familyById, FAMILIES } from '../../src/problems/registry.js';
import type { GnsRecord, GnsSummary } from '../../src/solvers/gns-record.js';
import { gns, type GnsOptions, runToEnd } from '../../src/solvers/gns.js';
import type { GnsParts } from '../../src/solvers/gns-parts.js';

export const UNIT_ROUNDOFF = 2 ** -53;

/** scenario runs stop once ‖g_k‖_* < GRAD_TOL_RELATIVE·‖g_0‖_* */
export const GRAD_TOL_RELATIVE = 1e-9;

// ───────────────────────────── scenarios ─────────────────────────────

export type ModelId =
  | 'exact'
  | 'gauss-newton'
  | 'fisher-term'
  | 'weighted-gauss-newton'
  | 'empirical-fisher'
  | 'zero'
  | 'additive-psd'
  | 'spectral'
  | 'stale'
  | 'diagonal';

/** The structure-specific models (the catalog decides where they apply), in the order modelsFor lists them. */
const STRUCTURED: readonly (readonly [ModelId, HessianName])[] = [
  ['gauss-newton', 'gauss-newton'],
  ['fisher-term', 'fisher-term'],
  ['weighted-gauss-newton', 'weighted-gauss-newton'],
  ['empirical-fisher', 'fisher'],
];

/** The Hessian models that can be built for an instance (structure-specific ones where src/hessians/catalog.ts says they apply). */
export function modelsFor(instance: Instance): ModelId[] {
  const applies = applicableHessians(instance).names;
  const structured = STRUCTURED.filter(([, name]) => applies.includes(name)).map(([id]) => id);
  return ['exact', 'zero', 'additive-psd', 'spectral', 'stale', 'diagonal', ...structured];
}

export function makeModel(id: ModelId, instance: Instance, seed = 1): HessianModel {
  switch (id) {
    case 'exact':
      return exactHessianOf(instance);
    case 'zero':
      return zeroHessian();
    case 'additive-psd':
      return additivePerturbation(exactHessianOf(instance), instance, { C1: 0.05, C2: 0.5, beta: 0, shape: 'psd', seed });
    case 'spectral':
      return spectralPerturbation(exactHessianOf(instance), instance, 0.3, seed);
    case 'stale':
      return staleHessian(exactHessianOf(instance), instance, 3);
    case 'diagonal':
      return diagonalHessian(instance);
    case 'gauss-newton':
    case 'fisher-term':
    case 'weighted-gauss-newton':
      return hessianModelFor(id, instance);
    case 'empirical-fisher':
      return hessianModelFor('fisher', instance);
  }
}


export interface ScenarioSpec {
  readonly name: InstanceName;
  /** index into modelsFor(instance), taken modulo its length (or the fixed model) */
  readonly modelPick: number | ModelId;
  readonly mode: 'strict' | 'reference';
  readonly maxIters: number;
  readonly gamma0: number;
  readonly modelSeed: number;
}

export interface ScenarioOptions {
  readonly families?: readonly string[];
  readonly models?: readonly ModelId[];
  readonly maxDim?: number;
  readonly modes?: readonly ('strict' | 'reference')[];
  readonly maxIters?: { min: number; max: number };
  readonly gamma0?: readonly number[];
}

export function scenarioArbitrary(o: ScenarioOptions = {}): fc.Arbitrary<ScenarioSpec> {
  const families = (o.families ?? FAMILIES.map((f) => f.id)).map((id) => {
    const f = familyById(id);
    if (!f) throw new Error(`unknown family ${id}`);
    return f;
  });
  const names = fc.oneof(...families.map((f) => f.arbitrary({ maxDim: o.maxDim ?? 12 })));
  const model: fc.Arbitrary<number | ModelId> = o.models ? fc.constantFrom(...o.models) : fc.nat();
  return fc.record({
    name: names,
    modelPick: model,
    mode: fc.constantFrom(...(o.modes ?? (['strict', 'reference'] as const))),
    maxIters: fc.integer(o.maxIters ?? { min: 5, max: 30 }),
    gamma0: fc.constantFrom(...(o.gamma0 ?? [1, 1e-3, 1e3, 0.25])),
    modelSeed: fc.nat({ max: 1000 }),
  });
}

export interface ScenarioRun {
  readonly label: string;
  readonly instance: Instance;
  readonly modelId: string;
  readonly model: HessianModel;
  readonly options: GnsOptions;
  readonly records: GnsRecord[];
  readonly summary: GnsSummary;
  /** H_k as the solver received it, per iteration k */
  readonly hessians: HessianValue[];
  readonly metric: Metric;
}

/** Build and run a scenario; null when the instance cannot be built (an InstanceError), the model does not apply, or ∇f(x0) = 0. */
export function runScenario(spec: ScenarioSpec, extra: Partial<GnsOptions> = {}): ScenarioRun | null {
  let instance: Instance;
  try {
    instance = buildInstance(spec.name);
  } catch (e) {
    if (e instanceof InstanceError) return null;
    throw e;
  }
  const available = modelsFor(instance);
  const id = typeof spec.modelPick === 'number' ? available[spec.modelPick % available.length] : spec.modelPick;
  if (!available.includes(id)) return null;
  const base = makeModel(id, instance, spec.modelSeed);
  // stop at a tolerance above the rounding floor (spec §3.3 defect 2, §8.5): a_k < 1e-9·a_0
  const a0 = metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
  // x0 already stationary: nothing to step (reference mode would divide 0/0, spec §3.3 defect 2)
  if (!(a0 > 0)) return null;
  return runWith(instance, base, { mode: spec.mode, metric: instance.metric, maxIters: spec.maxIters, gamma0: spec.gamma0, gradTol: GRAD_TOL_RELATIVE * a0, ...extra });
}

export function runWith(instance: Instance, base: HessianModel, options: GnsOptions, problem: Oracle = instance.problem): ScenarioRun {
  const { model, values } = recordingModel(base);
  const { records, summary } = runToEnd(gns(problem, model, instance.x0, options, cpuBackend()));
  const label = `${formatLabel(instance.name)} model=${base.id} mode=${options.mode} γ0=${options.gamma0 ?? 1}`;
  return { label, instance, modelId: base.id, model: base, options, records, summary, hessians: values, metric: metricOf(instance.metric, instance.problem.dim) };
}

/** Algorithm 1 in strict mode with `parts` swapped for its own: the records, γ at the start of each iteration and H_k. */
export function runWithParts(instance: Instance, model: HessianModel, options: Omit<GnsOptions, 'mode' | 'parts'>, parts: Partial<GnsParts>): { records: GnsRecord[]; gammaStart: readonly number[]; hessians: HessianValue[] } {
  const run = runWith(instance, model, { ...options, mode: 'strict', parts });
  return { records: run.records, gammaStart: run.summary.history.gammaStart, hessians: run.hessians };
}

function formatLabel(n: InstanceName): string {
  const params = Object.keys(n.params)
    .sort()
    .map((k) => `${k}=${String(n.params[k])}`)
    .join(',');
  return `${n.family}/${params}/n=${n.dim}/seed=${n.seed}`;
}

// The checks live in src/theory (one theorem per file) and the defective GNS in properties/power;
// they are re-exported here so that the solver property tests keep one copy of each.
export {
  allNormal,
  type CheckResult,
  distanceFromIdentity,
  hessianTimes,
  metricCondition,
  minEigenvalueInMetric,
  normInMetric,
  takenTrial,
  WorstCase,
} from '../../src/theory/check-result.js';
export { checkLinearSolve, linearSolveTolerance } from '../../src/theory/linear-solve.js';
export { checkStepBound } from '../../src/theory/step-bound.js';
export { checkLemma1Decrease } from '../../src/theory/lemma1-decrease.js';
export { checkTrialIdentity, trialIdentityBreak } from '../../src/theory/trial-count.js';
export { checkQuadraticRecursion } from '../../src/theory/quadratic-doubling.js';
export { checkRankOneStep } from '../../src/theory/rank-one-step.js';
export { checkScaleInvariance } from '../../src/theory/scale-invariance.js';
export { scaledOracle } from '../../src/scenarios/scaled.js';

/** The scenario stop rule: ‖g‖_* < GRAD_TOL_RELATIVE·‖g(x0)‖_*. */
export function gradTolFor(instance: Instance): number {
  return GRAD_TOL_RELATIVE * metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
}

/** Sample scenario specs deterministically (fast-check `sample` with a fixed seed). */
export function sampleScenarios(o: ScenarioOptions, count: number, seed: number): ScenarioSpec[] {
  return fc.sample(scenarioArbitrary(o), { seed, numRuns: count });
}
