/**
 * C-P7: GeN's rate rule (Bu & Xu 2025, Algorithm 1 [S]; the authors' lr_parabola [P code]): a rate
 * comes from a fit only when its curvature a > 0, slope b > 0 and R² > 0.99; otherwise, and between the
 * lazy re-estimates, η_k = η_{k−1} bitwise; η_k is finite and positive; with the clamp on,
 * η_k ∈ [η_{k−1}/2, 2η_{k−1}] up to γ_3 of the smoothing's convex combination; the step is h_k = −η_k·d_k
 * up to the rounding of the product (u|η_k d_k| per entry). A rule read from the records: no slack beyond those.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { MIN_FIT_R2 } from '../solvers/gen-rate-rule.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { genRecords } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export function checkGenSafeguards(run: ScenarioRun) {
  const u = run.unitRoundoff;
  const clamp = run.methodOptions.clamp === true;
  const w = new WorstRatio();
  for (const r of genRecords(run)) {
    const at = `k=${r.k}`;
    const broken: string[] = [];
    if (r.rateFromFit && !(r.estimated && r.fitCurvature > 0 && r.fitSlope > 0 && r.fitR2 > MIN_FIT_R2)) broken.push(`rate from a fit with a=${r.fitCurvature}, b=${r.fitSlope}, R²=${r.fitR2}${r.estimated ? '' : ' (no estimate)'}`);
    if (!r.rateFromFit && !Object.is(r.rate, r.ratePrevious)) broken.push(`rate changed without an accepted fit: ${r.ratePrevious} → ${r.rate}`);
    if (!(r.rate > 0 && Number.isFinite(r.rate))) broken.push(`rate ${r.rate}`);
    if (broken.length > 0) {
      w.see(Infinity, `${at}: ${broken.join('; ')}`);
      continue;
    }
    let ratio = 0;
    if (clamp) {
      const g = gammaConstant(3, u);
      const lo = (r.ratePrevious / 2) * (1 - g);
      const hi = 2 * r.ratePrevious * (1 + g);
      if (r.rate < lo || r.rate > hi) ratio = Infinity;
    }
    if (r.stepTaken && r.h) {
      for (let i = 0; i < r.h.length; i++) {
        const allowed = u * Math.abs(r.rate * r.direction[i]);
        const off = Math.abs(r.h[i] + r.rate * r.direction[i]);
        if (off > 0) ratio = Math.max(ratio, allowed > 0 ? off / allowed : Infinity);
      }
    }
    w.see(ratio, `${at}: η_{k−1}=${r.ratePrevious} η_k=${r.rate} a=${r.fitCurvature} b=${r.fitSlope}${clamp ? ' (clamped)' : ''}`);
  }
  return w.verdict('rules read from the records: accepted fits have a > 0, b > 0, R² > 0.99; η_k = η_{k−1} bitwise otherwise; η_k ∈ [η_{k−1}/2, 2η_{k−1}]·(1 ± γ_3) when clamped; |h_k + η_k d_k| ≤ u|η_k d_k| per entry');
}

export const genSafeguards: Theorem = {
  id: 'gen-safeguards',
  title: 'GeN (C-P7): the rate comes only from fits with positive curvature and descent, stays finite, positive and in the clamp window',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), Algorithm 1 [S] and the official lr_parabola (R² > 0.99, clamp [η/2, 2η]) [P code]; docs/theory.md#gen-safeguards',
  statement: '\\eta_k\\ne\\eta_{k-1}\\Rightarrow a_k>0,\\ b_k>0,\\ R^2_k>0.99;\\quad 0<\\eta_k<\\infty;\\quad \\eta_k\\in[\\eta_{k-1}/2,\\,2\\eta_{k-1}];\\quad h_k=-\\eta_k d_k',
  assumptions: [capability('gen-rate')],
  tight: false,
  gating: true,
  gatingReason: 'the method\'s own rule read from its records; the only allowances are γ_3 for the smoothing\'s convex combination of two values inside the window and u per entry for the product η_k·d_k',
  check: checkGenSafeguards,
};
