import { matTVec } from '../linalg/matrix.js';
import { symmetricRankK } from '../linalg/rank-k.js';
import { norm2 } from '../linalg/vector.js';
import type { NonlinearEquationsOracle } from '../problems/families/nonlinear-equations.js';
import type { HessianModel } from './hessian-model.js';

/**
 * Gauss–Newton for f = (1/p)‖u‖^p (docs/theory.md#approximation-condition): drop the Σuᵢ∇²uᵢ term,
 * H = r^(p−2)·(JᵀJ + (p−2)·q̂q̂ᵀ), r = ‖u‖, q̂ = Jᵀu/r; H ⪰ 0. For a linear residual it is the exact
 * Hessian (C1 = C2 = 0); otherwise its error r^(p−2)‖Σuᵢ∇²uᵢ‖ ≤ (L_J/σ_min(J))‖∇f‖ needs a global
 * σ_min(J) > 0, which is not certified here.
 */
export function gaussNewton(oracle: NonlinearEquationsOracle): HessianModel {
  const { residual, p } = oracle;
  const n = residual.dim;
  const linear = residual.kind === 'linear';
  return {
    id: 'gauss-newton',
    certificate: linear
      ? { certified: true, C1: 0, C2: 0, beta: 0, psd: true, how: 'the residual is linear, so Gauss–Newton is the exact Hessian' }
      : { certified: false, psd: true, how: 'Gauss–Newton of a nonlinear residual: error ≤ (L_J/σ_min(J))‖∇f‖ needs a certified σ_min(J)' },
    at(x) {
      const u = residual.value(x);
      const r = norm2(u);
      const jac = residual.jacobian(x);
      const h = symmetricRankK(jac);
      if (r === 0) {
        if (p !== 2) h.data.fill(0);
        return { kind: 'dense', matrix: h };
      }
      const q = matTVec(jac, u);
      for (let i = 0; i < n; i++) q[i] /= r;
      const c = r ** (p - 2);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.data[i * n + j] = c * (h.data[i * n + j] + (p - 2) * q[i] * q[j]);
      return { kind: 'dense', matrix: h };
    },
  };
}
