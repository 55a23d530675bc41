import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../src/linalg/eigen.js';
import { matrix } from '../../src/linalg/matrix.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { newtonSchulzInverse } from '../../src/solvers/newton-schulz.js';
import { gammaOf } from '../../src/theory/natural-gradient-records.js';

/** BᵀB/n + μI for a Gaussian B (n × n) */
function spd(n: number, mu: number, seed: number) {
  const next = rng(seed);
  const b = Float64Array.from({ length: n * n }, () => gaussian(next));
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let r = 0; r < n; r++) a.data[i * n + j] += (b[r * n + i] * b[r * n + j]) / n;
  for (let i = 0; i < n; i++) a.data[i * n + i] += mu;
  return a;
}

/**
 * D-P1, Newton–Schulz (a test of the part: records keep only its final residual): I − A·X_{j+1} = (I − A·X_j)²
 * exactly, so e_{j+1} ≤ e_j² for e = ‖I − AX‖_F; in float64 each computed residual is within m = γ_{n+2}·n·κ(1 + e)
 * of the true one, and the computed product X_j(I + E_j) adds the same order: ê_{j+1} ≤ (ê_j + m)² + 2m.
 */
describe('natural-gradient Newton–Schulz', () => {
  it.each([[12, 1e-2, 1], [30, 1e-1, 2], [20, 1, 3]])('converges quadratically from Pan–Schreiber\'s start (n = %i, μ = %f)', (n, mu, seed) => {
    const a = spd(n, mu, seed);
    const values = symmetricEigenvalues(a);
    const kappa = (values[n - 1] / values[0]) * 1.01;
    const ns = newtonSchulzInverse(a, { previous: null, tolerance: 1e-14, maxIterations: 200 });
    const e = ns.residuals;
    let quadraticSteps = 0;
    for (let j = 0; j + 1 < e.length; j++) {
      if (!(e[j] < 1)) continue;
      const m = gammaOf(n + 2) * n * kappa * (1 + e[j]);
      expect(e[j + 1], `j=${j}: ${e[j]} → ${e[j + 1]}`).toBeLessThanOrEqual((e[j] + m) ** 2 + 2 * m);
      if (e[j] > 1e-4) quadraticSteps++;
    }
    expect(quadraticSteps).toBeGreaterThan(0);
    expect(ns.residual).toBeLessThan(1e-10);
  });
  it('a warm start from the previous inverse needs fewer iterations', () => {
    const a = spd(16, 0.1, 4);
    const cold = newtonSchulzInverse(a, { previous: null, tolerance: 1e-13, maxIterations: 200 });
    const b = matrix(16, 16, a.data.map((v, i) => v + (i % 17 === 0 ? 1e-3 : 0)));
    const warm = newtonSchulzInverse(b, { previous: cold.inverse, tolerance: 1e-13, maxIterations: 200 });
    expect(warm.warmStart).toBe(true);
    expect(warm.residuals.length).toBeLessThan(cold.residuals.length);
  });
});
