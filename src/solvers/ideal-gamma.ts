import { falsifyLowerBound, gammaExact1D2D, type GammaGridOptions } from '../gns/gamma.js';
import { type Matrix, matrix } from '../linalg/matrix.js';
import { type Metric, metricOperatorNorm } from '../linalg/metric.js';
import { metricOf } from '../problems/metric.js';
import type { Oracle } from '../problems/oracle.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { GnsRecord } from './gns-record.js';
import { float64Hessian } from './regularized-step.js';
import { evaluateTrial, type SearchIteration, type SearchOutcome, type SearchPolicy, searchTrial } from './search-policy.js';

/**
 * The ideal regularization γ_k = θ·γ(x_k), θ ∈ (0, 1], and no search (docs/theory.md#algorithm-1-and-its-search, ideal-γ runs;
 * Theorem 2 assumes γ_k = γ(x_k)): λ_k = ‖g_k‖_* /γ_k, x_{k+1} = x_k − (H_k + λ_kB)⁻¹g_k.
 * Dimension 1 or 2 only (γ(x_k) by `gammaExact1D2D`, in float64). The grid estimate overshoots γ
 * slightly, so it is capped at ‖g‖_* /‖E‖ (docs/theory.md#gamma-cap) and shrunk until the direct check finds no
 * h ∈ 𝒪 ∩ B_γ̂ with ‖r(h)‖_* > ‖g‖_*‖h‖/γ̂ (docs/theory.md#lemma1-chain). Records are GnsRecord-shaped: one
 * trial, 'accepted', with γ = γ_k (the acceptance test is not applied; Lemma 1 guarantees it); a
 * failed factorization stalls the run.
 */
export interface IdealGammaOptions {
  readonly theta: number;
  readonly grid?: GammaGridOptions;
}

/** true, or why θ is not a fraction of γ(x_k) the ideal rule may take */
export function thetaProblem(theta: unknown): true | string {
  return typeof theta === 'number' && theta > 0 && theta <= 1 ? true : `θ must lie in (0, 1], got ${String(theta)}`;
}

/** The ideal policy's γ_k from θ and the certified γ(x_k), a part of the method. */
export type IdealGammaChoice = (theta: number, certified: number) => number;

/** γ_k = θ·γ(x_k) */
export const thetaTimesCertified: IdealGammaChoice = (theta, certified) => theta * certified;

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

/** γ(x) capped at ‖g‖_* /‖∇²f − H‖ and certified by the direct check (see above), with what it was computed from. */
function certifiedGamma(problem: Oracle, x: Float64Array, g: Float64Array, gradNorm: number, H: Matrix, metric: Metric, grid: GammaGridOptions | undefined) {
  const errNorm = metricOperatorNorm(hessianError(problem.hess(x), H), metric);
  const cap = errNorm > 0 ? gradNorm / errNorm : Infinity;
  const estimate = gammaExact1D2D(problem, x, g, H, metric, grid);
  let gamma = Math.min(estimate.gamma, cap, estimate.range.tMax);
  let certifyRatio = 0;
  for (let i = 0; i < 40; i++) {
    const check = falsifyLowerBound(gamma, problem, x, g, H, metric);
    certifyRatio = check.ratio;
    if (check.ratio <= 1) break;
    gamma = (gamma / check.ratio) * (1 - 1e-9);
  }
  return { gammaEstimate: estimate.gamma, gammaCap: cap, gammaCertified: gamma, certifyRatio };
}

/** The ideal-γ search policy: one trial at γ_k = parts.idealGamma(θ, γ(x_k) certified), taken as 'accepted'. */
export function idealGammaSearch(options: IdealGammaOptions): SearchPolicy {
  return {
    start({ problem, metric: spec }) {
      const n = problem.dim;
      if (n > 2) throw new SolverConfigurationError(`ideal-γ: dimension ${n}; γ(x) is computed exactly only in 1-D and 2-D`);
      const valid = thetaProblem(options.theta);
      if (valid !== true) throw new SolverConfigurationError(`ideal-γ: ${valid}`);
      const metric = metricOf(spec, n);
      return {
        gamma0: NaN,
        iterate<V, M>({ state: s, hessian, steps, rule, parts }: SearchIteration<V, M>): SearchOutcome<V> | null {
          const certified = certifiedGamma(problem, s.x, s.g, s.gradNorm, float64Hessian(s.backend, hessian, n), metric, options.grid);
          const gamma = parts.idealGamma(options.theta, certified.gammaCertified);
          const lambda = parts.lambda(s.gradNorm, gamma, rule.eps);
          const step = steps.at(lambda);
          if (!step.ok) return null;
          const trial = evaluateTrial(s, lambda, step);
          return {
            search: { gammaStart: gamma, gammaAccepted: gamma, trials: [searchTrial(gamma, 'accepted', trial)], factorizationFailures: 0, exhausted: false },
            taken: trial,
            gammaNext: NaN,
            fields: { theta: options.theta, ...certified },
          };
        },
      };
    },
  };
}
