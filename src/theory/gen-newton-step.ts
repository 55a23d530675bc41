/**
 * C-P2: with the Newton direction d = ∇²f⁻¹∇f, GeN's rate is η* = ∇fᵀd/dᵀ∇²f d = 1 and on a quadratic
 * one step reaches x* (Bu & Xu 2025, §3: Newton–Raphson as the special case [P; V]). In floating
 * point (docs/theory.md#gen-newton-step): the Cholesky solve gives (Q + ΔQ)d̂ = ∇f̂ with
 * |ΔQ| ≤ γ_{3n+1}|R̂ᵀ||R̂| (Higham 2002, Thm 10.4), so with e = ∇f̂ − ∇f,
 *   |η* − 1| ≤ (|eᵀd̂| + |d̂ᵀΔQd̂|)/(∇f̂ᵀd̂ − |d̂ᵀΔQd̂|),
 * the estimate adds δη (gen-rounding.ts); and x − ηd̂ − x* = Q⁻¹((1 − η)∇f − ηe + ηΔQd̂), so
 *   f(x − ηd̂) − f* ≤ (δ₁‖∇f‖ + (1 + δ₁)(‖e‖ + ‖ΔQd̂‖))²/(2λ_min(Q)),  δ₁ the derived bound on |η − 1|,
 * plus the rounding of the step point and of f there. R̂ is recomputed by the same float64 kernel.
 */
import { cholesky } from '../linalg/cholesky.js';
import { eigenvalueEnclosure } from '../problems/families/certified-spectral-bounds.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { spdQuadratic } from './assumptions.js';
import { gammaConstant } from './cholesky-backward-error.js';
import { displacementAllowance, estimateError, exactRate, fAllowance, genRecords, offsetBound, quadraticData, stepPointDelta, upperDot } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const newtonDirection: Assumption = {
  id: 'gen-newton-direction',
  statement: 'GeN with the Newton direction d = ∇²f⁻¹∇f (directionScale 1), rate exact or three-point',
  holds: (run) => {
    const o = run.methodOptions;
    if (o.direction !== 'newton' || o.directionScale !== 1) return `direction '${String(o.direction)}', scale ${String(o.directionScale)}`;
    return o.form === 'exact' || o.form === 'three-point' ? true : `the rate form is '${String(o.form)}'`;
  },
};

const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s) * (1 + 2 ** -50);
};

export function checkNewtonStep(run: ScenarioRun) {
  const q = quadraticData(run);
  const u = run.unitRoundoff;
  const n = q.xStar.length;
  const factor = cholesky(q.Q);
  const lambdaMin = eigenvalueEnclosure(q.Q).min;
  const o = run.methodOptions;
  const rateIsCandidate = o.smoothing === 0 && o.clamp === false;
  const w = new WorstRatio();
  let unjudged = 0;
  const records = genRecords(run);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.estimated || !factor.ok) continue;
    const L = factor.factor.l;
    const d = r.direction;
    const absD = d.map(Math.abs);
    // |R̂||d̂| with R̂ = Lᵀ, then |R̂ᵀ||R̂||d̂|
    const Rd = new Float64Array(n);
    for (let a = 0; a < n; a++) for (let b = a; b < n; b++) Rd[a] += Math.abs(L[b * n + a]) * absD[b];
    const RtRd = new Float64Array(n);
    for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) RtRd[a] += Math.abs(L[a * n + b]) * Rd[b];
    const g3 = gammaConstant(3 * n + 1, u) * (1 + gammaConstant(n + 2, u));
    const dQd = g3 * upperDot(Rd, Rd, u);
    const qd = norm(RtRd) * g3;
    const exact = exactRate(q, r, u);
    const e = exact.gradientError;
    const eD = upperDot(e, absD, u);
    let gd = 0;
    for (let j = 0; j < n; j++) gd += r.g[j] * d[j];
    const gdLow = gd - gammaConstant(n, u) * upperDot(r.g.map(Math.abs), absD, u);
    const etaStarOff = gdLow - dQd > 0 ? ((eD + dQd) / (gdLow - dQd)) * (1 + 4 * u) : Infinity;
    const delta1 = etaStarOff + estimateError(q, r, String(o.form), u, exact);
    if (!Number.isFinite(delta1)) {
      unjudged++;
      continue;
    }
    const off = Math.abs(r.candidate - 1);
    w.see(off === 0 ? 0 : off / delta1, `k=${r.k}: η̂=${r.candidate} allowance |η−1| ≤ ${delta1.toExponential(2)}`);
    if (!rateIsCandidate || !r.rateFromFit || !r.stepTaken || !r.h) continue;
    const next = records[i + 1];
    const xNext = next ? next.x : r.x.map((xi, j) => xi + (r.h as Float64Array)[j]);
    const fNext = next ? next.f : r.fNext;
    const eNorm = norm(e);
    const gNorm = norm(r.g) + eNorm;
    const residual = delta1 * gNorm + (1 + delta1) * (eNorm + qd);
    const delta = stepPointDelta(r.x, d, r.rate, u);
    const rNext = offsetBound(q, xNext, u).map((v, j) => v + delta[j]);
    const bound = ((residual * residual) / (2 * lambdaMin) + displacementAllowance(q, rNext, delta, u) + fAllowance(q, rNext, u)) * (1 + gammaConstant(4, u));
    const excess = fNext - q.fStar;
    w.see(excess <= 0 ? 0 : excess / bound, `k=${r.k}: f(x_{k+1})−f*=${excess.toExponential(3)} bound=${bound.toExponential(3)}`);
  }
  return w.verdict(
    '|η̂ − 1| ≤ (|eᵀd̂| + γ_{3n+1}‖R̂d̂‖²)/(∇f̂ᵀd̂ − γ_{3n+1}‖R̂d̂‖²) + δη; f(x_{k+1}) − f* ≤ (δ₁‖∇f‖ + (1+δ₁)(‖e‖ + ‖ΔQd̂‖))²/(2λ_min) + rounding of x_{k+1} and f there (docs/theory.md#gen-newton-step)',
    unjudged > 0 ? `${unjudged} estimate${unjudged === 1 ? '' : 's'} not judged: the rounding floor reaches ∇fᵀd (at x*)` : undefined,
  );
}

export const genNewtonStep: Theorem = {
  id: 'gen-newton-step',
  title: 'GeN (C-P2): with the Newton direction the rate is 1 and one step reaches x* on an SPD quadratic',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), Section 3: Newton–Raphson is GeN with d = H⁻¹G, η* = 1 [P; V]; Cholesky backward error (Higham 2002, Thm 10.4); docs/theory.md#gen-newton-step',
  statement: 'd=\\nabla^2 f^{-1}\\nabla f:\\quad \\hat\\eta=1,\\qquad x_{k}-\\hat\\eta\\, d=x^\\star',
  assumptions: [capability('gen-rate'), spdQuadratic, newtonDirection],
  tight: true,
  gating: true,
  gatingReason: 'an identity of Newton\'s step on a quadratic; the allowances are the Cholesky solve\'s backward error (Higham Thm 10.4), the gradient\'s rounding, the rate form\'s derived error and the rounding of the step and of f, with λ_min(Q) from a certified enclosure',
  check: checkNewtonStep,
};
