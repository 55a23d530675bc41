import fc from 'fast-check';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { type CaseResult, type Property, type PropertyResult, summarizeTheorems } from '../../properties/property.js';
import { verdictsOf } from '../harness/case-verdicts.js';
import { propertyById } from '../harness/property-lookup.js';
import { encodeReplay } from '../harness/replay-string.js';
import { shrinkViolation } from '../harness/shrink.js';
import type { Method, MethodOptions } from '../methods/method.js';
import { registerMethod } from '../methods/registry.js';
import type { InstanceName } from '../problems/instance.js';
import type { Scenario } from '../scenarios/scenario.js';
import { theoremFitsMethod } from '../theory/method-capabilities.js';
import { failsGate, type Verdict } from '../theory/verdict.js';

export interface CheckMethodOptions {
  /** the properties to run (objects or ids); default: every property with a theorem the method's capabilities can meet */
  readonly properties?: readonly (Property | string)[];
  /** cases per property (default: the property's own count) */
  readonly cases?: number;
  readonly seed?: number;
  /** the instances to run on instead of each property's own (e.g. a user problem's names, `userInstances`) */
  readonly instances?: fc.Arbitrary<InstanceName>;
  /** shrink each violation to a simpler scenario that still violates (default true) */
  readonly shrink?: boolean;
}

/** A gating theorem violated on one case: where, by how much, and the string that replays it (`replayCase`, `ratecheck replay`). */
export interface Violation {
  readonly property: string;
  readonly theorem: string;
  readonly worstRatio: number;
  readonly where: string | null;
  readonly slack: string;
  readonly replay: string;
  /** the shrunk case's replay string and what shrinking changed */
  readonly shrunk?: { readonly replay: string; readonly summary: string };
}

/** per theorem: cases that held, were violated, were not applicable; the worst ratio and where (as checkProperty tallies them) */
export type TheoremTally = PropertyResult['summary'][string];

export interface PropertyCheck {
  readonly property: string;
  readonly cases: number;
  /** cases not run: the scenario did not apply (the reason, counted) */
  readonly skipped: Readonly<Record<string, number>>;
  readonly theorems: Readonly<Record<string, TheoremTally>>;
}

export interface MethodCheck {
  /** true when no gating theorem was violated, no case threw, and some theorem was judged */
  readonly ok: boolean;
  readonly method: string;
  readonly properties: readonly PropertyCheck[];
  readonly violations: readonly Violation[];
  /** cases where the method (or the run) threw: the message and the replay string */
  readonly errors: readonly { readonly property: string; readonly message: string; readonly replay: string }[];
  /** gating verdicts that were judged (holds or violated) */
  readonly judged: number;
}

/** Properties with at least one theorem the method's capabilities can meet. */
export function propertiesFor(method: Method, from: readonly Property[] = ALL_PROPERTIES): Property[] {
  return from.filter((p) => p.theorems.some((t) => theoremFitsMethod(t, method)));
}

/**
 * Runs properties on a method: each property's scenarios (instances, Hessian models, budgets) with
 * the method in place of the one they name and its options drawn from `method.options`, every
 * theorem judged where its assumptions hold. The method is registered (`registerMethod`), so that the
 * replay strings of its violations replay in this process.
 */
export function checkMethod<O extends MethodOptions>(method: Method<O>, o: CheckMethodOptions = {}): MethodCheck {
  registerMethod(method as unknown as Method);
  const seed = o.seed ?? 1;
  const properties = o.properties ? o.properties.map((p) => (typeof p === 'string' ? propertyById(p) : p)) : propertiesFor(method as unknown as Method);
  const results: PropertyCheck[] = [];
  const violations: Violation[] = [];
  const errors: MethodCheck['errors'][number][] = [];
  let judged = 0;
  properties.forEach((p, position) => {
    const count = o.cases ?? p.cases;
    const scenarios = fc.sample(
      fc.record({ base: p.scenarios, options: method.options, instance: o.instances ?? fc.constant(null) }).map(({ base, options, instance }): Scenario => ({ ...base, ...(instance ? { instance } : {}), method: { id: method.id, options } })),
      { seed: seed + position, numRuns: count },
    );
    const skipped: Record<string, number> = {};
    const checked: CaseResult[] = [];
    for (const scenario of scenarios) {
      const replay = encodeReplay({ property: p.id, kind: 'case', scenario });
      let verdicts: Record<string, Verdict>;
      try {
        const out = verdictsOf(p, 'case', scenario);
        if (!out.outcome.ok) {
          skipped[out.outcome.skipped] = (skipped[out.outcome.skipped] ?? 0) + 1;
          continue;
        }
        verdicts = out.verdicts;
      } catch (e) {
        errors.push({ property: p.id, message: e instanceof Error ? e.message : String(e), replay });
        continue;
      }
      checked.push({ scenario, verdicts });
      judged += Object.values(verdicts).filter((v) => v.status !== 'not-applicable' && v.gating !== false).length;
      const failing = Object.entries(verdicts).filter(([, v]) => failsGate(v));
      if (failing.length === 0) continue;
      const shrunk = o.shrink === false ? undefined : shrinkViolation(p, 'case', scenario, verdicts);
      for (const [id, v] of failing) {
        violations.push({ property: p.id, theorem: id, worstRatio: v.worstRatio, where: v.where, slack: v.slack, replay, ...(shrunk ? { shrunk: { replay: shrunk.replay, summary: shrunk.summary } } : {}) });
      }
    }
    results.push({ property: p.id, cases: count, skipped, theorems: summarizeTheorems(p.theorems, checked) });
  });
  return { ok: violations.length === 0 && errors.length === 0 && judged > 0, method: method.id, properties: results, violations, errors, judged };
}

/** A MethodCheck as lines a test failure prints: each violation with its replay string. */
export function describeCheck(c: MethodCheck): string {
  const lines = [`method '${c.method}': ${c.violations.length} violation(s), ${c.errors.length} error(s), ${c.judged} gating verdicts judged`];
  for (const v of c.violations) lines.push(`  ${v.property}/${v.theorem}: ratio ${v.worstRatio} at ${v.where ?? '—'}\n    replay: ${v.shrunk?.replay ?? v.replay}${v.shrunk ? ` (shrunk: ${v.shrunk.summary})` : ''}`);
  for (const e of c.errors) lines.push(`  ${e.property}: error ${e.message}\n    replay: ${e.replay}`);
  if (c.judged === 0) lines.push('  no theorem was judged: no property applies to this method on these instances');
  return lines.join('\n');
}

/** checkMethod that throws (with every violation and its replay string) unless the method passes — for a test, as fc.assert. */
export function assertMethod<O extends MethodOptions>(method: Method<O>, o: CheckMethodOptions = {}): MethodCheck {
  const c = checkMethod(method, o);
  if (!c.ok) throw new Error(describeCheck(c));
  return c;
}
