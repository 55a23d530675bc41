import { symmetricEigenvalues } from '../linalg/eigen.js';
import { matMul, matTVec, transpose } from '../linalg/matrix.js';
import { norm2 } from '../linalg/vector.js';
import type { NonlinearEquationsOracle } from '../problems/families/nonlinear-equations.js';
import type { MetricSpec } from '../problems/instance.js';
import type { HessianCertificate, HessianModel } from './hessian-model.js';

/**
 * The rank-one Fisher term of f = (1/p)‖u‖^p (docs/theory.md#rank-one-step, docs/theory.md#approximation-condition): H = (p−2)‖u‖^(p−4)(Jᵀu)(Jᵀu)ᵀ,
 * given to the solver as α·vvᵀ with v = Jᵀu/‖u‖, α = (p−2)‖u‖^(p−2), so that the Sherman–Morrison
 * path applies. H ⪯ ∇²f and H ⪰ 0.
 */
export function fisherTerm(oracle: NonlinearEquationsOracle, metric: MetricSpec): HessianModel {
  const { residual, p } = oracle;
  return {
    id: 'fisher-term',
    certificate: linearFisherCertificate(oracle, metric),
    at(x) {
      const u = residual.value(x);
      const r = norm2(u);
      if (r === 0 || p === 2) return { kind: 'zero' };
      const v = matTVec(residual.jacobian(x), u);
      for (let i = 0; i < v.length; i++) v[i] /= r;
      return { kind: 'rank-one', alpha: (p - 2) * r ** (p - 2), v };
    },
  };
}

/**
 * For u = Ax − b with A (m×n) of full row rank and B = AᵀA + δI (docs/theory.md#approximation-condition): E = ‖u‖^(p−2)AᵀA with
 * ‖E‖ ≤ ‖u‖^(p−2) (AᵀA ⪯ B), and a² = uᵀA(AᵀA + δI)⁻¹Aᵀu ≥ s²‖u‖^(2(p−1)) with s² = σ²/(σ² + δ),
 * σ² = λ_min(AAᵀ). Hence ‖E‖ ≤ s^(−(p−2)/(p−1))·a^((p−2)/(p−1)): C1 = 0, C2 = s^(−(p−2)/(p−1)),
 * β = 1/(p−1). λ_min(AAᵀ) is lowered by a rounding margin m·u·‖A‖²_F before use.
 */
function linearFisherCertificate(oracle: NonlinearEquationsOracle, metric: MetricSpec): HessianCertificate {
  const { residual, p } = oracle;
  const uncertified: HessianCertificate = { certified: false, psd: true, how: 'Fisher term: error bound certified only for a linear residual of full row rank with B = AᵀA + δI' };
  if (residual.kind !== 'linear' || metric.kind !== 'dense' || !('A' in residual)) return uncertified;
  const A = (residual as unknown as { A: import('../linalg/matrix.js').Matrix }).A;
  const { rows: m, cols: n } = A;
  if (m > n) return uncertified;
  const ata = matMul(transpose(A), A);
  let delta = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = metric.B.data[i * n + j] - ata.data[i * n + j];
      if (i === j) delta = Math.min(delta, d);
      else if (Math.abs(d) > 1e-12 * (1 + Math.abs(ata.data[i * n + j]))) return uncertified;
    }
  }
  let frob2 = 0;
  for (const v of A.data) frob2 += v * v;
  const sigma2 = symmetricEigenvalues(matMul(A, transpose(A)))[0] - 4 * m * 2 ** -53 * frob2;
  if (!(sigma2 > 0) || !(delta > 0)) return uncertified;
  const s2 = sigma2 / (sigma2 + delta);
  if (p === 2) return { certified: true, C1: 1, C2: 0, beta: 0, psd: true, how: 'p = 2: the Fisher term vanishes and E = AᵀA ⪯ B, so ‖E‖ ≤ 1' };
  return {
    certified: true,
    C1: 0,
    C2: s2 ** (-(p - 2) / (2 * (p - 1))),
    beta: 1 / (p - 1),
    psd: true,
    how: `linear residual, A of full row rank (σ²_min(A) ≥ ${sigma2.toExponential(3)}), B = AᵀA + ${delta.toExponential(2)}·I (docs/theory.md#approximation-condition)`,
  };
}
