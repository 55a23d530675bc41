/**
 * D-P3: squared loss, the GGN (= JᵀJ/n), the full batch, no l2: with δ_k = −(JᵀJ/n + μ_kI)⁻¹Jᵀr_k/n and
 * h_k = ηδ_k the residuals of a model linear in x (the linearized two-layer network, J constant) obey
 * exactly r_{k+1} = (I − ηJ(JᵀJ/n + μI)⁻¹Jᵀ/n)r_k = (I − ηJJᵀ(JJᵀ + nμI)⁻¹)r_k, so with the eigenvalues s of
 * JJᵀ, ‖r_{k+1}‖ ≤ max_s |1 − ηs/(s + nμ)|·‖r_k‖; t = s/(s + nμ) ∈ [0, 1) and |1 − ηt| is largest at an
 * end of [t_min, t_max], so for η ≤ 1 (then 1 − ηt ≥ 0 and η(t_min + t_max) < 2) the maximum is
 * 1 − ηs_min/(s_min + nμ), the stated factor (docs/theory.md#natural-gradient-residual-contraction).
 * In float64, with δ̂ solving (A)δ̂ = −ĝ + res, ĝ = Jᵀr/n + e_g, x_{k+1} = x_k + ηδ̂ + Δx:
 *   ‖r_{k+1}‖ ≤ c_k‖r_k‖ + η‖JA⁻¹‖(‖res‖ + ‖e_g‖) + ‖J‖‖Δx‖,  ‖JA⁻¹‖ ≤ min(√n/(2√μ), n/√s_min),
 * res from the route's derived allowance, |e_g| ≤ γ_{n+d+6}|J|ᵀ(|u₀| + |J||x − x₀| + |y| + |r̂|)/n,
 * |Δx| ≤ γ₂(|x_k| + η|δ̂|), and the check's own r̂ within γ_{d+3}(|u₀| + |J||x − x₀| + |y|); s_min from a
 * certified enclosure of λ_min(JJᵀ) (certified-spectral-bounds.ts).
 */
import { transpose } from '../linalg/matrix.js';
import type { LinearizedModel } from '../problems/linearized-model.js';
import { gramEigenvalueEnclosure } from '../problems/families/certified-spectral-bounds.js';
import { allRows } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { JudgedRecords } from './judged-records.js';
import { capability } from './method-capabilities.js';
import { finiteRecord, gammaOf, type NaturalGradientRecord, naturalGradientRecords, normUp, runModel } from './natural-gradient-records.js';
import { regularizesGradient, systemSolved } from './natural-gradient-solved-system.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

/** the stated factor 1 − ηs/(s + nμ) at s (nonincreasing in s, so a lower bound on s_min gives an upper bound) */
export function contractionFactor(eta: number, s: number, n: number, mu: number): number {
  return 1 - (eta * s) / (s + n * mu);
}

/** the full-batch Gauss–Newton step of squared loss on the whole data (the setting of D-P3) */
export const fullBatchGaussNewton: Assumption = {
  id: 'full-batch-gauss-newton',
  statement: 'squared loss, one output, l2 = 0; RING or R-Kalman on the full batch with the dense GGN, solved directly, formed every iteration',
  holds: (run) => {
    const model = runModel(run);
    if (!model || model.loss !== 'squared' || model.outputs !== 1 || model.l2 !== 0) return 'not a one-output squared loss without l2';
    if (naturalGradientRecords(run).some(regularizesGradient)) return 'RENG preconditions g + ρHg, not g';
    const o = run.methodOptions;
    if (o.batch !== 0 || o.curvatureBatch !== 0 || o.curvature !== 'ggn' || o.lazy !== 1) return 'not the full-batch GGN formed every iteration';
    const records = naturalGradientRecords(run);
    return records.every((r) => r.structure === 'dense' && (r.inverse === 'direct' || r.inverse === 'push-through')) ? true : 'not a dense direct or push-through solve';
  },
};

/** η ≤ 1: the stated factor is the maximum of |1 − ηs/(s + nμ)| over the spectrum (module comment) */
export const stepAtMostOne: Assumption = {
  id: 'step-at-most-one',
  statement: 'η ≤ 1',
  holds: (run) => {
    const eta = naturalGradientRecords(run)[0]?.stepSize;
    return eta !== undefined && eta > 0 && eta <= 1 ? true : `η = ${eta}`;
  },
};

export const linearizedNetwork: Assumption = {
  id: 'linearized-network',
  statement: 'the model is linear in x (the two-layer network linearized at x₀)',
  holds: (run) => (run.instance.name.family === 'two-layer-relu' && run.instance.name.params.linearized === 1 ? true : `'${run.instance.name.family}' is not the linearized two-layer network`),
};

interface ResidualParts {
  readonly r: Float64Array;
  /** ≥ |r̂ − r| entry by entry */
  readonly error: Float64Array;
  /** |u₀| + |J||x − x₀| + |y| */
  readonly magnitude: Float64Array;
}

function residualAt(model: LinearizedModel, x: Float64Array): ResidualParts {
  const n = model.rowCount;
  const d = model.dim;
  const rows = allRows(model);
  const u = model.predict(x, rows);
  const J = model.stackedJacobian.data;
  const r = new Float64Array(n);
  const magnitude = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = model.label(i)[0];
    r[i] = u[i] - y;
    let s = Math.abs(model.initialOutputs[i]) + Math.abs(y);
    for (let j = 0; j < d; j++) s += Math.abs(J[i * d + j]) * Math.abs(x[j] - model.at[j]);
    magnitude[i] = s * (1 + gammaOf(d + 3));
  }
  return { r, error: magnitude.map((m) => gammaOf(d + 3) * m), magnitude };
}

/** |J|ᵀv for v ≥ 0 */
function absTransposeTimes(model: LinearizedModel, v: Float64Array): Float64Array {
  const n = model.rowCount;
  const d = model.dim;
  const J = model.stackedJacobian.data;
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j] += Math.abs(J[i * d + j]) * v[i];
  return out.map((v) => v * (1 + gammaOf(n + 1)));
}

export function checkResidualContraction(run: ScenarioRun) {
  const model = runModel(run) as LinearizedModel;
  const records = naturalGradientRecords(run);
  const n = model.rowCount;
  const d = model.dim;
  const J = model.stackedJacobian;
  const spectrum = gramEigenvalueEnclosure(transpose(J));
  const sMin = Math.max(0, spectrum.min);
  const jNorm = Math.sqrt(J.data.reduce((s, v) => s + v * v, 0) * (1 + gammaOf(n * d + 1))) * (1 + 2 ** -51);
  const w = new WorstRatio();
  const judged = new JudgedRecords();
  for (let i = 0; i + 1 < records.length; i++) {
    const r: NaturalGradientRecord = records[i];
    const next = records[i + 1];
    if (!r.stepTaken) continue;
    if (!finiteRecord(r) || !finiteRecord(next)) {
      judged.skip('its vectors or the next iterate are not finite');
      continue;
    }
    // δ̂ solves (A)δ̂ = −q + res for the recorded q = ĝ, or R-Kalman's q′ = Jᵀr̂/n from its innovation (both within e_g of Jᵀr/n)
    const solved = systemSolved(run, records, r);
    const res = solved ? solved.bound : Infinity;
    const mu = r.damping;
    if (!Number.isFinite(res) || !(mu > 0)) {
      judged.skip('μ = 0 or no solve allowance');
      continue;
    }
    judged.judge();
    const eta = r.stepSize;
    const now = residualAt(model, r.x);
    const after = residualAt(model, next.x);
    const factor = contractionFactor(eta, sMin, n, mu * (1 + 2 ** -51)) * (1 + 4 * 2 ** -53);
    const gradientError = absTransposeTimes(
      model,
      now.magnitude.map((m, j) => m + Math.abs(now.r[j]) + now.error[j]),
    ).map((v) => (gammaOf(n + d + 6) * v) / n);
    const inverseGain = Math.min(Math.sqrt(n) / (2 * Math.sqrt(mu)), sMin > 0 ? n / Math.sqrt(sMin) : Infinity) * (1 + 2 ** -50);
    const stepRounding = normUp(r.x.map((xj, j) => gammaOf(2) * (Math.abs(xj) + eta * Math.abs(r.direction[j]))));
    const slack = eta * inverseGain * (res + normUp(gradientError)) + jNorm * stepRounding;
    const observed = normUp(after.r);
    const bound = (factor * (normUp(now.r) + normUp(now.error)) + normUp(after.error) + slack) * (1 + 8 * 2 ** -53);
    w.see(observed / bound, `k=${r.k}: ‖r_{k+1}‖=${observed.toExponential(4)} ≤ ${factor.toFixed(6)}·‖r_k‖=${(factor * normUp(now.r)).toExponential(4)} (+ rounding ${(bound - factor * normUp(now.r)).toExponential(2)}), λ_min(JJᵀ) ≥ ${sMin.toExponential(3)}`);
  }
  return judged.verdict(
    w,
    '‖r_{k+1}‖ ≤ (1 − ηs_min/(s_min + nμ_k))(‖r̂_k‖ + ε_k) + ε_{k+1} + η·min(√n/(2√μ), n/√s_min)(‖res‖ + ‖e_g‖) + ‖J‖‖Δx‖, s_min a certified lower bound on λ_min(JJᵀ) (docs/theory.md#natural-gradient-residual-contraction)',
    'no step was judged',
  );
}

export const naturalGradientResidualContraction: Theorem = {
  id: 'natural-gradient-residual-contraction',
  title: 'GRNG (D-P3): on the linearized two-layer network each damped Gauss–Newton step contracts the residual by 1 − ηλ_min(JJᵀ)/(λ_min + nμ_k)',
  source:
    'Dash et al. 2026 (arXiv 2601.18420): convergence on a two-layer network [S]; the linearized contraction in the Zhang–Martens–Grosse 2019 style [R, V]; the condition η ≤ 1 derived here; docs/theory.md#natural-gradient-residual-contraction',
  statement: '\\|r_{k+1}\\|\\le\\Big(1-\\frac{\\eta\\,\\lambda_{\\min}(JJ^\\top)}{\\lambda_{\\min}(JJ^\\top)+n\\mu_k}\\Big)\\|r_k\\|',
  assumptions: [capability('natural-gradient'), linearizedNetwork, fullBatchGaussNewton, stepAtMostOne],
  tight: true,
  gating: true,
  gatingReason:
    'exact for a model linear in x (r_{k+1} = (I − ηJJᵀ(JJᵀ + nμI)⁻¹)r_k) under the derived condition η ≤ 1; slack: the solve\'s derived residual, the gradient\'s and the step\'s rounding carried through ‖J(JᵀJ/n + μI)⁻¹‖, the residuals\' evaluation, λ_min(JJᵀ) from a certified enclosure',
  check: checkResidualContraction,
};
