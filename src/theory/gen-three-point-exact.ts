/**
 * C-P1: on a quadratic the three-point estimate is exact for every probe step. With L± = f(x ∓ pd),
 * L₋ − L₊ = 2p∇fᵀd and L₊ − 2L₀ + L₋ = p²dᵀQd, so η̂ = (p/2)(L₋ − L₊)/(L₊ − 2L₀ + L₋) = ∇fᵀd/dᵀQd = η*
 * (Bu & Xu 2025, §3 [P code; V]). The computed η̂ differs from η* by the rounding of the probed losses
 * carried through the quotient (gen-rounding.ts), of order u|f|/(p²dᵀQd)·η*: the cancellation floor of
 * docs/theory.md#gen-three-point-exact. Every estimate of the run is judged where that floor stays
 * below the curvature term; the ratio is |η̂ − η*_check| over the derived allowance.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { spdQuadratic } from './assumptions.js';
import { estimateError, exactRate, genRecords, quadraticData } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const threePointForm: Assumption = {
  id: 'gen-three-point-form',
  statement: 'the rate is estimated from the three probed losses L₀, L₊ = f(x − pd), L₋ = f(x + pd)',
  holds: (run) => (run.methodOptions.form === 'three-point' ? true : `the rate form is '${String(run.methodOptions.form)}'`),
};

export function checkThreePointExact(run: ScenarioRun) {
  const q = quadraticData(run);
  const u = run.unitRoundoff;
  const w = new WorstRatio();
  let unjudged = 0;
  for (const r of genRecords(run)) {
    if (!r.estimated) continue;
    const exact = exactRate(q, r, u);
    const allowed = estimateError(q, r, 'three-point', u, exact) + exact.error;
    if (!Number.isFinite(allowed)) {
      unjudged++;
      continue;
    }
    const deviation = Math.abs(r.candidate - exact.etaStar);
    w.see(deviation === 0 ? 0 : deviation / allowed, `k=${r.k}: η̂=${r.candidate} η*=${exact.etaStar} p=${r.ratePrevious.toExponential(3)} allowance=${allowed.toExponential(2)}`);
  }
  return w.verdict(
    '|η̂ − η*| ≤ (p/2)·[quotient error of N = L₋ − L₊, D = L₊ − 2L₀ + L₋ with the rounding of each probed loss (γ_{2n+3}-evaluation, γ_2-probe point) and γ_3 of their arithmetic] + the check\'s own η* error',
    unjudged > 0 ? `${unjudged} estimate${unjudged === 1 ? '' : 's'} not judged: the rounding floor reaches p²dᵀQd` : undefined,
  );
}

export const genThreePointExact: Theorem = {
  id: 'gen-three-point-exact',
  title: 'GeN (C-P1): on an SPD quadratic the three-point rate equals ∇fᵀd/dᵀQd for every probe step',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), the derivative-free estimate of Section 3 [P code, S paper]; exactness on quadratics [R, V]; rounding derived in docs/theory.md#gen-three-point-exact',
  statement: '\\hat\\eta=\\frac{p}{2}\\,\\frac{L_--L_+}{L_+-2L_0+L_-}=\\frac{\\nabla f^\\top d}{d^\\top Q d},\\qquad L_\\pm=f(x\\mp p\\,d)',
  assumptions: [capability('gen-rate'), spdQuadratic, threePointForm],
  tight: true,
  gating: true,
  gatingReason: 'an identity of quadratics; the allowance is the rounding of the probed losses (their evaluation and probe points) and of the quotient, derived from Higham\'s γ bounds with the quadratic\'s own |Q|, x*, f*: no fitted constant',
  check: checkThreePointExact,
};
