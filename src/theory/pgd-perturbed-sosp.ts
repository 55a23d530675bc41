/**
 * The guarantee of perturbed P-GD (Bodard & Patrinos 2025, Algorithm 1 and its theorem [S], constants
 * not retrieved; docs/theory.md#pgd-perturbed-sosp): its output x̄ is an ε-second-order stationary point,
 *   λ⁻¹φ(∇φ*(λ∇f(x̄))) ≤ ε²   and   λ_min(H_λ(x̄)) ≥ −√(ρε),
 * with probability ≥ 1 − δ, where ρ is a Lipschitz constant of the curvature map H_λ (their
 * Assumption 3.3). ρ is estimated here by finite differences of H_λ along random segments in the ball
 * of radius 2·max(1, ‖x_k‖) about 0 (SEGMENTS of them, lengths 1e-3 and 1e-1 of the radius), so the
 * check is a diagnostic per run; the sample's frequency and its Clopper–Pearson bound are the claim.
 */
import { preconditionedHessian } from '../classes/curvature-map.js';
import { maxAbsEigenvalue, symmetricEigenvalues } from '../linalg/eigen.js';
import { type Matrix, matMul, matrix, transpose } from '../linalg/matrix.js';
import { norm2 } from '../linalg/vector.js';
import { gaussian, rng } from '../random/prng.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { type IsotropicKernel, stationarityMeasure } from '../solvers/isotropic-kernels.js';
import type { PerturbedPreconditionedGradientSummary } from '../solvers/perturbed-preconditioned-gradient.js';
import type { Oracle } from '../problems/oracle.js';
import { euclideanMetric, parametersOf, pgdRecords, preconditionerRecords } from './pgd-run.js';
import type { Assumption, Theorem } from './theorem.js';
import type { Verdict } from './verdict.js';

/** random segments of the ρ estimate */
export const SEGMENTS = 24;

/** H_λ(x) = ∇²φ*(λ∇f(x))·∇²f(x), S = aI + (b − a)eeᵀ */
export function curvatureMap(oracle: Oracle, kernel: IsotropicKernel, lambda: number, x: Float64Array): Matrix {
  const n = oracle.dim;
  const g = oracle.grad(x);
  const gNorm = norm2(g);
  const { a, b } = kernel.hessianCoefficients(lambda * gNorm);
  const S = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S.data[i * n + j] = (i === j ? a : 0) + (gNorm > 0 ? ((b - a) * g[i] * g[j]) / (gNorm * gNorm) : 0);
  }
  return matMul(S, oracle.hess(x));
}

/** ‖M‖₂ = λ_max(MᵀM)^½ */
function spectralNorm(m: Matrix): number {
  return Math.sqrt(Math.max(0, maxAbsEigenvalue(matMul(transpose(m), m))));
}

/** max ‖H_λ(x) − H_λ(y)‖₂/‖x − y‖ over random segments in the ball of radius R about 0 (seeded) */
export function estimatedCurvatureLipschitz(oracle: Oracle, kernel: IsotropicKernel, lambda: number, radius: number, seed: number): number {
  const n = oracle.dim;
  const next = rng(seed);
  const direction = () => {
    const z = Float64Array.from({ length: n }, () => gaussian(next));
    const zn = norm2(z);
    return z.map((v) => v / zn);
  };
  let rho = 0;
  for (let s = 0; s < SEGMENTS; s++) {
    const x = direction().map((v) => v * radius * next() ** (1 / n));
    const length = radius * (s % 2 === 0 ? 1e-3 : 1e-1);
    const y = direction().map((v, i) => x[i] + length * v);
    const hx = curvatureMap(oracle, kernel, lambda, x);
    const hy = curvatureMap(oracle, kernel, lambda, y);
    const diff = matrix(n, n, hx.data.map((v, i) => v - hy.data[i]));
    rho = Math.max(rho, spectralNorm(diff) / length);
  }
  return rho;
}

const perturbedOutput: Assumption = {
  id: 'perturbed-output',
  statement: 'the method perturbs (options ε, radius, window) and states its output point',
  holds: (run) => (typeof run.methodOptions.epsilon === 'number' && 'output' in run.summary ? true : `the method '${run.method.id}' states no perturbed output`),
};

export interface SospCheck {
  readonly measure: number;
  readonly epsilon: number;
  readonly minCurvature: number;
  readonly rho: number;
  readonly output: Float64Array;
}

/** The output's measure and λ_min(H_λ), with ε and the estimated ρ. */
export function sospAtOutput(run: ScenarioRun): SospCheck {
  const { kernel, lambda } = parametersOf(run);
  const oracle = run.instance.problem.oracle;
  const summary = run.summary as PerturbedPreconditionedGradientSummary;
  const output = summary.output;
  const g = oracle.grad(output);
  const values = symmetricEigenvalues(preconditionedHessian(kernel, lambda, g, oracle.hess(output)));
  const radius = 2 * Math.max(1, norm2(output), ...pgdRecords(run).map((r) => norm2(r.x)));
  return {
    measure: stationarityMeasure(kernel, lambda, g),
    epsilon: run.methodOptions.epsilon as number,
    minCurvature: values.length === 0 ? 0 : values[0],
    rho: estimatedCurvatureLipschitz(oracle, kernel, lambda, radius, run.instance.name.seed),
    output,
  };
}

export function checkPgdPerturbedSosp(run: ScenarioRun): Verdict {
  const c = sospAtOutput(run);
  const first = c.measure / (c.epsilon * c.epsilon);
  const threshold = Math.sqrt(c.rho * c.epsilon);
  const second = c.minCurvature >= 0 ? 0 : threshold > 0 ? -c.minCurvature / threshold : Infinity;
  const ratio = Math.max(first, second);
  return {
    status: ratio <= 1 ? 'holds' : 'violated',
    worstRatio: ratio,
    where: `output (iteration ${(run.summary as PerturbedPreconditionedGradientSummary).outputIteration}): λ⁻¹φ(∇φ*(λg)) = ${c.measure.toExponential(3)} vs ε² = ${(c.epsilon * c.epsilon).toExponential(3)}; λ_min(H_λ) = ${c.minCurvature.toPrecision(4)} vs −√(ρε) = ${(-threshold).toPrecision(4)}`,
    slack: `none: ε-SOSP as stated, ρ = ${c.rho.toPrecision(4)} estimated by finite differences of H_λ on ${SEGMENTS} random segments`,
    checked: 1,
    pastFloor: 0,
    note: 'a diagnostic: the paper\'s thresholds and constants were not retrieved and ρ is estimated; the claim is the frequency over a sample (probability ≥ 1 − δ)',
    gating: false,
  };
}

export const pgdPerturbedSosp: Theorem = {
  id: 'pgd-perturbed-sosp',
  title: 'Perturbed P-GD outputs an ε-second-order stationary point (with probability ≥ 1 − δ)',
  source: 'Bodard & Patrinos 2025 (arXiv 2509.15817), Algorithm 1 and its guarantee under Assumption 3.3 (H_λ ρ-Lipschitz) [S], after Jin, Ge, Netrapalli, Kakade & Jordan 2017; thresholds reconstructed [R]; docs/theory.md#pgd-perturbed-sosp',
  statement: '\\lambda^{-1}\\varphi\\big(\\nabla\\varphi^*(\\lambda\\nabla f(\\bar x))\\big)\\le\\epsilon^2,\\qquad \\lambda_{\\min}(H_\\lambda(\\bar x))\\ \\ge\\ -\\sqrt{\\rho\\,\\epsilon}',
  assumptions: [preconditionerRecords, euclideanMetric, perturbedOutput],
  tight: false,
  gating: false,
  gatingReason: 'a diagnostic: a statement with probability ≥ 1 − δ, constants and thresholds not retrieved, ρ estimated; judged as a frequency over a sample with its Clopper–Pearson bound',
  check: checkPgdPerturbedSosp,
};
