import { describe, expect, it } from 'vitest';
import { matMul, transpose } from '../../src/linalg/matrix.js';
import { minEigenvalue } from '../../src/linalg/eigen.js';
import { norm2 } from '../../src/linalg/vector.js';
import { rKalmanMethod } from '../../src/methods/natural-gradient.js';
import { type TwoLayerReluOracle, twoLayerReluFamily } from '../../src/problems/families/two-layer-relu.js';
import { naturalGradient } from '../../src/solvers/natural-gradient.js';

/**
 * GRNG's linearized contraction on the two-layer ReLU network (docs/theory.md#natural-gradient-methods;
 * Zhang, Martens & Grosse 2019 style): with f = (1/n)Σ½rᵢ², the GGN JᵀJ/n and μ_k = ρ‖g_k‖²,
 * r_{k+1} = (I − ηJJᵀ(JJᵀ + nμ_kI)⁻¹)r_k for linear residuals, so ‖r_{k+1}‖ ≤ (1 − η·λ_min/(λ_min + nμ_k))·‖r_k‖
 * (λ_min of J_kJ_kᵀ, η ≤ 1). [V] on n = 8, d = 4, m = 512, η = 0.5, ρ = 1: ratio to this factor ≤ 1.0035.
 */
function contraction(linearized: 0 | 1, targetScale = 1, seed = 1) {
  const instance = twoLayerReluFamily.build({ family: 'two-layer-relu', params: { d: 4, points: 8, linearized, l2: 0, targetScale }, dim: 2048, seed });
  const oracle = instance.problem.oracle as TwoLayerReluOracle;
  // R-Kalman's innovation form is RING's dense step (natural-gradient-algebra.test.ts) at 8 × 8 instead of 2048 × 2048
  const records = [
    ...naturalGradient(instance.problem, instance.x0, { ...rKalmanMethod.defaults, metric: { kind: 'identity' }, maxIters: 100, fStar: 0, fTol: 1e-20, variant: 'r-kalman', eta: 0.5 }),
  ];
  let worst = 0;
  let checked = 0;
  for (const r of records) {
    const before = norm2(oracle.residuals(r.x));
    if (!(before > 1e-10) || r.h === null) continue;
    const after = norm2(oracle.residuals(r.x.map((v, i) => v + (r.h as Float64Array)[i])));
    const j = oracle.outputJacobian(r.x);
    const lambdaMin = minEigenvalue(matMul(j, transpose(j)));
    worst = Math.max(worst, after / before / (1 - (0.5 * lambdaMin) / (lambdaMin + 8 * r.damping)));
    checked++;
  }
  return { worst, checked, iterations: records.length, fEnd: records[records.length - 1].fNext };
}

describe('RING on the two-layer ReLU network (n = 8, d = 4, m = 512, η = 0.5, ρ = 1, GGN, full batch)', () => {
  it('linearized at x0 (exact linear residuals): the contraction stays within 1.0035 of the factor while ‖r‖ > 1e-10, to f ≤ 1e-20', () => {
    const { worst, checked, iterations, fEnd } = contraction(1);
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(worst).toBeLessThanOrEqual(1.0035);
    expect(iterations).toBeLessThanOrEqual(100);
    expect(fEnd).toBeLessThanOrEqual(1e-20);
  });

  it('the ReLU network itself reaches a global minimum (f ≤ 1e-20) within 100 iterations; its ratio (linearization error) is reported, not asserted', () => {
    const { worst, iterations, fEnd } = contraction(0);
    expect(iterations).toBeLessThanOrEqual(100);
    expect(fEnd).toBeLessThanOrEqual(1e-20);
    // seed 1: 1.0326 at k = 9 (the activation pattern still moving); [V]'s 1.0035 is not reproduced on these data
    expect(worst).toBeGreaterThan(1);
  });

  it('the ReLU network with targets of scale 0.1 (the weights stay near x0): the ratio stays within [V]\'s 1.0035 on seeds 1–4', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { worst, checked, fEnd } = contraction(0, 0.1, seed);
      expect(checked, `seed ${seed}`).toBeGreaterThanOrEqual(20);
      expect(worst, `seed ${seed}`).toBeLessThanOrEqual(1.0035);
      expect(fEnd, `seed ${seed}`).toBeLessThanOrEqual(1e-20);
    }
  });
});
