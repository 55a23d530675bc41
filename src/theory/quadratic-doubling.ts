/**
 * A11 (docs/theory.md#quadratic-doubling): on SPD quadratics f = ½⟨Q(x−x*), x−x*⟩ + f* with the exact Hessian
 * H = Q, γ(x) = +∞, so every trial is accepted, γ^start doubles every step, and
 *   g_{k+1} = λ_k B(Q + λ_k B)⁻¹g_k  to 1e-10 relative, plus the rounding of the run.
 * Checked above the precision floor only: iterations from the first k with f_k − f* < 1e-12·max(1, |f*|)
 * or a_k < 1e-8·a_0 on (in float64; the f threshold in units of the run's roundoff u otherwise, the
 * gradient one at least the scenario's floor 1e3·u) are past the floor (f is resolved only to about
 * u·|f*|, and the acceptance test is noise below it); the recursion is compared per step
 * where its rounding φ_k leaves the prediction resolved.
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { Matrix } from '../linalg/matrix.js';
import { cholesky, choleskySolve } from '../linalg/cholesky.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { dot } from '../linalg/vector.js';
import type { QuadraticOracle } from '../problems/families/quadratic.js';
import type { MetricSpec } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { exactHessianModel, spdQuadratic } from './assumptions.js';
import { GRADIENT_FLOOR_ULPS } from '../scenarios/scenario.js';
import { type CheckResult, UNIT_ROUNDOFF, verdictOf, vouchedResidual, WorstCase } from './check-result.js';
import { atPrecision } from './run-precision.js';
import type { Theorem } from './theorem.js';

export const QUADRATIC_REL_TOL = 1e-10;

/**
 * A11: every trial accepted, γ^start doubles every step, and g_{k+1} = λ_k B(Q + λ_k B)⁻¹g_k to
 * `relTol` relative in the dual norm plus the run's rounding. The prediction is formed independently
 * (a fresh float64 Cholesky of Q + λB); g_{k+1} is the next record's gradient.
 *
 * Rounding of the run (arithmetic with unit roundoff u): a backward-stable solve gives
 * (Q + λB + Δ)h = −g with ‖Δ‖₂ ≲ n·u·‖Q + λB‖₂, which moves g_{k+1} = g_k + Qh by about ‖Δ‖₂‖h‖₂;
 * forming x_{k+1} and x_{k+1} − x* adds u‖Q‖₂(‖x_{k+1}‖₂ + ‖x*‖₂). In the dual norm (×‖B^{-½}‖₂):
 *   φ_k = n·u·(‖Q + λ_kB‖₂‖h_k‖₂ + ‖Q‖₂(‖x_{k+1}‖₂ + ‖x*‖₂)) / √λ_min(B).
 * An iterative solve leaves the residual r it vouched for, (Q + λB)h = −ĝ + r, and a lower precision
 * rounds g into ĝ (‖ĝ − g‖₂ ≤ u‖g‖₂): g_{k+1} − prediction = Q(Q + λB)⁻¹(r − (ĝ − g)), whose dual norm
 * is at most ‖r − (ĝ − g)‖_* (B^{-½}QB^{-½}(B^{-½}QB^{-½} + λI)⁻¹ has norm < 1). The allowance is
 *   relTol·‖prediction‖_* + φ_k + ‖B^{-½}‖₂(ρ_k + u_in‖g_k‖₂),  u_in = u below float64 (0 in float64),
 * and step k is compared where φ_k ≤ 0.1·‖prediction‖_* (the prediction is resolved).
 */
export function checkQuadraticRecursion(
  records: readonly GnsRecord[],
  gammaStart: readonly number[],
  Q: Matrix,
  xStar: Float64Array,
  metricSpec: MetricSpec,
  relTol: number,
  unitRoundoff = UNIT_ROUNDOFF,
): CheckResult & { parts: { trials: CheckResult; doubling: CheckResult; recursion: CheckResult }; belowFloor: number } {
  const n = Q.rows;
  const metric = metricOf(metricSpec, n);
  const B = metric.matrix();
  const bEig = symmetricEigenvalues(B);
  const norm2 = (m: Matrix) => {
    const ev = symmetricEigenvalues(m);
    return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
  };
  const qNorm = norm2(Q);
  const xsNorm = Math.sqrt(dot(xStar, xStar));
  const dualFactor = 1 / Math.sqrt(bEig[0]);
  const inputRounding = unitRoundoff > UNIT_ROUNDOFF ? unitRoundoff : 0;
  const trials = new WorstCase();
  const doubling = new WorstCase();
  const rec = new WorstCase();
  let belowFloor = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    trials.add(r.trials.length === 1 && r.trials[0].outcome === 'accepted' ? 0 : Infinity, () => `k=${r.k}: trials ${r.trials.map((t) => t.outcome).join(',')}`);
    if (i + 1 < gammaStart.length) doubling.add(gammaStart[i + 1] === 2 * gammaStart[i] ? 0 : Infinity, () => `k=${r.k}: γ^start ${gammaStart[i]} → ${gammaStart[i + 1]}`);
    const next = records[i + 1];
    const gNext = next ? next.g : r.gNext;
    if (!r.stepTaken || !gNext || !r.h) continue;
    const shifted = metric.shifted(Q, r.lambda);
    const f = cholesky(shifted);
    if (!f.ok) {
      rec.add(Infinity, () => `k=${r.k}: Q + λB not PD`);
      continue;
    }
    const pred = metric.apply(choleskySolve(f.factor, r.g)).map((v) => v * r.lambda);
    const predNorm = metric.dualNorm(pred);
    const xNext = r.x.map((v, j) => v + r.h![j]);
    const floor = n * unitRoundoff * (norm2(shifted) * Math.sqrt(dot(r.h, r.h)) + qNorm * (Math.sqrt(dot(xNext, xNext)) + xsNorm)) * dualFactor;
    if (floor > 0.1 * predNorm) {
      belowFloor++;
      continue;
    }
    const diff = gNext.map((v, j) => v - pred[j]);
    const allowed = relTol * predNorm + floor + vouchedResidual(r, dualFactor) + dualFactor * inputRounding * Math.sqrt(dot(r.g, r.g));
    const ratio = metric.dualNorm(diff) / allowed;
    rec.add(ratio, () => `k=${r.k} rel=${(metric.dualNorm(diff) / predNorm).toExponential(3)} a_k+1/a_k=${(predNorm / r.gradNorm).toExponential(2)}`);
  }
  const parts = { trials: trials.result(), doubling: doubling.result(), recursion: rec.result() };
  const all = new WorstCase();
  all.merge(parts.trials, 'trials');
  all.merge(parts.doubling, 'doubling');
  all.merge(parts.recursion, 'recursion');
  all.checked = parts.trials.checked + parts.doubling.checked + parts.recursion.checked;
  return { ...all.result(), parts, belowFloor };
}

/**
 * The iterations above the f / gradient precision floor: k < the first with f_k − f* < 1e-12·max(1,|f*|)
 * or a_k < 1e-8·a_0 in float64 (the f threshold in units of u, `atPrecision`; the gradient one at least
 * GRADIENT_FLOOR_ULPS·u, where the scenario run stops).
 */
export function quadraticPrefix(records: readonly GnsRecord[], fStar: number, unitRoundoff = UNIT_ROUNDOFF): number {
  if (records.length === 0) return 0;
  const a0 = records[0].gradNorm;
  const fTol = atPrecision(1e-12, unitRoundoff) * Math.max(1, Math.abs(fStar));
  const aTol = Math.max(1e-8, GRADIENT_FLOOR_ULPS * unitRoundoff) * a0;
  const i = records.findIndex((r) => r.f - fStar < fTol || r.gradNorm < aTol);
  return i < 0 ? records.length : i;
}

/** A11 on a run of an SPD quadratic, above the floor (K = the prefix checked). */
export function quadraticDoublingResult(run: ScenarioRun): { r: ReturnType<typeof checkQuadraticRecursion>; K: number } {
  const { Q, xStar, fStar } = (run.instance.problem.oracle as QuadraticOracle).data;
  const K = quadraticPrefix(gnsRecords(run), fStar, run.unitRoundoff);
  const r = checkQuadraticRecursion(gnsRecords(run).slice(0, K), gnsSummary(run).history.gammaStart.slice(0, K + 1), Q, xStar, run.instance.metric, QUADRATIC_REL_TOL, run.unitRoundoff);
  return { r, K };
}

export const quadraticDoubling: Theorem = {
  id: 'quadratic-doubling',
  title: 'A11: on SPD quadratics every trial is accepted, γ doubles, g_{k+1} = λ_kB(Q + λ_kB)⁻¹g_k',
  source:
    'Semenov, Jaggi & Doikov 2025, local behaviour near the solution [P]; γ = +∞ on quadratics and the gradient recursion derived [R]; docs/theory.md#quadratic-doubling',
  statement: 't_k=1,\\quad \\gamma^{\\rm start}_{k+1}=2\\gamma^{\\rm start}_k,\\quad g_{k+1}=\\lambda_kB(Q+\\lambda_kB)^{-1}g_k',
  assumptions: [algorithm1Run, spdQuadratic, exactHessianModel],
  tight: true,
  gating: true,
  gatingReason:
    'on an SPD quadratic with H = Q, γ(x) = ∞, so every trial passes, γ doubles and g_{k+1} = λ_kB(Q + λ_kB)⁻¹g_k exactly (docs/theory.md#quadratic-doubling); the slack is the rounding of the solve and of the iterate, compared where the prediction is resolved',
  check(run: ScenarioRun) {
    const { r, K } = quadraticDoublingResult(run);
    return verdictOf(
      r,
      `trials and doubling exact; recursion to ${QUADRATIC_REL_TOL}·‖pred‖_* + φ_k + ‖B^{-½}‖(ρ_k + u_in‖g_k‖), φ_k = n·u(‖Q+λB‖‖h‖ + ‖Q‖(‖x_{k+1}‖ + ‖x*‖))/√λ_min(B), compared where φ_k ≤ 0.1·‖pred‖_*; ρ_k the residual an iterative solve vouched for, u_in the rounding of g into a lower precision (0 in float64); u = ${run.unitRoundoff.toExponential(2)}`,
      gnsRecords(run).length - K,
      `${r.belowFloor} recursion steps below φ_k not compared; iterations from f − f* < ${atPrecision(1e-12, run.unitRoundoff).toExponential(2)}·max(1,|f*|) or a < ${Math.max(1e-8, GRADIENT_FLOOR_ULPS * run.unitRoundoff).toExponential(2)}·a_0 on are past the floor`,
    );
  },
};
