/**
 * The certificate's f* is the infimum of f, so no point the run evaluates may have a smaller value:
 * f(x_k) ≥ f* and f(x_k + h) ≥ f* for the step taken and every recorded trial (any method), up to the rounding of f, ε_f = 1e-12(|f| + |f*|)
 * in units of the run's roundoff. A value below is a wrong certificate — which the checks built on
 * δ_k = f(x_k) − f* would otherwise skip as "past the precision floor".
 */
import type { GnsRecord } from '../solvers/gns-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { knownOptimum } from './assumptions.js';
import { atPrecision } from './run-precision.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

export function checkOptimumBound(run: ScenarioRun): Verdict {
  const fStar = run.instance.certificate.fStar as number;
  const w = new WorstRatio();
  const see = (f: number | undefined, where: string) => {
    if (f === undefined || !Number.isFinite(f)) return;
    const eps = atPrecision(1e-12, run.unitRoundoff) * (Math.abs(f) + Math.abs(fStar));
    w.see(f >= fStar ? 0 : eps > 0 ? (fStar - f) / eps : Infinity, `${where}: f = ${f} vs f* = ${fStar}`);
  };
  const searched = run.method.capabilities.includes('adaptive-search') || run.method.capabilities.includes('ideal-gamma');
  for (const r of run.records) {
    see(r.f, `k=${r.k}`);
    if (r.stepTaken) see(r.fNext, `k=${r.k} x_k + h_k`);
    if (searched) (r as GnsRecord).trials.forEach((t, i) => see(t.fNext, `k=${r.k} trial ${i}`));
  }
  return w.verdict(`f ≥ f* − ε_f, ε_f = ${atPrecision(1e-12, run.unitRoundoff).toExponential(2)}·(|f| + |f*|) (the rounding of f in the run's arithmetic); ratio (f* − f)/ε_f`);
}

export const optimumBound: Theorem = {
  id: 'optimum-bound',
  title: 'No evaluated f lies below the certified f*',
  source: 'the definition f* = inf f of the certificate, applied to every point the run evaluates; docs/theory.md#optimum-bound',
  statement: 'f(x_k)\\ge f^\\star,\\quad f(x_k+h)\\ge f^\\star\\ \\text{for every step and trial}',
  assumptions: [knownOptimum],
  tight: false,
  gating: true,
  gatingReason: 'f* is certified as the infimum of f, so a smaller evaluated value beyond the rounding of f means the certificate is wrong; the slack is ε_f',
  check: checkOptimumBound,
};
