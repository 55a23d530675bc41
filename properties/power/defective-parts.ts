/**
 * Parts of Algorithm 1 (src/solvers/gns-parts.ts) broken on purpose, for the power checks: each
 * property must catch the method built with its defective part swapped in.
 */
import type { GammaUpdate } from '../../src/solvers/gamma-update.js';
import { doubleOrHalve } from '../../src/solvers/gamma-update.js';
import type { RecordReport } from '../../src/solvers/gns-record.js';
import type { IdealGammaChoice } from '../../src/solvers/ideal-gamma.js';
import type { LambdaRule } from '../../src/solvers/lambda-rule.js';
import { prepareStep, type StepSolve } from '../../src/solvers/regularized-step.js';

/** λ = 1/(γ + ε): ‖∇f‖_* left out */
export const lambdaWithoutGradNorm: LambdaRule = (_gradNorm, gamma, eps) => 1 / (gamma + eps);

/** h = −(H + λI)⁻¹g: the solve ignores B (every norm is still measured in B) */
export const solveIgnoringMetric: StepSolve = (backend, hessian, metric, g) => prepareStep(backend, hessian, backend.identityMetric(metric.n), g);

/** at odd k, every trial reuses the step taken last instead of solving */
export const staleStepAtOddK: StepSolve = (backend, hessian, metric, g, { k, previousStep }) => {
  if (k % 2 === 0 || previousStep === null) return prepareStep(backend, hessian, metric, g);
  const h = backend.vector(previousStep);
  return { at: () => ({ ok: true, h, solveResidual: 0 }) };
};

/** some step taken at an odd k is, bit for bit, the step taken before it: `staleStepAtOddK` took effect */
export function staleStepTaken(records: readonly { readonly k: number; readonly h: Float64Array | null }[]): boolean {
  let previous: Float64Array | null = null;
  for (const r of records) {
    if (!r.h) continue;
    const last = previous;
    if (r.k % 2 === 1 && last && r.h.every((v, i) => Object.is(v, last[i]))) return true;
    previous = r.h;
  }
  return false;
}

/** rank-one H = αvvᵀ: h = −(B⁻¹g + c·B⁻¹v)/λ, Sherman–Morrison's correction with its sign flipped (−c is right); other H as prepareStep */
export const flippedShermanMorrison: StepSolve = (backend, hessian, metric, g) => {
  if (hessian.kind !== 'rank-one') return prepareStep(backend, hessian, metric, g);
  const { alpha, v } = hessian;
  const bg = metric.solve(g);
  const bv = metric.solve(v);
  const vbv = backend.dot(v, bv);
  const vbg = backend.dot(v, bg);
  return {
    at(lambda) {
      const c = (alpha * vbg) / (lambda + alpha * vbv);
      return { ok: true, h: backend.scale(-1 / lambda, backend.axpy(c, bv, bg)), solveResidual: 0 };
    },
  };
};

/** γ ← max(factor·γ, γ_min) on acceptance (2 is right), halved on rejection */
export function growthOnAcceptance(factor: number): GammaUpdate {
  return { accepted: (gamma, gammaMin) => Math.max(factor * gamma, gammaMin), rejected: doubleOrHalve.rejected };
}

/** the start-of-iteration γ (the authors' history value) reported as the accepted γ */
export const startGammaReportedAsAccepted: RecordReport = (record) => (record.gammaAccepted === null ? record : { ...record, gammaAccepted: record.gammaStart });

/** γ_k = factor·θ·γ(x_k): the ideal rule overshooting γ(x_k) (1 is right) */
export function overshootingIdealGamma(factor: number): IdealGammaChoice {
  return (theta, certified) => theta * certified * factor;
}
