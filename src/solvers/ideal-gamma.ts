import { falsifyLowerBound, gammaExact1D2D, type GammaGridOptions } from '../gns/gamma.js';
import { toDense } from '../hessians/dense-hessian.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import { solveSpd } from '../linalg/cholesky.js';
import { type Matrix, matVec, matrix } from '../linalg/matrix.js';
import { metricOperatorNorm } from '../linalg/metric.js';
import { allFinite, dot } from '../linalg/vector.js';
import type { MetricSpec } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { GnsRecord, GnsSummary } from './gns-record.js';
import type { SolverStatus } from './iteration-record.js';

/**
 * Algorithm 1 with the ideal regularization γ_k = θ·γ(x_k), θ ∈ (0, 1], and no search (spec §8.4
 * "ideal-γ runs"; Theorem 2 assumes γ_k = γ(x_k)): λ_k = ‖g_k‖_* /γ_k, x_{k+1} = x_k − (H_k + λ_kB)⁻¹g_k.
 * Dimension 1 or 2 only (γ(x_k) by `gammaExact1D2D`). The grid estimate overshoots γ slightly, so it
 * is capped at ‖g‖_* /‖E‖ (spec §2.2(4)) and shrunk until the direct check finds no h ∈ 𝒪 ∩ B_γ̂
 * with ‖r(h)‖_* > ‖g‖_*‖h‖/γ̂ (gns-validation §2). Records are GnsRecord-shaped: one trial,
 * 'accepted', with γ = γ_k (the acceptance test is not applied; Lemma 1 guarantees it).
 */
export interface IdealGammaOptions {
  readonly theta: number;
  readonly metric: MetricSpec;
  readonly maxIters: number;
  readonly gradTol?: number;
  readonly grid?: GammaGridOptions;
  /**
   * deliberate defects for power checks: `gammaFactor` multiplies the certified γ (a solver that
   * overshoots the ideal γ), `lambdaWithoutGradNorm` uses λ = 1/γ_k
   */
  readonly defect?: { readonly gammaFactor?: number; readonly lambdaWithoutGradNorm?: boolean };
}

/** A GnsRecord with what the ideal rule computed. */
export interface IdealGammaRecord extends GnsRecord {
  /** θ */
  readonly theta: number;
  /** the grid estimate of γ(x_k), before the cap and the certification */
  readonly gammaEstimate: number;
  /** ‖g‖_* /‖∇²f − H‖ (∞ when H = ∇²f) */
  readonly gammaCap: number;
  /** γ(x_k) as certified: capped and shrunk until the direct check passes (γ_k = θ·this) */
  readonly gammaCertified: number;
  /** the direct check's ratio at the certified γ (≤ 1) */
  readonly certifyRatio: number;
}

/** ∇²f(x) − H as a dense matrix */
export function hessianError(hTrue: Matrix, h: Matrix): Matrix {
  return matrix(hTrue.rows, hTrue.cols, hTrue.data.map((v, i) => v - h.data[i]));
}

export function* idealGamma(problem: Oracle, model: HessianModel, x0: Float64Array, options: IdealGammaOptions): Generator<IdealGammaRecord, GnsSummary, void> {
  const n = problem.dim;
  if (n > 2) throw new SolverConfigurationError(`ideal-γ: dimension ${n}; γ(x) is computed exactly only in 1-D and 2-D`);
  if (!(options.theta > 0 && options.theta <= 1)) throw new SolverConfigurationError(`ideal-γ: θ must be in (0, 1], got ${options.theta}`);
  const metric = metricOf(options.metric, n);
  const counts = { f: 0, grad: 0 };
  const f = (x: Float64Array): number => (counts.f++, problem.f(x));
  const grad = (x: Float64Array): Float64Array => (counts.grad++, problem.grad(x));
  let x = x0.slice();
  let fx = f(x);
  let g = grad(x);
  let a = metric.dualNorm(g);
  const history = { f: [] as number[], gradNorm: [] as number[], gammaStart: [] as number[], gradCalls: [] as number[] };
  let status: SolverStatus = 'iterations_exceeded';
  let k = 0;
  for (; ; k++) {
    if (!Number.isFinite(fx) || !Number.isFinite(a)) {
      status = 'non-finite';
      break;
    }
    if (a === 0 || (options.gradTol !== undefined && a < options.gradTol)) {
      status = a === 0 ? 'stationary' : 'success';
      break;
    }
    if (k >= options.maxIters) break;
    const hValue = model.at(x, k);
    const H = toDense(hValue, n);
    const hTrue = problem.hess(x);
    const errNorm = metricOperatorNorm(hessianError(hTrue, H), metric);
    const cap = errNorm > 0 ? a / errNorm : Infinity;
    const est = gammaExact1D2D(problem, x, g, H, metric, options.grid);
    let gammaHat = Math.min(est.gamma, cap, est.range.tMax);
    let certifyRatio = 0;
    for (let i = 0; i < 40; i++) {
      const check = falsifyLowerBound(gammaHat, problem, x, g, H, metric);
      certifyRatio = check.ratio;
      if (check.ratio <= 1) break;
      gammaHat = (gammaHat / check.ratio) * (1 - 1e-9);
    }
    const gammaK = options.theta * gammaHat * (options.defect?.gammaFactor ?? 1);
    const lambda = options.defect?.lambdaWithoutGradNorm ? 1 / gammaK : a / gammaK;
    history.f.push(fx);
    history.gradNorm.push(a);
    history.gammaStart.push(gammaK);
    history.gradCalls.push(counts.grad);
    const solved = solveSpd(metric.shifted(H, lambda), g.map((v) => -v));
    if (!solved.ok) {
      status = 'stalled';
      break;
    }
    const h = solved.x;
    const xNext = x.map((v, i) => v + h[i]);
    const fNext = f(xNext);
    const gNext = grad(xNext);
    const aNext = allFinite(gNext) ? metric.dualNorm(gNext) : NaN;
    const Hh = matVec(H, h);
    const stepNorm = metric.norm(h);
    const residualNorm = metric.dualNorm(gNext.map((v, i) => v - g[i] - Hh[i]));
    const record: IdealGammaRecord = {
      k,
      x,
      f: fx,
      g,
      gradNorm: a,
      gradCalls: counts.grad,
      fCalls: counts.f,
      gammaStart: gammaK,
      gammaAccepted: gammaK,
      trials: [{ gamma: gammaK, lambda, outcome: 'accepted', fNext, gradNormNext: aNext }],
      factorizationFailures: 0,
      exhausted: false,
      stepTaken: true,
      accepted: true,
      lambda,
      h,
      stepNorm,
      gh: dot(g, h),
      hHh: dot(Hh, h),
      fNext,
      gNext,
      gradNormNext: aNext,
      residualNorm,
      sigma: residualNorm / (lambda * stepNorm),
      theta: options.theta,
      gammaEstimate: est.gamma,
      gammaCap: cap,
      gammaCertified: gammaHat,
      certifyRatio,
    };
    yield record;
    x = xNext;
    fx = fNext;
    g = gNext;
    a = aNext;
  }
  history.f.push(fx);
  history.gradNorm.push(a);
  history.gammaStart.push(NaN);
  history.gradCalls.push(counts.grad);
  return { status, iterations: k, x, f: fx, gradNorm: a, gradCalls: counts.grad, fCalls: counts.f, history };
}
