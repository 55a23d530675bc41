import { gaussian } from '../../random/prng.js';

/**
 * A standard normal sample rounded to a multiple of 2⁻⁶ and clamped to |t| < 8: an integer below 2⁹
 * in units of 2⁻⁶. Products of two such numbers are integers below 2¹⁸ in units of 2⁻¹², so sums of
 * up to 2³⁵ products are exact in float64 in any order, and so is the square of a sum of up to 2⁸ of
 * them (< 2⁵² units of 2⁻²⁴). Planted solutions built from these samples are exact minimizers.
 */
export const DYADIC_UNIT = 2 ** -6;
const LIMIT = 8 - DYADIC_UNIT;

export function dyadicGaussian(next: () => number): number {
  const t = Math.round(gaussian(next) / DYADIC_UNIT) * DYADIC_UNIT;
  return Math.min(LIMIT, Math.max(-LIMIT, t)) + 0;
}

/** Whether t is a value dyadicGaussian can return: a multiple of 2⁻⁶ with |t| < 8. */
export function isDyadicSample(t: number): boolean {
  return Math.abs(t) <= LIMIT && Number.isInteger(t / DYADIC_UNIT);
}
