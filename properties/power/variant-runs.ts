/**
 * Finished runs handed to the checks altered, for power checks: an oracle whose Hessian is wrong, a
 * model that claims a certificate it does not have. The solver ran unmodified; each returns the
 * ScenarioOutcome shape of `runScenario`, so the unmodified theorems read them.
 */
import type { HessianCertificate } from '../../src/hessians/hessian-model.js';
import { matrix, matVec } from '../../src/linalg/matrix.js';
import type { Instance } from '../../src/problems/instance.js';
import type { Problem } from '../../src/problems/oracle.js';
import type { ScenarioOutcome } from '../../src/scenarios/scenario.js';

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
