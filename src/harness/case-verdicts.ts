import type { Property } from '../../properties/property.js';
import type { AnyBackend } from '../backends/backend.js';
import { checkRun, companionOf } from '../../properties/property.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../scenarios/scenario.js';
import type { Theorem } from '../theory/theorem.js';
import type { Verdict } from '../theory/verdict.js';
import type { CaseKind } from './results.js';

/** The theorems a case of this kind is judged by: the power check's theorem for `power`, else all of the property's. */
export function theoremsFor(p: Property, kind: CaseKind): readonly Theorem[] {
  return kind === 'power' ? [p.power.theorem] : p.theorems;
}

/**
 * The run a case of this kind checks: the broken variant for `power` and `defect`, the real solver
 * otherwise, on `backend` (power variants that build their own runs use cpu).
 */
export function outcomeFor(p: Property, kind: CaseKind, scenario: Scenario, backend?: AnyBackend): ScenarioOutcome {
  return kind === 'power' || kind === 'defect' ? p.power.run(scenario, backend) : runScenario(scenario, undefined, backend);
}

/** Verdicts of one case; a power run that brings no companion of its own gets the honest one. */
export function verdictsOf(p: Property, kind: CaseKind, scenario: Scenario, backend?: AnyBackend): { outcome: ScenarioOutcome; verdicts: Record<string, Verdict> } {
  const outcome = outcomeFor(p, kind, scenario, backend);
  if (!outcome.ok) return { outcome, verdicts: {} };
  const companion = outcome.run.companion ? undefined : companionOf(p, scenario, backend);
  return { outcome, verdicts: checkRun(theoremsFor(p, kind), outcome, companion) };
}

/** The largest worst ratio over the applicable gating theorems (NaN counts as ∞; diagnostics are left out). */
export function worstOf(verdicts: Readonly<Record<string, Verdict>>): number {
  let worst = 0;
  for (const v of Object.values(verdicts)) {
    if (v.status === 'not-applicable' || v.gating === false) continue;
    const r = Number.isNaN(v.worstRatio) ? Infinity : v.worstRatio;
    if (r > worst) worst = r;
  }
  return worst;
}
