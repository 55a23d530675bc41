/**
 * An upper confidence bound on the probability of a violation after N independent clean cases:
 * the exact one-sided bound 1 − (1 − level)^{1/N} (≈ 3/N at 95%, the "rule of three"). With N = 0
 * nothing is known and the bound is 1.
 */
export function violationProbabilityBound(cleanCases: number, level = 0.95): number {
  if (!(cleanCases > 0)) return 1;
  return 1 - (1 - level) ** (1 / cleanCases);
}
