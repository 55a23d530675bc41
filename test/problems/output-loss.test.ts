import { describe, expect, it } from 'vitest';
import { OUTPUT_LOSS, OUTPUT_LOSSES, type OutputLossId } from '../../src/problems/output-loss.js';
import { randomVector, rng } from '../support/random-matrices.js';

const outputsOf = (id: OutputLossId) => (id === 'logistic' ? 1 : 3);

/** a label for p: a target vector (squared), a class (softmax), a sign (logistic) */
function someLabel(id: OutputLossId, k: number, next: () => number): Float64Array {
  if (id === 'squared') return randomVector(k, next);
  if (id === 'logistic') return Float64Array.of(next() < 0.5 ? 1 : -1);
  return Float64Array.of(Math.floor(next() * k));
}

/**
 * Central differences with h = 1e-5: truncation h²/6·|ℓ'''| ≤ 1e-10 (|ℓ'''| ≤ 1 for these losses at |p| ≤ 10, 0 for
 * squared) plus rounding 2u·|ℓ|/h ≈ 2e-11·|ℓ|; tolerance 1e-8·(1 + |ℓ| + |∇ℓ|).
 */
const H = 1e-5;

describe('output losses', () => {
  it.each(OUTPUT_LOSSES)('%s: gradient and Hessian agree with central differences of value and gradient', (id) => {
    const loss = OUTPUT_LOSS[id];
    const next = rng(1);
    const k = outputsOf(id);
    for (let s = 0; s < 20; s++) {
      const p = randomVector(k, next).map((t) => 3 * t);
      const y = someLabel(id, k, next);
      const g = loss.gradient(p, y);
      const h = loss.hessian(p);
      for (let c = 0; c < k; c++) {
        const plus = p.slice();
        const minus = p.slice();
        plus[c] += H;
        minus[c] -= H;
        const scale = 1 + Math.abs(loss.value(p, y)) + Math.abs(g[c]);
        expect(Math.abs((loss.value(plus, y) - loss.value(minus, y)) / (2 * H) - g[c])).toBeLessThan(1e-8 * scale);
        const gp = loss.gradient(plus, y);
        const gm = loss.gradient(minus, y);
        for (let e = 0; e < k; e++) expect(Math.abs((gp[e] - gm[e]) / (2 * H) - h[e * k + c])).toBeLessThan(1e-8 * scale);
      }
    }
  });

  it.each(OUTPUT_LOSSES)('%s: the label width and, for p at the label, a zero gradient where the loss allows one', (id) => {
    const loss = OUTPUT_LOSS[id];
    expect(loss.labelWidth(4)).toBe(id === 'squared' ? 4 : 1);
    if (id === 'squared') expect([...loss.gradient(Float64Array.of(1, 2), Float64Array.of(1, 2))]).toEqual([0, 0]);
  });

  /**
   * E_ŷ[∇ℓ(p, ŷ)∇ℓ(p, ŷ)ᵀ] = ∇²ℓ(p) for labels drawn by `sample` (Fisher = GGN), over M = 20000 draws. Softmax and
   * logistic: entries of vvᵀ lie in [−2, 2] (‖s − e_ŷ‖² ≤ 2), so by Hoeffding the mean errs by at most
   * 2·√(2 ln(2k²/δ)/M) per entry with probability ≥ 1 − δ. Squared: vvᵀ = zzᵀ, z ~ N(0, I); z_a² and
   * z_a z_b = (u² − w²)/2 (u, w independent N(0, 1)) are bounded through the chi-square tails of Laurent & Massart (2000),
   * |χ²_M/M − 1| ≤ (2√(Mx) + 2x)/M with probability ≥ 1 − 2e^(−x). δ = 1e-6 over all k² entries.
   */
  it.each(OUTPUT_LOSSES)('%s: sampled labels give E[∇ℓ∇ℓᵀ] = ∇²ℓ within a stated bound (M = 20000, δ = 1e-6)', (id) => {
    const loss = OUTPUT_LOSS[id];
    const next = rng(7);
    const k = outputsOf(id);
    const M = 20000;
    const delta = 1e-6;
    const p = randomVector(k, next);
    const mean = new Float64Array(k * k);
    for (let s = 0; s < M; s++) {
      const v = loss.gradient(p, loss.sample(p, next));
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) mean[a * k + b] += (v[a] * v[b]) / M;
    }
    const x = Math.log((4 * k * k) / delta);
    const tolerance = id === 'squared' ? (2 * Math.sqrt(M * x) + 2 * x) / M : 2 * Math.sqrt((2 * Math.log((2 * k * k) / delta)) / M);
    const h = loss.hessian(p);
    for (let t = 0; t < k * k; t++) expect(Math.abs(mean[t] - h[t])).toBeLessThanOrEqual(tolerance);
    // the bound is not vacuous: it is smaller than the largest Hessian entry
    expect(tolerance).toBeLessThan(Math.max(...h.map(Math.abs)));
  });
});
