/**
 * C-P5 (Bu & Xu 2025, Prop. 2 [S]): the probed estimate's truncation error is O(p²). For a C⁴ objective the
 * symmetric differences give (L₋ − L₊)/(2p) = ∇fᵀd + O(p²) and (L₊ − 2L₀ + L₋)/p² = dᵀ∇²f d + O(p²)
 * (Taylor), so |η̂(p) − η*| ∝ p² and halving p divides the error by 4. From a run's first estimates the
 * check evaluates the SAME estimator the method used at p = p₀·2^{−j} (p₀ = |η*|, j = 0…14) along the
 * recorded d_k at x_k, against η* = ∇fᵀd/dᵀ∇²f d from the oracle's gradient and Hessian-vector product;
 * the log–log slope over the smallest four probes of the contiguous run that stays above the round-off
 * (error ≥ 100× the rounding level of the losses carried through the quotient) with a relative error
 * below 0.1 should be 2 ± 0.2.
 * A fitted slope with a tolerance: a diagnostic (docs/theory.md#gen-truncation-order).
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { type GenRateForm, rateEstimator } from '../solvers/gen-rate-estimate.js';
import { logLogSlope } from './gen-minibatch-error.js';
import { genRecords } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const TRUNCATION_HALVINGS = 14;
/** the probes fitted: the smallest ones still above the round-off, contiguous */
export const FITTED_PROBES = 4;
export const TRUNCATION_ESTIMATES = 2;
export const ORDER_TOLERANCE = 0.2;
/** the asymptotic regime: relative error below this */
const ASYMPTOTIC = 1e-3;
/** the error must exceed the rounding level by this factor */
const ABOVE_ROUNDOFF = 100;

export const probedForm: Assumption = {
  id: 'gen-probed-form',
  statement: 'the rate is estimated from probed losses (three-point or least-squares) on the full batch',
  holds: (run) => {
    const o = run.methodOptions;
    if (Number(o.batch ?? 0) > 0) return 'a minibatch run (gen-minibatch-error)';
    return o.form === 'three-point' || o.form === 'least-squares' ? true : `the rate form is '${String(o.form)}'`;
  },
};

export function checkTruncationOrder(run: ScenarioRun) {
  const oracle = run.instance.problem.oracle;
  const estimate = rateEstimator(run.methodOptions.form as GenRateForm);
  const u = run.unitRoundoff;
  const w = new WorstRatio();
  let judged = 0;
  let unjudged = 0;
  for (const r of genRecords(run)) {
    if (judged + unjudged >= TRUNCATION_ESTIMATES) break;
    if (!r.estimated) continue;
    const x = r.x;
    const d = r.direction;
    const g = oracle.grad(x);
    const hd = oracle.hvp(x, d);
    let slope = 0;
    let curvature = 0;
    for (let i = 0; i < x.length; i++) {
      slope += g[i] * d[i];
      curvature += d[i] * hd[i];
    }
    const etaStar = slope / curvature;
    if (!(curvature > 0 && slope > 0 && Number.isFinite(etaStar))) continue;
    const f0 = oracle.f(x);
    let probes: number[] = [];
    let errors: number[] = [];
    for (let j = 0; j <= TRUNCATION_HALVINGS; j++) {
      const p = etaStar * 2 ** -j;
      const e = estimate({ probe: p, f0, lossAt: (eta) => oracle.f(x.map((xi, i) => xi - eta * d[i])), slope: () => NaN, curvature: () => NaN });
      const error = Math.abs(e.candidate - etaStar);
      const level = Math.max(Math.abs(e.L0), Math.abs(e.Lplus), Math.abs(e.Lminus));
      // the losses' rounding (a few u·|L|) carried through η̂ = (p/2)N/D with N ≈ 2p∇fᵀd, D ≈ p²dᵀ∇²f d
      const roundoff = etaStar * 4 * u * level * (1 / Math.abs(2 * p * slope) + 4 / (p * p * curvature));
      if (error < ASYMPTOTIC * etaStar && error > ABOVE_ROUNDOFF * roundoff) {
        probes.push(p);
        errors.push(error);
      } else if (error <= ABOVE_ROUNDOFF * roundoff && probes.length > 0) break;
      else {
        probes = [];
        errors = [];
      }
    }
    probes = probes.slice(-FITTED_PROBES);
    errors = errors.slice(-FITTED_PROBES);
    if (probes.length < 3) {
      unjudged++;
      continue;
    }
    judged++;
    const order = logLogSlope(probes, errors);
    w.see(Math.abs(order - 2) / ORDER_TOLERANCE, `k=${r.k}: η*=${etaStar.toExponential(3)}, slope ${order.toFixed(3)} over p = ${probes[0].toExponential(2)}…${probes[probes.length - 1].toExponential(2)} (${probes.length} probes), error ratios per halving ${errors.slice(1).map((e, i) => (errors[i] / e).toFixed(3)).join(', ')}`);
  }
  return w.verdict(
    `measured: the log–log slope of |η̂(p) − η*| over the smallest ${FITTED_PROBES} probes p = |η*|·2^−j still ≥ ${ABOVE_ROUNDOFF}× the rounding level (relative error < ${ASYMPTOTIC}) within 2 ± ${ORDER_TOLERANCE}`,
    unjudged > 0 ? `${unjudged} estimate${unjudged === 1 ? '' : 's'} not judged: fewer than three probes between the asymptotic regime and the round-off (e.g. a quadratic, where the error is round-off only)` : undefined,
  );
}

export const genTruncationOrder: Theorem = {
  id: 'gen-truncation-order',
  title: 'GeN (C-P5, diagnostic): the probed estimate\'s error is O(p²): slope 2 in log–log',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), Prop. 2: error O_p(1/√B) + O(η_{t−1}²) [S]; Taylor expansion of the symmetric differences [R]; the slope test 2 ± 0.2 [V]; docs/theory.md#gen-truncation-order',
  statement: '|\\hat\\eta(p)-\\eta^\\star|\\ \\propto\\ p^2,\\qquad \\eta^\\star=\\frac{\\nabla f^\\top d}{d^\\top\\nabla^2 f\\,d},\\quad p=|\\eta^\\star|\\,2^{-j}',
  assumptions: [capability('gen-rate'), probedForm],
  tight: false,
  gating: false,
  gatingReason: 'a fitted slope with a tolerance: the O(p²) constant involves D³f and D⁴f along d, which no family certifies, and the regime between misfit and round-off is read from the data',
  check: checkTruncationOrder,
};
