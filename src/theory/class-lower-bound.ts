/**
 * A5, first part (docs/theory.md#class-lower-bound): Lemma 1's test passes for
 * every γ ≤ γ(x_k) (γ + ε in reference mode), and γ(x_k) ≥ π(a_k) for the instance's class, so
 * every REJECTED trial of the adaptive search has γ (+ε) > π(a_k).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { modelLowerBound } from '../gns/lower-bound.js';
import { noiseLevel } from './run-view.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { atPrecision } from './run-precision.js';
import { hessianPsd } from './assumptions.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** a class lower bound π exists for the run's (instance, Hessian model) (docs/theory.md#class-lower-bounds) */
export const classBoundKnown: Assumption = {
  id: 'class-bound',
  statement: 'γ(x) ≥ π(‖∇f(x)‖_*) known for the instance and model',
  holds: (run) => {
    const a0 = gnsRecords(run)[0]?.gradNorm ?? NaN;
    const b = modelLowerBound(run.instance, run.model.id, run.model.certificate, a0);
    return Number.isFinite(b.pi) ? true : b.how;
  },
};

/** adaptive-search run (not ideal γ) */
export const adaptiveSearchRun: Assumption = {
  id: 'adaptive-search',
  statement: 'γ_k from the adaptive search (docs/theory.md#algorithm-1-and-its-search)',
  holds: (run) => (run.method.capabilities.includes('adaptive-search') ? true : `the method '${run.method.id}' has no adaptive search`),
};

export function checkClassLowerBound(run: ScenarioRun): Verdict {
  const w = new WorstRatio();
  for (const r of gnsRecords(run)) {
    const pi = modelLowerBound(run.instance, run.model.id, run.model.certificate, r.gradNorm).pi;
    if (!Number.isFinite(pi)) continue;
    r.trials.forEach((t, i) => {
      if (t.outcome !== 'rejected' && t.outcome !== 'non-finite') return;
      if (noiseLevel(r.f, t.fNext, run.unitRoundoff)) {
        w.skipPastFloor();
        return;
      }
      w.see(pi / (t.gamma + run.eps), `k=${r.k} trial ${i} (${t.outcome}): γ = ${t.gamma} vs π(a_k) = ${pi}`);
    });
  }
  return w.verdict(`ratio π(a_k)/(γ + ε) over rejected and non-finite trials (ε = 1e-8 in reference mode, 0 in strict); trials with |f_k − f⁺| ≤ ${atPrecision(1e-12, run.unitRoundoff).toExponential(2)}(|f_k| + |f⁺|) (1e-12 in float64, the same in units of u = ${run.unitRoundoff.toExponential(2)}) skipped as rounding noise`, 'π = the largest class bound of the instance for the model (harmonic with the certified error for approximate models)');
}

export const classLowerBound: Theorem = {
  id: 'class-lower-bound',
  title: 'Rejected trials lie above the class lower bound (A5, first part)',
  source: 'Semenov, Jaggi & Doikov 2025, Lemma 1 [P] (the acceptance test) and the lower bound γ(x) ≥ π(‖∇f(x)‖_*) of eq. (10) [P form; R constants]; docs/theory.md#class-lower-bound',
  statement: '\\text{trial }\\gamma\\text{ rejected at }x_k\\ \\Rightarrow\\ \\gamma+\\varepsilon>\\gamma(x_k)\\ge\\pi(\\|\\nabla f(x_k)\\|_*)',
  assumptions: [algorithm1Run, adaptiveSearchRun, hessianPsd, classBoundKnown],
  tight: false,
  gating: true,
  gatingReason:
    'Lemma 1\'s test passes for every γ ≤ γ(x_k) and γ(x_k) ≥ π(a_k) is certified (docs/theory.md#class-lower-bounds): a rejected trial at or below π(a_k) contradicts a certificate or the search; rejections at the f resolution are skipped',
  check: checkClassLowerBound,
};
