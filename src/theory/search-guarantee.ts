/**
 * A5, second part (docs/theory.md#the-search-guarantee): since every γ ≤ γ(x_k) passes the test and γ
 * is halved on rejection, the accepted value satisfies
 *   γ_k^acc + ε ≥ min(γ_k^start, γ(x_k)/2) ≥ min(γ_k^start, π(a_k)/2).
 * Checked up to the first iteration with a trial at rounding level (after which noise rejections
 * drive γ down).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { modelLowerBound } from '../gns/lower-bound.js';
import { noiseLevel } from './run-view.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { hessianPsd } from './assumptions.js';
import { adaptiveSearchRun, classBoundKnown } from './class-lower-bound.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

export function checkSearchGuarantee(run: ScenarioRun): Verdict {
  const w = new WorstRatio();
  let floor = false;
  for (const r of gnsRecords(run)) {
    if (floor || r.trials.some((t) => noiseLevel(r.f, t.fNext, run.unitRoundoff))) {
      floor = true;
      w.skipPastFloor();
      continue;
    }
    if (r.trials.length === 0) continue;
    const pi = modelLowerBound(run.instance, run.model.id, run.model.certificate, r.gradNorm).pi;
    if (!Number.isFinite(pi)) continue;
    const need = Math.min(r.gammaStart, pi / 2);
    if (r.gammaAccepted !== null) {
      w.see(need / (r.gammaAccepted + run.eps), `k=${r.k}: γ_acc = ${r.gammaAccepted}, γ_start = ${r.gammaStart}, π/2 = ${pi / 2}`);
    } else {
      // an exhausted search: the next halving would still be short of the guarantee
      const last = r.trials[r.trials.length - 1].gamma;
      w.see(need / (last / 2 + run.eps), `k=${r.k}: search exhausted at γ = ${last}, γ_start = ${r.gammaStart}, π/2 = ${pi / 2}`);
    }
  }
  return w.verdict('ratio min(γ_start, π(a_k)/2)/(γ_acc + ε), ε = 1e-8 in reference mode; iterations from the first rounding-level trial on not checked');
}

export const searchGuarantee: Theorem = {
  id: 'search-guarantee',
  title: 'The accepted γ is at least min(γ_start, π(a_k)/2) (A5, second part)',
  source: 'Semenov, Jaggi & Doikov 2025, Lemma 1 and the halving search (Algorithm 3) [P]; the guarantee derived [R]; docs/theory.md#search-guarantee',
  statement: '\\gamma_k^{\\rm acc}+\\varepsilon\\ \\ge\\ \\min\\{\\gamma_k^{\\rm start},\\ \\pi(\\|\\nabla f(x_k)\\|_*)/2\\}',
  assumptions: [algorithm1Run, adaptiveSearchRun, hessianPsd, classBoundKnown],
  tight: true,
  gating: true,
  gatingReason:
    'every trial with γ ≤ γ(x_k) passes the test and the search halves on rejection, so the accepted γ is at least min(γ^start, γ(x_k)/2) ≥ min(γ^start, π(a_k)/2) with the certified π (docs/theory.md#the-search-guarantee); checked before the first rounding-level trial',
  check: checkSearchGuarantee,
};
