import type { Backend, BackendPoint, BoundOracle } from '../backends/backend.js';
import type { Matrix } from '../linalg/matrix.js';

/**
 * What is proven about a Hessian model H(x) against the true Hessian (the paper's approximation condition, docs/theory.md#approximation-condition):
 * ‖∇²f(x) − H(x)‖ ≤ C1 + C2‖∇f(x)‖_*^(1−β), in the instance's metric B.
 */
export type HessianCertificate =
  | {
      readonly certified: true;
      readonly C1: number;
      readonly C2: number;
      readonly beta: number;
      readonly psd: boolean;
      readonly how: string;
    }
  | { readonly certified: false; readonly psd: boolean; readonly how: string };

/** H(x) as the solver receives it: dense, the rank-one α·vvᵀ (Sherman–Morrison path), or zero. */
export type HessianValue =
  | { readonly kind: 'dense'; readonly matrix: Matrix }
  | { readonly kind: 'rank-one'; readonly alpha: number; readonly v: Float64Array }
  | { readonly kind: 'zero' };

export interface HessianModel {
  readonly id: string;
  readonly certificate: HessianCertificate;
  /** H at x; `iteration` lets stale models reuse an earlier value */
  at(x: Float64Array, iteration: number): HessianValue;
  /**
   * H at the point formed by the backend itself, or null: a model that is a function of the problem
   * alone (the exact Hessian) forms it there when `oracle` evaluates that very problem natively (on
   * tensors, where the data is); the solver calls `at` otherwise. Models built on other models' values
   * do not have it.
   */
  onBackend?<V, M>(backend: Backend<V, M>, oracle: BoundOracle<V, M>, point: BackendPoint<V>, iteration: number): M | null;
}
