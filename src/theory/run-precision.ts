import { FLOAT64_UNIT_ROUNDOFF } from '../linalg/cholesky.js';

/**
 * The spec's tolerances and guards are stated for float64 as plain numbers (ε_f = 1e-12(|f_k| + |f_{k+1}|),
 * δ ≥ 1e-10·max(1, |f*|), …: docs/theory.md#rounding-allowances-and-the-precision-floor). A run in other arithmetic gets the
 * same number of units of its own roundoff u: atPrecision(1e-12, u) = 1e-12·u/2⁻⁵³, which is 1e-12
 * itself in float64 and ≈ 5.4e-4 in float32.
 */

export function atPrecision(float64Tolerance: number, unitRoundoff: number): number {
  return float64Tolerance * (unitRoundoff / FLOAT64_UNIT_ROUNDOFF);
}
