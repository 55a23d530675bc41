import type { DenseProducts } from '../../linalg/dense-products.js';
import { type Matrix, matTVec, matVec, matrix } from '../../linalg/matrix.js';
import { symmetricRankK } from '../../linalg/rank-k.js';
import { allFinite, dot, norm2 } from '../../linalg/vector.js';
import { InstanceError } from '../family.js';
import type { Oracle } from '../oracle.js';
import { requirePower } from './data-validation.js';
import { nanMatrix, nanVector } from './nan-results.js';

/**
 * A smooth residual map u: ℝⁿ → ℝᵐ with its first three derivatives, as the oracle of
 * f = (1/p)‖u‖^p and the structured Hessian models (Gauss–Newton, Fisher term) need them.
 */
export interface Residual {
  readonly kind: string;
  /** n */
  readonly dim: number;
  /** m */
  readonly size: number;
  value(x: Float64Array): Float64Array;
  /** J(x), m×n; read-only — it may be the residual's own data (a linear residual returns A itself) */
  jacobian(x: Float64Array): Matrix;
  /** The products of J where J is one matrix at every x (a linear residual's A), kept resident in wasm */
  readonly fixedJacobian?: DenseProducts;
  /** Σᵢ wᵢ∇²uᵢ(x), n×n symmetric */
  weightedHessian(x: Float64Array, w: Float64Array): Matrix;
  /** Σᵢ wᵢ∇²uᵢ(x)·v */
  weightedHessianVec(x: Float64Array, w: Float64Array, v: Float64Array): Float64Array;
  /** D²u(x)[v, v] = (vᵀ∇²uᵢ(x)v)ᵢ ∈ ℝᵐ */
  secondDirectional(x: Float64Array, v: Float64Array): Float64Array;
  /** Σᵢ wᵢ·D³uᵢ(x)[v, v] ∈ ℝⁿ (zero for residuals of degree ≤ 2) */
  weightedThird(x: Float64Array, w: Float64Array, v: Float64Array): Float64Array;
}

/** f(x) = (1/p)‖u(x)‖^p, p ≥ 2 (docs/theory.md#approximation-condition), with the residual exposed for structured models. */
export interface NonlinearEquationsOracle<R extends Residual = Residual> extends Oracle {
  readonly kind: 'nonlinear-equations';
  readonly residual: R;
  readonly p: number;
  /** D³f(x)[v, v] */
  third(x: Float64Array, v: Float64Array): Float64Array;
}

/**
 * Derivatives, with r = ‖u‖, J = ∇u, û = u/r, q̂ = Jᵀû (docs/theory.md#approximation-condition; the Σuᵢ∇²uᵢ term carries the
 * factor r^(p−2) only — the authors' `NonlinearEquationsOracle.hess` scales it by an extra p/r²):
 *   ∇f   = r^(p−2)·Jᵀu
 *   ∇²f  = r^(p−2)·(JᵀJ + (p−2)·q̂q̂ᵀ + Σuᵢ∇²uᵢ)
 * and, from f = φ(s), s = ‖u‖², φ(s) = s^(p/2)/p, differentiating ∇²f·v once more along v, with
 * Jv = J·v, α̂ = ⟨û, Jv⟩, K̂v = Σûᵢ∇²uᵢv, Gv = Σ(Jv)ᵢ∇²uᵢv, u'' = D²u[v, v], T̂ = Σûᵢ·D³uᵢ[v, v]:
 *   D³f[v, v] = (p−2)·r^(p−3)·[(p−4)α̂²q̂ + 2α̂·JᵀJv + ‖Jv‖²q̂]
 *             + (p−2)·r^(p−2)·[2α̂·K̂v + ⟨û, u''⟩q̂] + r^(p−2)·(2Gv + Jᵀu'') + r^(p−1)·T̂.
 * At u = 0: ∇²f = JᵀJ for p = 2 and 0 for p > 2; D³f[v, v] = 2Gv + Jᵀu'' for p = 2, 0 for p > 3, and
 * undefined (NaN) for 2 < p ≤ 3, where f is not three times differentiable.
 */
export function nonlinearEquations<R extends Residual>(residual: R, p: number): NonlinearEquationsOracle<R> {
  requirePower('p', p);
  if (!(residual.dim >= 1 && residual.size >= 1)) throw new InstanceError('residual', `maps ℝ^${residual.dim} to ℝ^${residual.size}`);
  const n = residual.dim;
  const fisher = p - 2;

  const unitResidual = (u: Float64Array, r: number): Float64Array => Float64Array.from(u, (ui) => ui / r);
  const jacobianAt = (x: Float64Array): JacobianProducts => residual.fixedJacobian ?? plainProducts(residual.jacobian(x));

  return {
    kind: 'nonlinear-equations',
    dim: n,
    residual,
    p,
    f(x) {
      if (!allFinite(x)) return NaN;
      return norm2(residual.value(x)) ** p / p;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const u = residual.value(x);
      const r = norm2(u);
      const g = jacobianAt(x).transposeTimes(u);
      const c = r ** (p - 2);
      for (let j = 0; j < n; j++) g[j] *= c;
      return g;
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const u = residual.value(x);
      const r = norm2(u);
      const jac = jacobianAt(x);
      if (r === 0) return p === 2 ? jac.gram() : matrix(n, n);
      const h = jac.gram();
      if (fisher !== 0) {
        const q = jac.transposeTimes(unitResidual(u, r));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.data[i * n + j] += fisher * q[i] * q[j];
      }
      const curvature = residual.weightedHessian(x, u);
      const c = r ** (p - 2);
      for (let k = 0; k < h.data.length; k++) h.data[k] = c * (h.data[k] + curvature.data[k]);
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const u = residual.value(x);
      const r = norm2(u);
      const jac = jacobianAt(x);
      const out = jac.transposeTimes(jac.times(v));
      if (r === 0) return p === 2 ? out : new Float64Array(n);
      if (fisher !== 0) {
        const q = jac.transposeTimes(unitResidual(u, r));
        const qv = fisher * dot(q, v);
        for (let j = 0; j < n; j++) out[j] += qv * q[j];
      }
      const curvature = residual.weightedHessianVec(x, u, v);
      const c = r ** (p - 2);
      for (let j = 0; j < n; j++) out[j] = c * (out[j] + curvature[j]);
      return out;
    },
    third(x, v) {
      if (!allFinite(x) || !allFinite(v)) return nanVector(n);
      const u = residual.value(x);
      const r = norm2(u);
      const jac = jacobianAt(x);
      const jv = jac.times(v);
      const gv = residual.weightedHessianVec(x, jv, v);
      const jtu2 = jac.transposeTimes(residual.secondDirectional(x, v));
      const out = new Float64Array(n);
      if (r === 0) {
        if (p === 2) for (let j = 0; j < n; j++) out[j] = 2 * gv[j] + jtu2[j];
        else if (p <= 3) out.fill(NaN);
        return out;
      }
      const uHat = unitResidual(u, r);
      const rp2 = r ** (p - 2);
      for (let j = 0; j < n; j++) out[j] = rp2 * (2 * gv[j] + jtu2[j]);
      const tHat = residual.weightedThird(x, uHat, v);
      const rp1 = r ** (p - 1);
      for (let j = 0; j < n; j++) out[j] += rp1 * tHat[j];
      if (fisher !== 0) {
        const q = jac.transposeTimes(uHat);
        const alpha = dot(uHat, jv);
        const jtjv = jac.transposeTimes(jv);
        const kv = residual.weightedHessianVec(x, uHat, v);
        const jvSquared = dot(jv, jv);
        const curvatureAlong = dot(uHat, residual.secondDirectional(x, v));
        const rp3 = r ** (p - 3);
        for (let j = 0; j < n; j++) {
          out[j] +=
            fisher * rp3 * ((p - 4) * alpha * alpha * q[j] + 2 * alpha * jtjv[j] + jvSquared * q[j]) +
            fisher * rp2 * (2 * alpha * kv[j] + curvatureAlong * q[j]);
        }
      }
      return out;
    },
  };
}

type JacobianProducts = Pick<DenseProducts, 'times' | 'transposeTimes' | 'gram'>;

/** The products of a Jacobian formed anew at each x: the plain functions, no copy into wasm. */
function plainProducts(jac: Matrix): JacobianProducts {
  return {
    times: (v) => matVec(jac, v),
    transposeTimes: (y) => matTVec(jac, y),
    gram: (d) => symmetricRankK(jac, d),
  };
}
