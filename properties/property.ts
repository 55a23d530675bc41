import fc from 'fast-check';
import type { AnyBackend } from '../src/backends/backend.js';
import { runScenario, type Scenario, type ScenarioOutcome } from '../src/scenarios/scenario.js';
import { failedAssumption, type Theorem } from '../src/theory/theorem.js';
import { failsGate, notApplicable, type Verdict } from '../src/theory/verdict.js';

/**
 * A property: the theorems it checks, the random scenarios it checks them on, how many cases a
 * suite runs by default, and its power check — a deliberately broken variant that must be caught.
 */
export interface Property {
  readonly id: string;
  readonly title: string;
  readonly theorems: readonly Theorem[];
  readonly scenarios: fc.Arbitrary<Scenario>;
  readonly cases: number;
  /** power-check cases a suite runs by default (default `cases`): enough that the check can be judged (power-judgement.ts) */
  readonly powerCases?: number;
  readonly power: PowerCheck;
  /**
   * a second scenario run beside each case (e.g. the same scenario on c·f for scale invariance); its
   * run is set as `run.companion` by checkProperty / checkPower (a case is skipped where it is skipped)
   */
  readonly companion?: (s: Scenario) => Scenario;
  /** the companion runs on the float64 cpu reference whatever backend the case runs on (differential properties) */
  readonly companionOnReference?: boolean;
}

export interface PowerCheck {
  readonly description: string;
  /** the same scenario run with the defect (a broken solver, model or oracle), or skipped; `backend`: the case's backend (default cpu) */
  run(scenario: Scenario, backend?: AnyBackend): ScenarioOutcome;
  /** the theorem that must catch it (a gating one) */
  readonly theorem: Theorem;
  /**
   * the promised catch rate p₀ among the scenarios where the defect applies: a run fails the power
   * check only when its count is incompatible with p₀ (src/harness/power-judgement.ts); p₀ sits at
   * least CALIBRATION_MARGIN below the 99.9% lower bound of the `calibration` measurement
   */
  readonly minCaught: number;
  /** the catch rate measured by `npm run bench:power`: power cases drawn with seed `seed`, applicable, caught */
  readonly calibration: { readonly drawn: number; readonly applicable: number; readonly caught: number; readonly seed: number };
}

export interface CaseResult {
  readonly scenario: Scenario;
  readonly skipped?: string;
  readonly verdicts: Readonly<Record<string, Verdict>>;
}

export interface PropertyResult {
  readonly property: string;
  readonly cases: readonly CaseResult[];
  /** per theorem: how many cases held, were violated (a diagnostic: fell outside its margin), were not applicable; the worst ratio and where */
  readonly summary: Readonly<Record<string, { holds: number; violated: number; notApplicable: number; worstRatio: number; worstCase: string | null }>>;
}

/**
 * Every theorem of the property on one finished run (not applicable where an assumption fails). A
 * `companion` outcome, when given and the run has none yet, is attached as `run.companion`.
 */
export function checkRun(theorems: readonly Theorem[], outcome: ScenarioOutcome, companion?: ScenarioOutcome): Record<string, Verdict> {
  const verdicts: Record<string, Verdict> = {};
  if (!outcome.ok) return verdicts;
  const run = companion?.ok && !outcome.run.companion ? { ...outcome.run, companion: companion.run } : outcome.run;
  for (const t of theorems) {
    const failed = failedAssumption(t, run);
    const v = failed ? notApplicable(failed) : t.check(run);
    verdicts[t.id] = t.gating ? v : { ...v, gating: false };
  }
  return verdicts;
}

/** The companion run of a case on the case's backend, or on the float64 reference (undefined when the property has none). */
export function companionOf(p: Property, scenario: Scenario, backend?: AnyBackend): ScenarioOutcome | undefined {
  return p.companion ? runScenario(p.companion(scenario), undefined, p.companionOnReference ? undefined : backend) : undefined;
}

/** Runs `cases` scenarios drawn with `seed` on `backend` (default cpu) and checks every theorem on each. */
export function checkProperty(p: Property, cases: number, seed: number, backend?: AnyBackend): PropertyResult {
  const scenarios = fc.sample(p.scenarios, { seed, numRuns: cases });
  const results: CaseResult[] = scenarios.map((scenario) => {
    const outcome = runScenario(scenario, undefined, backend);
    if (!outcome.ok) return { scenario, skipped: outcome.skipped, verdicts: {} };
    const companion = companionOf(p, scenario, backend);
    if (companion && !companion.ok) return { scenario, skipped: `companion: ${companion.skipped}`, verdicts: {} };
    return { scenario, verdicts: checkRun(p.theorems, outcome, companion) };
  });
  return { property: p.id, cases: results, summary: summarizeTheorems(p.theorems, results) };
}

/** Per theorem: how many cases held, were violated, were not applicable; the worst ratio and where. */
export function summarizeTheorems(theorems: readonly Theorem[], results: readonly CaseResult[]): PropertyResult['summary'] {
  const summary: Record<string, { holds: number; violated: number; notApplicable: number; worstRatio: number; worstCase: string | null }> = {};
  for (const t of theorems) {
    const s = { holds: 0, violated: 0, notApplicable: 0, worstRatio: 0, worstCase: null as string | null };
    for (const r of results) {
      const v = r.verdicts[t.id];
      if (!v) continue;
      if (v.status === 'holds') s.holds++;
      else if (v.status === 'violated') s.violated++;
      else s.notApplicable++;
      if (v.status !== 'not-applicable' && !(v.worstRatio <= s.worstRatio)) {
        s.worstRatio = v.worstRatio;
        s.worstCase = `${JSON.stringify(r.scenario.instance)} ${v.where ?? ''}`;
      }
    }
    summary[t.id] = s;
  }
  return summary;
}

/** The power check on `cases` scenarios (on `backend`, default cpu): how often the broken variant is caught where it applies. */
export function checkPower(p: Property, cases: number, seed: number, backend?: AnyBackend): { applicable: number; caught: number; fraction: number } {
  const scenarios = fc.sample(p.scenarios, { seed, numRuns: cases });
  let applicable = 0;
  let caught = 0;
  for (const scenario of scenarios) {
    const outcome = p.power.run(scenario, backend);
    if (!outcome.ok) continue;
    // a power run may bring its own (defective) companion; otherwise the honest one is attached
    const companion = outcome.run.companion ? undefined : companionOf(p, scenario, backend);
    const v = checkRun([p.power.theorem], outcome, companion)[p.power.theorem.id];
    // a diagnostic verdict of the gating theorem (e.g. on an estimated constant) cannot judge the power check (as summarize.ts)
    if (!v || v.status === 'not-applicable' || v.gating === false) continue;
    applicable++;
    if (failsGate(v)) caught++;
  }
  return { applicable, caught, fraction: applicable === 0 ? NaN : caught / applicable };
}
