import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { checkPower, checkProperty } from '../../properties/property.js';
import { suiteByName } from '../../suites/index.js';
import { judgePower } from '../../src/harness/power-judgement.js';
import { isGating } from '../../src/theory/index.js';
import { smoothnessClasses } from '../../src/classes/index.js';
import { buildInstance } from '../../src/problems/registry.js';
import { HESSIAN_NAMES } from '../../src/hessians/catalog.js';

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
const classCounts = new Map<string, number>();
const hessianCounts = new Map<string, number>();
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

describe(`suite ${suite.name}`, () => {
  it.each(entries.map((e) => [e.property.id, e] as const))('%s', (_, entry) => {
    const result = checkProperty(entry.property, entry.cases, entry.seed);
    for (const c of result.cases) {
      if (c.skipped) continue;
      instances++;
      bump(hessianCounts, c.scenario.hessian);
      for (const cls of new Set(buildInstance(c.scenario.instance).certificate.memberships.map((m) => m.class))) bump(classCounts, cls);
    }
    const lines: string[] = [];
    for (const [theorem, s] of Object.entries(result.summary)) {
      lines.push(`${entry.property.id} ${theorem}: holds ${s.holds}, violated ${s.violated}, n/a ${s.notApplicable}, worst ratio ${s.worstRatio.toPrecision(6)}${s.violated ? ` at ${s.worstCase}` : ''}`);
      if (isGating(theorem)) expect(s.violated, `${theorem} violated at ${s.worstCase}`).toBe(0);
    }
    const power = checkPower(entry.property, entry.powerCases, entry.seed + 1);
    lines.push(`${entry.property.id} power (${entry.property.power.description}): caught ${power.caught}/${power.applicable}`);
    console.log(lines.join('\n'));
    expect(power.applicable).toBeGreaterThan(0);
    expect(power.fraction).toBeGreaterThanOrEqual(entry.property.power.minCaught);
    expect(judgePower(power.caught, power.applicable, entry.property.power.minCaught).status).not.toBe('failed');
  });

  it('reports the instance count, its rule-of-three bound, and the coverage of classes and Hessian models', () => {
    console.log(`suite ${suite.name}: ${instances} instances checked; 95% bound on the violation probability 1 − 0.05^(1/N) = ${(1 - 0.05 ** (1 / Math.max(instances, 1))).toExponential(2)}`);
    console.log(`instances per certified class: ${JSON.stringify(Object.fromEntries(classCounts))}`);
    console.log(`instances per Hessian model: ${JSON.stringify(Object.fromEntries(hessianCounts))}`);
    expect(instances).toBeGreaterThan(0);
    if (suite.name !== 'smoke') {
      for (const c of smoothnessClasses) expect(classCounts.get(c.id) ?? 0, `class ${c.id}`).toBeGreaterThan(0);
      for (const h of [...HESSIAN_NAMES, 'zero']) expect(hessianCounts.get(h) ?? 0, `Hessian model ${h}`).toBeGreaterThan(0);
    }
  });
});
