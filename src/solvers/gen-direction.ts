import { solveSpd } from '../linalg/cholesky.js';
import { rng } from '../random/prng.js';
import type { Oracle } from '../problems/oracle.js';

/** The base optimizer whose direction d_t GeN scales by its rate: w_{t+1} = w_t − η_t·d_t (Bu & Xu 2025, §3). */
export const GEN_DIRECTIONS = ['gradient', 'preconditioned', 'newton', 'adam'] as const;
export type GenDirectionKind = (typeof GEN_DIRECTIONS)[number];

/** One direction per iteration, computed once (no second optimizer step for the probes); null: none exists (∇²f not positive definite). */
export interface GenDirection {
  /** P of d = P∇f for 'preconditioned' (its diagonal), else null */
  readonly preconditioner: Float64Array | null;
  next(x: Float64Array, g: Float64Array): Float64Array | null;
}

/** A fixed SPD diagonal with entries 10^{U(−1, 1)} from `seed`. */
export function randomDiagonal(n: number, seed: number): Float64Array {
  const next = rng(seed);
  return Float64Array.from({ length: n }, () => 10 ** (2 * next() - 1));
}

/** Adam's β₁, β₂, ε (Kingma & Ba 2015, Algorithm 1). */
const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

export function genDirection(kind: GenDirectionKind, problem: Oracle, seed: number): GenDirection {
  const n = problem.dim;
  switch (kind) {
    case 'gradient':
      return { preconditioner: null, next: (_, g) => g.slice() };
    case 'preconditioned': {
      const p = randomDiagonal(n, seed);
      return { preconditioner: p, next: (_, g) => g.map((gi, i) => p[i] * gi) };
    }
    case 'newton':
      return {
        preconditioner: null,
        next: (x, g) => {
          const solved = solveSpd(problem.hess(x), g);
          return solved.ok ? solved.x : null;
        },
      };
    case 'adam': {
      const m = new Float64Array(n);
      const v = new Float64Array(n);
      let t = 0;
      return {
        preconditioner: null,
        next: (_, g) => {
          t++;
          const d = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            m[i] = ADAM.beta1 * m[i] + (1 - ADAM.beta1) * g[i];
            v[i] = ADAM.beta2 * v[i] + (1 - ADAM.beta2) * g[i] * g[i];
            const mHat = m[i] / (1 - ADAM.beta1 ** t);
            const vHat = v[i] / (1 - ADAM.beta2 ** t);
            d[i] = mHat / (Math.sqrt(vHat) + ADAM.eps);
          }
          return d;
        },
      };
    }
  }
}
