import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { checkPower, checkProperty } from '../../properties/property.js';
import { suiteByName } from '../../suites/index.js';

/**
 * Runs a suite through vitest until the harness gives suites their CLI: RATECHECK_SUITE names it
 * (default smoke, which `npm test` runs). Every property must hold on every scenario, and its broken
 * variant must be caught.
 */
const name = process.env.RATECHECK_SUITE ?? 'smoke';
const suite = suiteByName(name);
if (!suite) throw new Error(`unknown suite '${name}'`);
const entries = suite.entries(ALL_PROPERTIES);
let instances = 0;

describe(`suite ${suite.name}`, () => {
  it.each(entries.map((e) => [e.property.id, e] as const))('%s', (_, entry) => {
    const result = checkProperty(entry.property, entry.cases, entry.seed);
    instances += result.cases.filter((c) => !c.skipped).length;
    const lines: string[] = [];
    for (const [theorem, s] of Object.entries(result.summary)) {
      lines.push(`${entry.property.id} ${theorem}: holds ${s.holds}, violated ${s.violated}, n/a ${s.notApplicable}, worst ratio ${s.worstRatio.toPrecision(6)}${s.violated ? ` at ${s.worstCase}` : ''}`);
      expect(s.violated, `${theorem} violated at ${s.worstCase}`).toBe(0);
    }
    const power = checkPower(entry.property, entry.powerCases, entry.seed + 1);
    lines.push(`${entry.property.id} power (${entry.property.power.description}): caught ${power.caught}/${power.applicable}`);
    console.log(lines.join('\n'));
    expect(power.applicable).toBeGreaterThan(0);
    expect(power.fraction).toBeGreaterThanOrEqual(entry.property.power.minCaught);
  });

  it('reports the instance count and its rule-of-three bound', () => {
    console.log(`suite ${suite.name}: ${instances} instances checked; 95% bound on the violation probability 1 − 0.05^(1/N) = ${(1 - 0.05 ** (1 / Math.max(instances, 1))).toExponential(2)}`);
    expect(instances).toBeGreaterThan(0);
  });
});
