/**
 * The vitest wrapper of one property: its cases must show zero violations of its gating theorems (a
 * violation is a finding, never a reason to loosen a check; diagnostics are printed, not asserted), and its power check must catch the broken variant in at least
 * `minCaught` of the applicable cases. The worst ratio per theorem is printed once.
 */
import { describe, expect, it } from 'vitest';
import { checkPower, checkProperty, type Property } from '../../properties/property.js';
import { judgePower } from '../../src/harness/power-judgement.js';
import { failsGate } from '../../src/theory/verdict.js';

export interface HarnessOptions {
  readonly seed: number;
  readonly powerCases?: number;
  readonly minApplicable?: number;
}

/** Cases: every theorem applicable somewhere and never violated. */
export function expectNoViolation(p: Property, seed: number): void {
  const r = checkProperty(p, p.cases, seed);
  const skipped = r.cases.filter((c) => c.skipped).length;
  const violations: string[] = [];
  for (const c of r.cases) {
    for (const [id, v] of Object.entries(c.verdicts)) {
      if (failsGate(v)) violations.push(`${id} ${JSON.stringify(c.scenario)}: ratio ${v.worstRatio} at ${v.where} (${v.slack})`);
    }
  }
  for (const t of p.theorems) {
    const s = r.summary[t.id];
    console.log(
      `${t.id}: worst ratio ${s.worstRatio.toPrecision(6)} over ${s.holds + s.violated} applicable cases (${s.holds} hold, ${s.violated} ${t.gating ? 'violated' : 'outside the diagnostic margin'}, ${s.notApplicable} not applicable, ${skipped} scenarios skipped)${t.tight ? ' [tight]' : ''}; worst at ${s.worstCase}`,
    );
    expect(s.holds, `${t.id}: no applicable case`).toBeGreaterThan(0);
  }
  expect(violations).toEqual([]);
}

/** Power: the broken variant is caught in at least minCaught of the applicable cases (this fixed seed), and the gate's binomial judgement does not fail it. */
export function expectPower(p: Property, o: HarnessOptions): void {
  const pw = checkPower(p, o.powerCases ?? p.cases, o.seed + 1);
  console.log(`${p.id} power (${p.power.description}): caught ${pw.caught}/${pw.applicable} = ${pw.fraction.toFixed(3)} (min ${p.power.minCaught})`);
  expect(pw.applicable).toBeGreaterThanOrEqual(o.minApplicable ?? 1);
  expect(pw.fraction).toBeGreaterThanOrEqual(p.power.minCaught);
  expect(judgePower(pw.caught, pw.applicable, p.power.minCaught).status).not.toBe('failed');
}

export function propertyTests(p: Property, o: HarnessOptions): void {
  describe(`${p.id}: ${p.title}`, () => {
    it(`${p.cases} random scenarios: no violation`, () => expectNoViolation(p, o.seed));
    it(`power: ${p.power.description}`, () => expectPower(p, { minApplicable: 10, ...o }));
  });
}

/** Both checks inside one test (for callers that add diagnostics to the same test). */
export function runPropertySuite(p: Property, seed: number, powerCases = p.cases): void {
  expectNoViolation(p, seed);
  expectPower(p, { seed, powerCases });
}
