/** How Algorithm 1's search moves γ after a trial, a part of the method. */
export interface GammaUpdate {
  /** γ for the next outer iteration after the trial at γ was accepted; γ_min = 0 outside reference mode */
  accepted(gamma: number, gammaMin: number): number;
  /** γ for the next trial after the trial at γ was rejected (or not positive definite, or non-finite) */
  rejected(gamma: number): number;
}

/** γ ← max(2γ, γ_min) on acceptance, γ ← γ/2 on rejection (docs/theory.md#algorithm-1-and-its-search). */
export const doubleOrHalve: GammaUpdate = {
  accepted: (gamma, gammaMin) => Math.max(2 * gamma, gammaMin),
  rejected: (gamma) => gamma / 2,
};
