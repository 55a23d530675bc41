/**
 * The phase diagram (Figure 1 of the paper [P], docs/theory.md#phase-diagram-iterations) as a sound bound on the iteration count.
 * K(ε) = min{k : δ_k ≤ ε} is at most K_E(ε) = min{k : E_k ≤ ε}, where E_k is the certified f − f*
 * envelope of envelope-common.ts built from every certified class bound of the instance and the
 * model's certified error through the harmonic mean π_H(t)⁻¹ = π(t)⁻¹ + C1/t + C2·t^{−β}.
 * Since δ_k ≤ E_k on the accepted prefix, min_{j≤k} δ_j ≤ E_k at every k, which is K(ε) ≤ K_E(ε) for
 * every ε the envelope reaches above the precision floor. The growth of K_E(ε) is the phase diagram:
 * O(log 1/ε) for β ≤ α = 0, C1 = 0; O(ε^{−β}) for β > α; O(ε^{−1}) with C1 > 0 (Corollary 2).
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import { median } from '../rates/bootstrap.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { convexGuards, fSlack } from './convex-step.js';
import { envelopeAssumptions, envelopeTrace } from './envelope-common.js';
import type { Theorem } from './theorem.js';
import { notApplicable, type Verdict, WorstRatio } from './verdict.js';

/** ε grid points per run at which K_E(ε) and K(ε) are reported */
const GRID_POINTS = 12;

/** K_E(ε)/K(ε) on a geometric ε grid between δ_0 and the smallest checked envelope value. */
export function iterationFactors(delta: readonly number[], envelope: readonly number[], lastChecked: number): { eps: number; predicted: number; observed: number }[] {
  const out: { eps: number; predicted: number; observed: number }[] = [];
  const top = delta[0];
  const bottom = envelope[lastChecked];
  if (!(lastChecked > 0 && bottom < top)) return out;
  for (let i = 1; i <= GRID_POINTS; i++) {
    const eps = top * (bottom / top) ** (i / GRID_POINTS);
    const predicted = envelope.findIndex((e, k) => k <= lastChecked && e <= eps);
    const observed = delta.findIndex((d, k) => k <= lastChecked && d <= eps);
    if (predicted >= 0 && observed >= 0) out.push({ eps, predicted, observed });
  }
  return out;
}

export function checkPhaseDiagramIterations(run: ScenarioRun): Verdict {
  const trace = envelopeTrace(run);
  if (typeof trace === 'string') return notApplicable(trace);
  const fStar = run.instance.certificate.fStar as number;
  const { deltaFloor } = convexGuards(run);
  const worst = new WorstRatio();
  let best = trace.delta[0];
  let lastChecked = 0;
  for (let k = 1; k < trace.delta.length; k++) {
    best = Math.min(best, trace.delta[k]);
    const e = trace.envelope[k];
    if (!(best >= deltaFloor) || !(e >= deltaFloor)) {
      worst.skipPastFloor();
      continue;
    }
    lastChecked = k;
    worst.see(best / (e * (1 + 1e-9) + fSlack(best + fStar, fStar, run.unitRoundoff)), `k=${k}: min_{j≤k} δ_j = ${best.toExponential(3)} vs E_k = ${e.toExponential(3)}`);
  }
  worst.pastFloor += gnsRecords(run).length + 1 - trace.delta.length;
  const factors = iterationFactors(trace.delta, trace.envelope, lastChecked);
  const ratios = factors.filter((f) => f.observed > 0).map((f) => f.predicted / f.observed);
  return worst.verdict(
    'min_{j≤k} δ_j ≤ E_k(1 + 1e-9) + ε_f(f_j, f*), ε_f(a, b) = 1e-12(|a| + |b|) in units of the run’s roundoff; checked while both are ≥ 1e-10·max(1, |f*|), up to the first step not accepted by the search',
    `K_E(ε)/K(ε) (iterations predicted / observed) over ${factors.length} targets: median ${ratios.length ? median(ratios).toPrecision(3) : 'n/a'}, smallest ${ratios.length ? Math.min(...ratios).toPrecision(3) : 'n/a'}; ` +
      `targets ε → K(ε)/K_E(ε): ${factors.map((f) => `${f.eps.toExponential(1)}→${f.observed}/${f.predicted}`).join(', ')}; D = ${trace.radius.toExponential(3)} (${trace.radiusSource})`,
  );
}

export const phaseDiagramIterations: Theorem = {
  id: 'phase-diagram-iterations',
  title: 'Phase diagram: iterations to ε are at most those of the certified envelope with (α, C1, C2, β)',
  source:
    'Semenov, Jaggi & Doikov 2025, Figure 1 (phase diagram) and Corollary 2 with the approximation condition [P]; the envelope E_k with the harmonic-mean class bound derived [R]; docs/theory.md#phase-diagram-iterations',
  statement:
    'K(\\varepsilon)=\\min\\{k:\\delta_k\\le\\varepsilon\\}\\ \\le\\ K_E(\\varepsilon)=\\min\\{k:E_k\\le\\varepsilon\\},\\quad \\pi_H(t)^{-1}=\\pi(t)^{-1}+\\frac{C_1}{t}+C_2t^{-\\beta}',
  assumptions: [algorithm1Run, ...envelopeAssumptions()],
  tight: false,
  gating: true,
  gatingReason:
    'implied by δ_k ≤ E_k (the certified envelope, derived from Lemma 1, convexity, the search guarantee and the harmonic-mean class bound): the iteration count to every ε the envelope reaches is bounded by its own; the slack is ε_f under the validated guards',
  check: checkPhaseDiagramIterations,
  series: (run) => {
    const trace = envelopeTrace(run);
    if (typeof trace === 'string') return null;
    let best = Infinity;
    return { observed: trace.delta.map((d) => (best = Math.min(best, d))), bound: trace.envelope, floor: convexGuards(run).deltaFloor };
  },
};
