/**
 * B-P2's outside reference: the enumerated E_ξ[v vᵀ] of the imitation rule against a central
 * finite-difference Hessian of ℓ(·, y) in p, at the first rows of the first records. The second difference
 * with step t has truncation O(t²·ℓ⁗), not bounded here, and rounding of order u·(|ℓ| + ‖p‖_∞)/t², added to
 * a measured tolerance (docs/theory.md#lehi-output-hessian-fd): a diagnostic.
 */
import { OUTPUT_LOSS } from '../problems/output-loss.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { ImitationRule } from '../solvers/imitation-vector.js';
import { diagonalScalingRecords, drawMoments, enumerateDraw, firstDistinctRows, imitationRun, recordRows, runModel } from './lehi-imitation-draws.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** step of the second differences */
export const FD_STEP = 1e-4;
/** |E[vvᵀ] − H_fd| ≤ FD_TOLERANCE·(1 + |E[vvᵀ]|) + the differences' rounding */
export const FD_TOLERANCE = 1e-5;
const RECORDS_CHECKED = 3;
const ROWS_CHECKED = 4;

export function finiteDifferenceHessian(value: (p: Float64Array) => number, p: Float64Array): Float64Array {
  const k = p.length;
  const t = FD_STEP;
  const at = (a: number, sa: number, b: number, sb: number): number => {
    const q = p.slice();
    q[a] += sa * t;
    q[b] += sb * t;
    return value(q);
  };
  const h = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) h[a * k + b] = (at(a, 1, b, 1) - at(a, 1, b, -1) - at(a, -1, b, 1) + at(a, -1, b, -1)) / (4 * t * t);
  return h;
}

export function checkOutputHessianFd(run: ScenarioRun): Verdict {
  const model = runModel(run);
  const loss = OUTPUT_LOSS[model.loss];
  const rule = run.methodOptions.imitation as ImitationRule;
  const k = model.outputs;
  const w = new WorstRatio();
  for (const r of diagonalScalingRecords(run).slice(0, RECORDS_CHECKED)) {
    for (const row of firstDistinctRows(recordRows(model, r), ROWS_CHECKED)) {
      const draw = enumerateDraw(model, r.x, row, rule);
      if (!draw) continue;
      const { second } = drawMoments(draw, k);
      const y = model.label(row);
      const p = model.predict(r.x, Uint32Array.of(row));
      const fd = finiteDifferenceHessian((q) => loss.value(q, y), p);
      // four values of ℓ near ℓ(p), each within a few ulps: the rounding of the quotient by 4t²
      const rounding = (8 * 2 ** -53 * (1 + Math.abs(loss.value(p, y)) + 2 * Math.max(...Array.from(p, Math.abs)))) / (FD_STEP * FD_STEP);
      for (let i = 0; i < k * k; i++) w.see(Math.abs(second[i] - fd[i]) / (FD_TOLERANCE * (1 + Math.abs(second[i])) + rounding), `k=${r.k}, row ${row}, entry ${i}: E[vvᵀ] = ${second[i].toExponential(6)}, finite difference ${fd[i].toExponential(6)}`);
    }
  }
  return w.verdict(`measured: |E[vvᵀ] − H_fd| ≤ ${FD_TOLERANCE}·(1 + |E[vvᵀ]|) + 8u(1 + |ℓ| + 2‖p‖_∞)/t², central differences with step t = ${FD_STEP}`);
}

export const lehiOutputHessianFd: Theorem = {
  id: 'lehi-output-hessian-fd',
  title: 'LEHI (B-P2, diagnostic): the enumerated E_ξ[vvᵀ] against a finite-difference Hessian of ℓ in p',
  source: 'condition (7) of Zhu et al. 2026 (arXiv 2605.06945) as reconstructed [R], against a finite-difference Hessian of ℓ in p; docs/theory.md#lehi-output-hessian-fd',
  statement: '\\big|\\mathbb E_\\xi[vv^\\top]-\\nabla^2_{p,\\mathrm{fd}}\\ell\\big|\\le 10^{-5}\\,(1+|\\mathbb E_\\xi[vv^\\top]|)',
  assumptions: [imitationRun],
  tight: true,
  gating: false,
  gatingReason: 'a finite-difference Hessian with a measured tolerance (its truncation and rounding errors depend on derivatives of ℓ not bounded here)',
  check: checkOutputHessianFd,
};
