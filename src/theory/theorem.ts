import type { Method } from '../methods/method.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { Verdict } from './verdict.js';

/** A premise of a theorem, decided from the run's certificates and configuration. */
export interface Assumption {
  readonly id: string;
  /** e.g. "H ⪰ 0", "f convex", "γ_k ≤ γ(x_k)" */
  readonly statement: string;
  /** true when it holds for this run, otherwise the reason it does not */
  holds(run: ScenarioRun): true | string;
  /** for a premise about the method alone (its capabilities): decided before any run, as `holds` decides it */
  aboutMethod?(method: Method): true | string;
}

/**
 * A checkable statement of the paper (or one derived in the spec), as data: where it comes from,
 * what it says, what it assumes, whether the bound is attained, and a check that reads a finished
 * run (trace + certificates) and returns a verdict. A theorem never runs a solver itself.
 */
export interface Theorem {
  readonly id: string;
  readonly title: string;
  /** "Semenov, Jaggi & Doikov 2025, Lemma 1" or a derivation [R]; and always docs/theory.md#<id>, the section that derives it */
  readonly source: string;
  /** LaTeX */
  readonly statement: string;
  readonly assumptions: readonly Assumption[];
  /** the bound is attained (so ratios near 1 are expected, not a warning) */
  readonly tight: boolean;
  /**
   * true when "violated" follows from the statement plus the explicit floating-point slack of the
   * check, so a violation fails the gate; false for a diagnostic (a fitted shape, a margin not
   * derived from the statement): computed and shown, never changing the exit code
   */
  readonly gating: boolean;
  /** why it gates (what the verdict rests on) or why it is only a diagnostic */
  readonly gatingReason: string;
  check(run: ScenarioRun): Verdict;
  /**
   * the observed sequence and its bound along the run, for plotting and the tightness summary
   * (theorems with a per-iteration bound); `floor`: the check judges no value below it (the precision floor)
   */
  series?(run: ScenarioRun): { readonly observed: readonly number[]; readonly bound: readonly number[]; readonly floor: number } | null;
}

/** The first assumption that fails on this run, or null when all hold. */
export function failedAssumption(theorem: Theorem, run: ScenarioRun): string | null {
  for (const a of theorem.assumptions) {
    const r = a.holds(run);
    if (r !== true) return `${a.statement}: ${r}`;
  }
  return null;
}
