/**
 * Defective runs for the power checks of the convex-rate properties (convex-step, envelope-*,
 * phase-diagram): the same scenario, run with one defect, returned as a ScenarioRun that the theorem
 * reads exactly as it reads an honest run.
 */
import { gnsMethod } from '../src/methods/gns.js';
import { searchRule } from '../src/solvers/search-policy.js';
import { exactHessianOf } from '../src/hessians/exact.js';
import type { HessianModel, HessianValue } from '../src/hessians/hessian-model.js';
import { matrix } from '../src/linalg/matrix.js';
import { cpuBackend } from '../src/backends/cpu.js';
import { gns, runToEnd } from '../src/solvers/gns.js';
import { metricOf } from '../src/problems/metric.js';
import { counted } from '../src/problems/oracle.js';
import { instanceOrSkip, runScenario, type Scenario, type ScenarioOutcome, scenarioLabel } from '../src/scenarios/scenario.js';

/**
 * The scenario run with the isotropic PSD perturbation H = ∇²f + s(x)·B, s(x) = C1 + C2‖∇f(x)‖_*^{1−β}
 * (so ‖∇²f − H‖ = s(x) exactly, and γ(x) ≤ ‖∇f(x)‖_⋆/s(x) by the cap of §2.2(4)), whose certificate
 * claims the exact Hessian (C1 = C2 = 0): an uncertified (here: wrongly certified) approximation passed
 * off as exact. The theorems that rely on the certificate (search guarantee + class bound) must catch
 * the slower progress.
 */
export function mislabelledPerturbationRun(scenario: Scenario, p: { C1: number; C2: number; beta: number }): ScenarioOutcome {
  const made = instanceOrSkip(scenario.instance);
  if (!made.ok) return made;
  const instance = made.instance;
  const n = instance.problem.dim;
  const metric = metricOf(instance.metric, n);
  const a0 = metric.dualNorm(instance.problem.oracle.grad(instance.x0));
  if (!(a0 > 0)) return { ok: false, skipped: '∇f(x0) = 0' };
  const exact = exactHessianOf(instance);
  const b = metric.matrix();
  const values: HessianValue[] = [];
  const model: HessianModel = {
    id: `exact+isotropic(C1=${p.C1},C2=${p.C2},beta=${p.beta})`,
    certificate: { certified: true, C1: 0, C2: 0, beta: 0, psd: exact.certificate.psd, how: 'DEFECT: H = ∇²f + s(x)·B claiming to be the exact Hessian' },
    at(x, k) {
      const h = instance.problem.oracle.hess(x);
      const sx = p.C1 + p.C2 * metric.dualNorm(instance.problem.oracle.grad(x)) ** (1 - p.beta);
      const out = matrix(n, n, h.data.slice());
      for (let i = 0; i < out.data.length; i++) out.data[i] += sx * b.data[i];
      const v: HessianValue = { kind: 'dense', matrix: out };
      values[k] = v;
      return v;
    },
  };
  const { eps, gammaMin } = searchRule(scenario);
  const backend = cpuBackend();
  const { records, summary } = runToEnd(
    gns(instance.problem, model, instance.x0, { mode: scenario.mode, metric: instance.metric, maxIters: scenario.maxIters, gamma0: scenario.gamma0, eps, gammaMin, gradTol: scenario.gradTolRelative * a0 }, backend),
  );
  const s: Scenario = { ...scenario, hessian: 'exact', perturbations: [] };
  return {
    ok: true,
    run: { scenario: s, label: `${scenarioLabel(s)} DEFECT ${model.id} certified as exact`, instance, model, metric, method: gnsMethod(), methodOptions: { mode: scenario.mode, gamma0: scenario.gamma0 }, records, summary, hessians: values, unitRoundoff: backend.precision.unitRoundoff, backend: backend.name, eps, gammaMin },
  };
}

/**
 * The scenario run on an oracle whose f carries a constant offset c (f + c), while the instance's f*
 * certificate is unchanged: the search is shift invariant, so the iterates are those of the honest run,
 * but δ_k = f_k − f* is off by c — the convexity check δ_k ≤ a_k d_k must catch it once a_k d_k < c.
 */
export function offsetOracleRun(scenario: Scenario, relativeOffset: number): ScenarioOutcome {
  return runScenario(scenario, (instance) => {
    const c = relativeOffset * Math.max(1, Math.abs(instance.certificate.fStar ?? 0));
    const o = instance.problem.oracle;
    return counted({ ...o, f: (x: Float64Array) => o.f(x) + c });
  });
}
