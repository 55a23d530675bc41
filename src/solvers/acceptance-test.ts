/** What the acceptance test of a trial x⁺ = x + h(λ) reads: f(x), f(x⁺), ‖∇f(x⁺)‖_* and λ (all finite). */
export interface TrialValues {
  readonly f: number;
  readonly fNext: number;
  readonly gradNormNext: number;
  readonly lambda: number;
}

/** Algorithm 1's acceptance test, a part of the method. */
export type AcceptanceTest = (trial: TrialValues) => boolean;

/** f(x) − f(x⁺) ≥ ‖∇f(x⁺)‖²_* /(c·λ): Lemma 1's decrease when c = 8. */
export function sufficientDecrease(c: number): AcceptanceTest {
  return ({ f, fNext, gradNormNext, lambda }) => f - fNext >= (gradNormNext * gradNormNext) / (c * lambda);
}

/** Lemma 1: a trial is accepted when f(x) − f(x⁺) ≥ ‖∇f(x⁺)‖²_* /(8λ). */
export const lemma1Acceptance: AcceptanceTest = sufficientDecrease(8);
