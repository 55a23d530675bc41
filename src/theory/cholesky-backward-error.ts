/**
 * The componentwise residual bound of a float64 Cholesky solve of (H + λB)h = −g, as Algorithm 1
 * performs it on a direct-solve backend: form A = fl(H + λB), factor A = RᵀR, two triangular solves.
 *
 * Higham, Accuracy and Stability of Numerical Algorithms (2002), Thm 10.4: the computed ĥ satisfies
 * (A + ΔA)ĥ = −g with |ΔA| ≤ γ_{3n+1}|R̂ᵀ||R̂| (γ_m = mu/(1 − mu)); forming A adds |fl(H + λB) − (H + λB)|
 * ≤ γ_2(|H| + λ|B|). So the residual res = (H + λB)ĥ + g obeys, entry by entry,
 *   |res| ≤ γ_{3n+1}|R̂ᵀ||R̂||ĥ| + γ_2(|H| + λ|B|)|ĥ|,
 * and the check's own float64 evaluation of res (two matrix–vector products, a scaling, two sums)
 * adds at most γ_{n+3}((|H| + λ|B|)|ĥ| + |g|) (Higham §3.5). R̂ is recomputed from the same H, λ, B by
 * the same deterministic float64 kernel the cpu backend uses, so it is the solver's own factor there.
 */
import { cholesky } from '../linalg/cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Metric } from '../linalg/metric.js';

/** γ_m = m·u/(1 − m·u) (Higham §3.1). */
export function gammaConstant(m: number, unitRoundoff: number): number {
  return (m * unitRoundoff) / (1 - m * unitRoundoff);
}

/**
 * The bound on |(H + λB)h + g| entry by entry (see the module comment), or null when fl(H + λB) is
 * not numerically positive definite (then no Cholesky solve produced h).
 */
export function choleskyResidualBound(H: Matrix, lambda: number, metric: Metric, h: Float64Array, g: Float64Array, unitRoundoff: number): Float64Array | null {
  const n = h.length;
  const f = cholesky(metric.shifted(H, lambda));
  if (!f.ok) return null;
  const L = f.factor.l;
  const absH = new Float64Array(n);
  // |Lᵀ||h| then |L|(|Lᵀ||h|): the entries of |R̂ᵀ||R̂||h| with R̂ = Lᵀ
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) t[i] += Math.abs(L[j * n + i]) * Math.abs(h[j]);
  const factorTerm = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) factorTerm[i] += Math.abs(L[i * n + j]) * t[j];
  const B = metric.isIdentity ? null : metric.matrix();
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (Math.abs(H.data[i * n + j]) + lambda * Math.abs(B ? B.data[i * n + j] : i === j ? 1 : 0)) * Math.abs(h[j]);
    absH[i] = s;
  }
  const gFactor = gammaConstant(3 * n + 1, unitRoundoff);
  const gForm = gammaConstant(2, unitRoundoff);
  const gEval = gammaConstant(n + 3, unitRoundoff);
  return factorTerm.map((v, i) => gFactor * v + (gForm + gEval) * absH[i] + gEval * Math.abs(g[i]));
}
