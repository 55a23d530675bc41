import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { additivePerturbation } from '../../src/hessians/additive-perturbation.js';
import { toDense } from '../../src/hessians/dense-hessian.js';
import { diagonalHessian } from '../../src/hessians/diagonal.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import { fisherTerm } from '../../src/hessians/fisher-term.js';
import { float32Rounding } from '../../src/hessians/float32-rounding.js';
import { gaussNewton } from '../../src/hessians/gauss-newton.js';
import type { HessianModel } from '../../src/hessians/hessian-model.js';
import { lowRankSketch } from '../../src/hessians/low-rank-sketch.js';
import { spectralPerturbation } from '../../src/hessians/spectral-perturbation.js';
import { staleHessian } from '../../src/hessians/stale.js';
import { weightedGaussNewton } from '../../src/hessians/weighted-gauss-newton.js';
import { symmetricEigenvalues } from '../../src/linalg/eigen.js';
import { metricMinEigenvalue, metricOperatorNorm } from '../../src/linalg/metric.js';
import type { Family } from '../../src/problems/family.js';
import { l0l1Family } from '../../src/problems/families/l0-l1-family.js';
import { nonlinearEquationsLinearFamily } from '../../src/problems/families/linear-residual.js';
import { logisticFamily } from '../../src/problems/families/logistic.js';
import type { LogSumExpOracle } from '../../src/problems/families/logsumexp.js';
import { logSumExpFamily } from '../../src/problems/families/logsumexp.js';
import type { NonlinearEquationsOracle } from '../../src/problems/families/nonlinear-equations.js';
import { quadraticFamily } from '../../src/problems/families/quadratic.js';
import type { Instance } from '../../src/problems/instance.js';
import { metricOf } from '../../src/problems/metric.js';
import { gaussian, rng } from '../../src/random/prng.js';

/**
 * Every certified Hessian model keeps its promise ‖∇²f(x) − H(x)‖ ≤ C1 + C2‖∇f(x)‖_*^(1−β), measured
 * with the eigensolver in the instance's metric, on random instances and points; PSD when promised.
 */
function check(instance: Instance, model: HessianModel, points: number, seed: number): { worst: number; certified: boolean } {
  const cert = model.certificate;
  const o = instance.problem.oracle;
  const n = o.dim;
  const metric = metricOf(instance.metric, n);
  const next = rng(seed);
  let kappa = 1;
  if (instance.metric.kind === 'dense') {
    const ev = symmetricEigenvalues(instance.metric.B);
    kappa = ev[n - 1] / ev[0];
  }
  // whitening by an ill-conditioned B costs about n·κ(B)·u of relative accuracy
  const rel = Math.max(1e-9, 64 * (n + 1) * kappa * 2 ** -53);
  let worst = 0;
  for (let p = 0; p < points; p++) {
    const scale = 10 ** (2 * next() - 1.5);
    const x = Float64Array.from(instance.x0, (xi) => xi + scale * gaussian(next));
    const exact = o.hess(x);
    const h = toDense(model.at(x, p), n);
    const e = { rows: n, cols: n, data: Float64Array.from(exact.data, (v, i) => v - h.data[i]) };
    const err = metricOperatorNorm(e, metric);
    const slack = rel * (metricOperatorNorm(exact, metric) + metricOperatorNorm(h, metric)) + 1e-300;
    if (cert.psd) expect(metricMinEigenvalue(h, metric)).toBeGreaterThanOrEqual(-rel * metricOperatorNorm(h, metric) - 1e-300);
    if (!cert.certified) continue;
    const bound = cert.C1 + cert.C2 * metric.dualNorm(o.grad(x)) ** (1 - cert.beta);
    worst = Math.max(worst, (err - slack) / bound);
  }
  return { worst, certified: cert.certified };
}

function instances(family: Family, count: number, seed: number, maxDim = 8): Instance[] {
  return fc.sample(family.arbitrary({ maxDim }), { seed, numRuns: count }).map((n) => family.build(n));
}

const smooth = [quadraticFamily, logisticFamily, logSumExpFamily, l0l1Family];

describe('Hessian model certificates hold on random instances and points', () => {
  const perturbations: [string, (i: Instance, s: number) => HessianModel][] = [
    ['additive psd β=0', (i, s) => additivePerturbation(exactHessianOf(i), i, { C1: 0.1, C2: 0.5, beta: 0, shape: 'psd', seed: s })],
    ['additive indefinite β=½', (i, s) => additivePerturbation(exactHessianOf(i), i, { C1: 0, C2: 2, beta: 0.5, shape: 'indefinite', seed: s })],
    ['additive C1 only', (i, s) => additivePerturbation(exactHessianOf(i), i, { C1: 3, C2: 0, beta: 1, shape: 'indefinite', seed: s })],
    ['spectral δ=0.3', (i, s) => spectralPerturbation(exactHessianOf(i), i, 0.3, s)],
    ['low-rank sketch r=2', (i, s) => lowRankSketch(exactHessianOf(i), i, 2, s)],
    ['stale every 3', (i) => staleHessian(exactHessianOf(i), i, 3)],
    ['float32 rounding', (i) => float32Rounding(exactHessianOf(i), i)],
    ['diagonal', (i) => diagonalHessian(i)],
  ];
  it.each(perturbations)('%s', (_, make) => {
    let certified = 0;
    let worst = 0;
    for (const family of smooth) {
      for (const [j, instance] of instances(family, 6, 101).entries()) {
        const r = check(instance, make(instance, j), 6, j);
        worst = Math.max(worst, r.worst);
        if (r.certified) certified++;
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(certified).toBeGreaterThan(0);
  });

  it('weighted Gauss–Newton on LogSumExp: ‖E‖ = a²/μ exactly, within the certified C2 = maxᵢ‖aᵢ‖_*/μ', () => {
    for (const [j, instance] of instances(logSumExpFamily, 20, 7).entries()) {
      const oracle = instance.problem.oracle as LogSumExpOracle;
      const metric = metricOf(instance.metric, oracle.dim);
      const model = weightedGaussNewton(oracle, metric);
      expect(check(instance, model, 5, j).worst).toBeLessThanOrEqual(1);
      const x = Float64Array.from(instance.x0);
      const h = toDense(model.at(x, 0), oracle.dim);
      const exact = oracle.hess(x);
      const e = { rows: oracle.dim, cols: oracle.dim, data: Float64Array.from(exact.data, (v, i) => v - h.data[i]) };
      const a = metric.dualNorm(oracle.grad(x));
      expect(metricOperatorNorm(e, metric)).toBeCloseTo((a * a) / oracle.mu, 9);
    }
  });

  it('Gauss–Newton of a linear residual is exact; the Fisher term keeps its β = 1/(p−1) certificate', () => {
    let fisherCertified = 0;
    for (const [j, instance] of instances(nonlinearEquationsLinearFamily, 30, 9).entries()) {
      const oracle = instance.problem.oracle as NonlinearEquationsOracle;
      const gn = gaussNewton(oracle);
      expect(gn.certificate).toMatchObject({ certified: true, C1: 0, C2: 0 });
      expect(check(instance, gn, 3, j).worst).toBeLessThanOrEqual(1);
      const ft = fisherTerm(oracle, instance.metric);
      const r = check(instance, ft, 5, j);
      if (r.certified) fisherCertified++;
      expect(r.worst).toBeLessThanOrEqual(1);
    }
    expect(fisherCertified).toBeGreaterThan(5);
  });
});
