/**
 * A minimal strict-mode GNS with switchable defects, for the power checks only (a property must catch
 * the broken variant). Without a defect it follows Algorithm 1 + the strict search of spec §3.3: λ =
 * ‖g‖_* / γ, accept when f − f⁺ ≥ ‖g⁺‖²_* / (8λ) and double γ, else halve; a failed factorization or a
 * non-finite trial is a rejection; an exhausted search stops the run. Records are in the GnsRecord
 * shape the theorem checks read, and `defectiveRun` wraps them into a ScenarioRun.
 */
import { toDense } from '../../src/hessians/dense-hessian.js';
import type { HessianModel, HessianValue } from '../../src/hessians/hessian-model.js';
import { zeroHessian } from '../../src/hessians/zero.js';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { matVec } from '../../src/linalg/matrix.js';
import { identityMetric } from '../../src/linalg/metric.js';
import { allFinite, dot } from '../../src/linalg/vector.js';
import { InstanceError } from '../../src/problems/family.js';
import type { Instance, MetricSpec } from '../../src/problems/instance.js';
import { metricOf } from '../../src/problems/metric.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { buildInstance } from '../../src/problems/registry.js';
import type { Scenario, ScenarioOutcome } from '../../src/scenarios/scenario.js';
import { scenarioLabel } from '../../src/scenarios/scenario.js';
import { SolverConfigurationError } from '../../src/configuration-error.js';
import type { GnsRecord, GnsTrial } from '../../src/solvers/gns-record.js';
import { hessianModelFor } from '../../src/hessians/catalog.js';

export interface Defect {
  /** the acceptance test f − f⁺ ≥ a⁺²/(C·λ) with this C (8 is correct) */
  readonly acceptConstant?: number;
  /** λ = 1/γ instead of ‖g‖_* / γ */
  readonly lambdaWithoutGradNorm?: boolean;
  /** solve (H + λI)h = −g while measuring every norm in B */
  readonly metricIgnored?: boolean;
  /** at odd k ≥ 1, reuse the previous iteration's step instead of solving */
  readonly staleStep?: boolean;
  /** γ ← factor·γ on acceptance (2 is correct) */
  readonly growth?: number;
  /** rank-one H = α·vvᵀ: Sherman–Morrison with its correction's sign flipped (+1 is correct) */
  readonly shermanMorrisonSign?: number;
  /** record the start-of-iteration γ (the authors' history value) as the accepted γ */
  readonly reportStartGamma?: boolean;
}

/** Sherman–Morrison: h = −(αvvᵀ + λB)⁻¹g = −(B⁻¹g − c·B⁻¹v)/λ, c = α⟨v, B⁻¹g⟩/(λ + α⟨v, B⁻¹v⟩); `sign` −1 is the defect. */
function shermanMorrison(value: Extract<HessianValue, { kind: 'rank-one' }>, lambda: number, metric: ReturnType<typeof metricOf>, g: Float64Array, sign: number): Float64Array {
  const bg = metric.solve(g);
  const bv = metric.solve(value.v);
  const c = (value.alpha * dot(value.v, bg)) / (lambda + value.alpha * dot(value.v, bv));
  return bg.map((x, i) => -(x - sign * c * bv[i]) / lambda);
}

/**
 * A minimal strict-mode GNS (dense H, float64 linalg) with one injected defect, emitting records in the
 * GnsRecord shape the checks read. Without a defect it follows Algorithm 1 + the strict search.
 */
export function defectiveGns(
  problem: Oracle,
  hessian: HessianModel,
  x0: Float64Array,
  o: { metric: MetricSpec; maxIters: number; gamma0?: number; gradTol?: number; fStar?: number; fTol?: number; maxTrials?: number },
  defect: Defect,
): { records: GnsRecord[]; gammaStart: number[]; hessians: HessianValue[]; staleTaken: number[] } {
  const n = problem.dim;
  const metric = metricOf(o.metric, n);
  const solveMetric = defect.metricIgnored ? identityMetric(n) : metric;
  const C = defect.acceptConstant ?? 8;
  const growth = defect.growth ?? 2;
  const maxTrials = o.maxTrials ?? 41;
  const records: GnsRecord[] = [];
  const gammaStart: number[] = [];
  const hessians: HessianValue[] = [];
  let x: Float64Array = x0.slice();
  let f = problem.f(x);
  let g = problem.grad(x);
  let a = metric.dualNorm(g);
  let gamma = o.gamma0 ?? 1;
  let previousStep: Float64Array | null = null;
  const staleTaken: number[] = [];
  for (let k = 0; ; k++) {
    gammaStart.push(gamma);
    if (k >= o.maxIters || (o.gradTol !== undefined && a < o.gradTol) || (o.fStar !== undefined && o.fTol !== undefined && f - o.fStar < o.fTol) || a === 0 || !Number.isFinite(f)) break;
    const value = hessian.at(x, k);
    hessians[k] = value;
    const H = toDense(value, n);
    const start = gamma;
    const trials: GnsTrial[] = [];
    let taken: { lambda: number; h: Float64Array; xNext: Float64Array; fNext: number; gNext: Float64Array; aNext: number; stale: boolean } | null = null;
    let accepted: number | null = null;
    let failures = 0;
    for (let i = 0; i < maxTrials; i++) {
      const lambda = (defect.lambdaWithoutGradNorm ? 1 : a) / gamma;
      let h: Float64Array;
      const stale: boolean = !!(defect.staleStep && previousStep && k % 2 === 1);
      if (stale && previousStep) {
        h = previousStep.slice();
      } else if (defect.shermanMorrisonSign !== undefined && value.kind === 'rank-one') {
        h = shermanMorrison(value, lambda, solveMetric, g, defect.shermanMorrisonSign);
      } else {
        const fac = cholesky(solveMetric.shifted(H, lambda));
        if (!fac.ok) {
          failures++;
          trials.push({ gamma, lambda, outcome: 'not-positive-definite' });
          gamma /= 2;
          continue;
        }
        h = choleskySolve(fac.factor, g.map((v) => -v));
      }
      const xNext = x.map((xi, j) => xi + h[j]);
      const fNext = problem.f(xNext);
      const gNext = problem.grad(xNext);
      const aNext = allFinite(gNext) ? metric.dualNorm(gNext) : NaN;
      if (Number.isFinite(fNext) && Number.isFinite(aNext) && f - fNext >= (aNext * aNext) / (C * lambda)) {
        trials.push({ gamma, lambda, outcome: 'accepted', fNext, gradNormNext: aNext });
        accepted = gamma;
        taken = { lambda, h, xNext, fNext, gNext, aNext, stale };
        gamma *= growth;
        break;
      }
      trials.push({ gamma, lambda, outcome: Number.isFinite(fNext) && Number.isFinite(aNext) ? 'rejected' : 'non-finite', fNext, gradNormNext: aNext });
      gamma /= 2;
    }
    const base = { k, x, f, g, gradNorm: a, gammaStart: start, gammaAccepted: defect.reportStartGamma && accepted !== null ? start : accepted, trials, factorizationFailures: failures, exhausted: accepted === null, accepted: accepted !== null, gradCalls: 0, fCalls: 0 };
    if (!taken) {
      records.push({ ...base, stepTaken: false, lambda: NaN, h: null, stepNorm: NaN, gh: NaN, hHh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN, residualNorm: NaN, sigma: NaN });
      break;
    }
    const Hh = matVec(H, taken.h);
    const resid = taken.gNext.map((v, j) => v - g[j] - Hh[j]);
    const stepNorm = metric.norm(taken.h);
    const residualNorm = metric.dualNorm(resid);
    records.push({
      ...base,
      stepTaken: true,
      lambda: taken.lambda,
      h: taken.h,
      stepNorm,
      gh: dot(g, taken.h),
      hHh: dot(Hh, taken.h),
      fNext: taken.fNext,
      gNext: taken.gNext,
      gradNormNext: taken.aNext,
      residualNorm,
      sigma: residualNorm / (taken.lambda * stepNorm),
    });
    previousStep = taken.h;
    if (taken.stale) staleTaken.push(k);
    x = taken.xNext;
    f = taken.fNext;
    g = taken.gNext;
    a = taken.aNext;
  }
  return { records, gammaStart, hessians, staleTaken };
}

/** The scenario's instance and (possibly wrapped) Hessian model, or why it does not apply. */
export function scenarioSetup(scenario: Scenario, wrapModel?: (m: HessianModel, instance: Instance) => HessianModel): { instance: Instance; model: HessianModel; a0: number } | { skipped: string } {
  let instance: Instance;
  try {
    instance = buildInstance(scenario.instance);
  } catch (e) {
    if (e instanceof InstanceError) return { skipped: e.message };
    throw e;
  }
  let model: HessianModel;
  try {
    model = scenario.hessian === 'zero' ? zeroHessian() : hessianModelFor(scenario.hessian, instance, scenario.perturbations);
  } catch (e) {
    if (e instanceof SolverConfigurationError) return { skipped: e.message };
    throw e;
  }
  if (wrapModel) model = wrapModel(model, instance);
  const a0 = metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
  if (!(a0 > 0)) return { skipped: '∇f(x0) = 0' };
  return { instance, model, a0 };
}

/**
 * The scenario run by `defectiveGns` with `defect` (strict mode: ε = 0, no γ floor), as the ScenarioRun
 * a theorem reads. `exercised` decides whether the defect took effect (else the case is skipped, so
 * the caught fraction counts only runs where the defect applied).
 */
export function defectiveRun(
  scenario: Scenario,
  defect: Defect,
  exercised: (out: ReturnType<typeof defectiveGns>, instance: Instance, model: HessianModel) => boolean | string = () => true,
): ScenarioOutcome {
  const setup = scenarioSetup(scenario);
  if ('skipped' in setup) return { ok: false, skipped: setup.skipped };
  const { instance, model, a0 } = setup;
  const out = defectiveGns(instance.problem, model, instance.x0, { metric: instance.metric, maxIters: scenario.maxIters, gamma0: scenario.gamma0, gradTol: scenario.gradTolRelative * a0 }, defect);
  const why = exercised(out, instance, model);
  if (why !== true) return { ok: false, skipped: typeof why === 'string' ? why : 'the defect was not exercised' };
  return { ok: true, run: traceRun(scenario, instance, model, out, `DEFECT ${JSON.stringify(defect)}`) };
}

/** A defectiveGns trace as a ScenarioRun (strict mode). */
export function traceRun(scenario: Scenario, instance: Instance, model: HessianModel, out: ReturnType<typeof defectiveGns>, tag: string): import('../../src/scenarios/scenario.js').ScenarioRun {
  const metric = metricOf(instance.metric, instance.problem.dim);
  const last = out.records[out.records.length - 1];
  const final =
    last?.stepTaken && last.h ? { x: last.x.map((v, i) => v + (last.h as Float64Array)[i]), f: last.fNext, gradNorm: last.gradNormNext } : { x: last?.x ?? instance.x0, f: last?.f ?? NaN, gradNorm: last?.gradNorm ?? NaN };
  const strict: Scenario = { ...scenario, mode: 'strict' };
  const fs = out.records.map((r) => r.f);
  const as = out.records.map((r) => r.gradNorm);
  if (last?.stepTaken) {
    fs.push(last.fNext);
    as.push(last.gradNormNext);
  }
  return {
    scenario: strict,
    label: `${scenarioLabel(strict)} ${tag}`,
    instance,
    model,
    metric,
    records: out.records,
    summary: {
      status: 'iterations_exceeded',
      iterations: out.records.length,
      x: final.x,
      f: final.f,
      gradNorm: final.gradNorm,
      gradCalls: 0,
      fCalls: 0,
      history: { f: fs, gradNorm: as, gammaStart: out.gammaStart, gradCalls: out.gammaStart.map(() => 0) },
    },
    hessians: out.hessians,
    unitRoundoff: 2 ** -53,
    backend: 'cpu',
    eps: 0,
    gammaMin: 0,
  };
}
