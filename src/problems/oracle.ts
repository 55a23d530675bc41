import type { Matrix } from '../linalg/matrix.js';
import { structureOf, withStructure } from './oracle-structure.js';

/**
 * An objective function with its derivatives, on float64 vectors of length `dim`.
 * `hess(x)` is dense and symmetric; `hvp(x, v) = ∇²f(x)·v`; `third(x, v) = D³f(x)[v, v]` (a vector:
 * ⟨third(x, v), w⟩ = D³f(x)[v, v, w]) is present where a check needs it.
 * Oracles are pure functions of their arguments (one may cache its last evaluation to share work
 * between f and ∇f at the same x, never changing a result); they do not count calls (see `counted`).
 */
export interface Oracle {
  readonly dim: number;
  f(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
  hess(x: Float64Array): Matrix;
  hvp(x: Float64Array, v: Float64Array): Float64Array;
  third?(x: Float64Array, v: Float64Array): Float64Array;
  /**
   * Optional rounding model of `grad`: a componentwise magnitude M(x) ≥ 0 such that the computed
   * gradient differs from the exact one by at most a few u·M(x) per component (the magnitudes of the
   * summands the oracle adds, including the propagated error of its internal affine arguments). Near a
   * minimizer ∇f is a cancelling sum, so M(x) ≫ |∇f(x)|; rounding levels of gradient differences use it.
   */
  gradMagnitude?(x: Float64Array): Float64Array;
}

export interface OracleCounts {
  f: number;
  grad: number;
  hess: number;
  hvp: number;
  third: number;
}

/** An oracle that counts its own calls. */
export interface Problem extends Oracle {
  readonly oracle: Oracle;
  readonly counts: Readonly<OracleCounts>;
  resetCounts(): void;
  /**
   * counts a call that a backend made on its own copy of this function (see oracle-structure.ts), or
   * `amount` of one: a minibatch of B rows out of N counts B/N (supervised-model.ts)
   */
  countCall(kind: keyof OracleCounts, amount?: number): void;
}

/** An oracle that counts its own calls; it computes the same function, so it keeps the oracle's structure. */
export function counted(oracle: Oracle): Problem {
  const counts: OracleCounts = { f: 0, grad: 0, hess: 0, hvp: 0, third: 0 };
  const third = oracle.third;
  const problem: Problem = {
    oracle,
    dim: oracle.dim,
    counts,
    resetCounts() {
      counts.f = counts.grad = counts.hess = counts.hvp = counts.third = 0;
    },
    countCall(kind, amount = 1) {
      counts[kind] += amount;
    },
    f(x) {
      counts.f++;
      return oracle.f(x);
    },
    grad(x) {
      counts.grad++;
      return oracle.grad(x);
    },
    hess(x) {
      counts.hess++;
      return oracle.hess(x);
    },
    hvp(x, v) {
      counts.hvp++;
      return oracle.hvp(x, v);
    },
    ...(third
      ? {
          third(x: Float64Array, v: Float64Array) {
            counts.third++;
            return third.call(oracle, x, v);
          },
        }
      : {}),
  };
  const structure = structureOf(oracle);
  return structure ? withStructure(problem, structure) : problem;
}
