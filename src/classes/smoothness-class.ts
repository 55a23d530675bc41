import type { ClassId, Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';

/** Which Hessian model a lower bound π assumes: the exact Hessian, or H ≡ 0 (first-order methods). */
export type HessianKind = 'exact' | 'zero';

export interface SpotCheckOptions {
  /** number of sampled points or pairs */
  readonly samples: number;
  readonly seed: number;
}

export interface SpotCheckResult {
  /** max over samples of observed / bound for the class inequality with the certified constant */
  readonly worstRatio: number;
  readonly samples: number;
  /** the relative floating-point slack allowed: the inequality is confirmed when worstRatio ≤ 1 + slack */
  readonly slack: number;
  /** where the worst ratio was seen */
  readonly witness: { readonly x: Float64Array; readonly y?: Float64Array; readonly direction?: Float64Array };
}

/**
 * A smoothness class of the paper (docs/theory.md#class-lower-bounds): its definition, the exponent α of γ(x) ≳ ‖∇f(x)‖_*^α,
 * the lower bound π(t) on γ(x) at ‖∇f(x)‖_* = t, and a membership spot check on an instance.
 */
export interface SmoothnessClass<C extends ClassId = ClassId> {
  readonly id: C;
  readonly title: string;
  /** LaTeX */
  readonly definition: string;
  /** where the definition and π come from (paper statement, or derived [R] with docs/classes.md) */
  readonly source: string;
  alpha(m: Extract<Membership, { class: C }>): number;
  /** π(t): γ(x) ≥ π(‖∇f(x)‖_*); NaN where the class gives no bound for this Hessian model */
  lowerBound(t: number, m: Extract<Membership, { class: C }>, hessian: HessianKind): number;
  spotCheck(instance: Instance, m: Extract<Membership, { class: C }>, options: SpotCheckOptions): SpotCheckResult;
}
