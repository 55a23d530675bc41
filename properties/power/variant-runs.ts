/**
 * Scenario runs with a deliberate defect, for power checks: the adaptive search of Algorithm 1 with
 * a wrong acceptance constant, an ideal-γ run that overshoots γ(x_k) or drops ‖g‖ from λ, and a run
 * handed to the checks with a broken oracle Hessian or a false certificate. Each returns the same
 * ScenarioOutcome shape as `runScenario`, so the unmodified theorems read them.
 */
import { recordingModel } from '../../src/hessians/recording.js';
import { toDense } from '../../src/hessians/dense-hessian.js';
import type { HessianCertificate, HessianModel, HessianValue } from '../../src/hessians/hessian-model.js';
import { zeroHessian } from '../../src/hessians/zero.js';
import { solveSpd } from '../../src/linalg/cholesky.js';
import { matrix } from '../../src/linalg/matrix.js';
import { allFinite } from '../../src/linalg/vector.js';
import type { Instance } from '../../src/problems/instance.js';
import { metricOf } from '../../src/problems/metric.js';
import type { Problem } from '../../src/problems/oracle.js';
import type { Scenario, ScenarioOutcome, ScenarioRun } from '../../src/scenarios/scenario.js';
import { instanceOrSkip, scenarioLabel } from '../../src/scenarios/scenario.js';
import { SolverConfigurationError } from '../../src/configuration-error.js';
import { runToEnd } from '../../src/solvers/gns.js';
import type { GnsRecord, GnsSummary, GnsTrial } from '../../src/solvers/gns-record.js';
import { idealGamma, type IdealGammaOptions } from '../../src/solvers/ideal-gamma.js';
import type { SolverStatus } from '../../src/solvers/iteration-record.js';
import { hessianModelFor } from '../../src/hessians/catalog.js';
import { dot } from '../../src/linalg/vector.js';
import { matVec } from '../../src/linalg/matrix.js';

function prepare(scenario: Scenario): { ok: true; instance: Instance; model: HessianModel; a0: number } | { ok: false; skipped: string } {
  const made = instanceOrSkip(scenario.instance);
  if (!made.ok) return made;
  const instance = made.instance;
  let model: HessianModel;
  try {
    model = scenario.hessian === 'zero' ? zeroHessian() : hessianModelFor(scenario.hessian, instance, scenario.perturbations);
  } catch (e) {
    if (e instanceof SolverConfigurationError) return { ok: false, skipped: e.message };
    throw e;
  }
  const a0 = metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
  if (!(a0 > 0)) return { ok: false, skipped: '∇f(x0) = 0' };
  return { ok: true, instance, model, a0 };
}


/**
 * Algorithm 1 with the adaptive search of spec §3.3 in strict mode (reference mode: λ = ‖g‖/(γ+ε)),
 * but with the acceptance test f − f⁺ ≥ ‖g⁺‖²_* /(c·λ) for a given c (c = 8 is the correct test).
 */
function* searchWithConstant(problem: Problem, model: HessianModel, instance: Instance, scenario: Scenario, c: number, gradTol: number): Generator<GnsRecord, GnsSummary, void> {
  const n = problem.dim;
  const metric = metricOf(instance.metric, n);
  const reference = scenario.mode === 'reference';
  const eps = reference ? 1e-8 : 0;
  const gammaMin = reference ? 1e-9 : 0;
  const counts = { f: 0, grad: 0 };
  let x: Float64Array = instance.x0.slice();
  let fx = (counts.f++, problem.f(x));
  let g: Float64Array = (counts.grad++, problem.grad(x));
  let a = metric.dualNorm(g);
  let gamma = scenario.gamma0;
  const history = { f: [] as number[], gradNorm: [] as number[], gammaStart: [] as number[], gradCalls: [] as number[] };
  let status: SolverStatus = 'iterations_exceeded';
  let k = 0;
  for (; ; k++) {
    history.f.push(fx);
    history.gradNorm.push(a);
    history.gammaStart.push(gamma);
    history.gradCalls.push(counts.grad);
    if (!Number.isFinite(fx) || !Number.isFinite(a)) {
      status = 'non-finite';
      break;
    }
    if (a < gradTol || a === 0) {
      status = 'success';
      break;
    }
    if (k >= scenario.maxIters) break;
    const H = toDense(model.at(x, k), n);
    const gammaStart = gamma;
    const trials: GnsTrial[] = [];
    let taken: { lambda: number; h: Float64Array; xNext: Float64Array; fNext: number; gNext: Float64Array; aNext: number } | null = null;
    let accepted: number | null = null;
    let failures = 0;
    for (let i = 0; i < 41; i++) {
      const lambda = a / (gamma + eps);
      const s = solveSpd(metric.shifted(H, lambda), g.map((v) => -v));
      if (!s.ok) {
        failures++;
        trials.push({ gamma, lambda, outcome: 'not-positive-definite' });
        gamma /= 2;
        continue;
      }
      const xNext = x.map((v, j) => v + s.x[j]);
      const fNext = (counts.f++, problem.f(xNext));
      const gNext = (counts.grad++, problem.grad(xNext));
      const aNext = allFinite(gNext) ? metric.dualNorm(gNext) : NaN;
      const cand = { lambda, h: s.x, xNext, fNext, gNext, aNext };
      if (!Number.isFinite(fNext) || !Number.isFinite(aNext)) {
        trials.push({ gamma, lambda, outcome: 'non-finite', fNext, gradNormNext: aNext });
        gamma /= 2;
        continue;
      }
      if (fx - fNext >= (aNext * aNext) / (c * lambda)) {
        trials.push({ gamma, lambda, outcome: 'accepted', fNext, gradNormNext: aNext });
        accepted = gamma;
        taken = cand;
        gamma = Math.max(2 * gamma, gammaMin);
        break;
      }
      trials.push({ gamma, lambda, outcome: 'rejected', fNext, gradNormNext: aNext });
      if (reference) taken = cand;
      gamma /= 2;
    }
    const base = { k, x, f: fx, g, gradNorm: a, gradCalls: counts.grad, fCalls: counts.f, gammaStart, gammaAccepted: accepted, trials, factorizationFailures: failures, exhausted: accepted === null, accepted: accepted !== null };
    if (!taken || (accepted === null && !reference)) {
      yield { ...base, stepTaken: false, lambda: NaN, h: null, stepNorm: NaN, gh: NaN, hHh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN, residualNorm: NaN, sigma: NaN };
      status = 'stalled';
      k++;
      break;
    }
    const t = taken;
    const Hh = matVec(H, t.h);
    const residualNorm = metric.dualNorm(t.gNext.map((v, j) => v - g[j] - Hh[j]));
    const stepNorm = metric.norm(t.h);
    yield {
      ...base,
      stepTaken: true,
      lambda: t.lambda,
      h: t.h,
      stepNorm,
      gh: dot(g, t.h),
      hHh: dot(Hh, t.h),
      fNext: t.fNext,
      gNext: t.gNext,
      gradNormNext: t.aNext,
      residualNorm,
      sigma: residualNorm / (t.lambda * stepNorm),
    };
    x = t.xNext;
    fx = t.fNext;
    g = t.gNext;
    a = t.aNext;
  }
  return { status, iterations: k, x, f: fx, gradNorm: a, gradCalls: counts.grad, fCalls: counts.f, history };
}

function finish(scenario: Scenario, instance: Instance, model: HessianModel, values: HessianValue[], out: { records: GnsRecord[]; summary: GnsSummary }): ScenarioOutcome {
  const metric = metricOf(instance.metric, instance.problem.dim);
  const run: ScenarioRun = {
    scenario,
    label: scenarioLabel(scenario),
    instance,
    model,
    metric,
    records: out.records,
    summary: out.summary,
    hessians: values,
    unitRoundoff: 2 ** -53,
    backend: 'cpu',
    eps: scenario.mode === 'reference' && !scenario.gammaRule ? 1e-8 : 0,
    gammaMin: scenario.mode === 'reference' && !scenario.gammaRule ? 1e-9 : 0,
  };
  return { ok: true, run };
}

/** The adaptive search with acceptance constant c instead of 8 (a broken acceptance test). */
export function runWithAcceptanceConstant(scenario: Scenario, c: number): ScenarioOutcome {
  const p = prepare(scenario);
  if (!p.ok) return p;
  const { model, values } = recordingModel(p.model);
  const out = runToEnd(searchWithConstant(p.instance.problem, model, p.instance, scenario, c, scenario.gradTolRelative * p.a0));
  return finish(scenario, p.instance, p.model, values, out);
}

/** An ideal-γ run (scenario.gammaRule) with a defect of the ideal rule. */
export function runIdealWithDefect(scenario: Scenario, defect: NonNullable<IdealGammaOptions['defect']>): ScenarioOutcome {
  if (!scenario.gammaRule) return { ok: false, skipped: 'not an ideal-γ scenario' };
  const p = prepare(scenario);
  if (!p.ok) return p;
  if (p.instance.problem.dim > 2) return { ok: false, skipped: 'ideal-γ runs need dimension 1 or 2' };
  const { model, values } = recordingModel(p.model);
  const out = runToEnd(
    idealGamma(p.instance.problem, model, p.instance.x0, { theta: scenario.gammaRule.ideal, metric: p.instance.metric, maxIters: scenario.maxIters, gradTol: scenario.gradTolRelative * p.a0, defect }),
  );
  return finish(scenario, p.instance, p.model, values, out);
}

/**
 * A finished run handed to the checks with an oracle whose Hessian is wrong by δ·B (inconsistent
 * with its gradient): the solver ran with the correct model, the checks read ∇²f + δB.
 */
export function withBrokenOracleHessian(outcome: ScenarioOutcome, delta: (instance: Instance) => number): ScenarioOutcome {
  if (!outcome.ok) return outcome;
  const { instance } = outcome.run;
  const n = instance.problem.dim;
  const B = instance.metric.kind === 'identity' ? null : instance.metric.B;
  const d = delta(instance);
  const oracle = instance.problem.oracle;
  const broken = {
    ...oracle,
    dim: n,
    f: (x: Float64Array) => oracle.f(x),
    grad: (x: Float64Array) => oracle.grad(x),
    hvp: (x: Float64Array, v: Float64Array) => oracle.hvp(x, v).map((w, i) => w + d * (B ? matVec(B, v)[i] : v[i])),
    hess(x: Float64Array) {
      const h = oracle.hess(x);
      const out = matrix(n, n, h.data.slice());
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] += d * (B ? B.data[i * n + j] : i === j ? 1 : 0);
      return out;
    },
  };
  const problem = { ...instance.problem, oracle: broken, hess: broken.hess, hvp: broken.hvp } as Problem;
  return { ok: true, run: { ...outcome.run, instance: { ...instance, problem } } };
}

/** A finished run whose model claims a certificate it does not have (constants scaled by `factor`). */
export function withFalseCertificate(outcome: ScenarioOutcome, certificate: (actual: HessianCertificate) => HessianCertificate): ScenarioOutcome {
  if (!outcome.ok) return outcome;
  const m = outcome.run.model;
  return { ok: true, run: { ...outcome.run, model: { ...m, certificate: certificate(m.certificate), at: m.at } } };
}
