import fc from 'fast-check';
import { expect, it } from 'vitest';
import { classCaseArbitrary, type ClassCase } from '../../src/classes/generators.js';
import { classById } from '../../src/classes/index.js';
import type { ClassId, Membership } from '../../src/problems/certificate.js';
import { formatName } from '../../src/problems/instance.js';

/** Spot-check options used by every class suite: few samples, the fixed refinement budget of the class. */
export const OPTIONS = { samples: 10 } as const;

/** Mostly small dimensions (fast), one case in eight in 7…50. */
export function mixedDimensions<C extends ClassId>(id: C): fc.Arbitrary<ClassCase<C>> {
  return fc.oneof(
    { arbitrary: classCaseArbitrary(id, { minDim: 1, maxDim: 6 }), weight: 7 },
    { arbitrary: classCaseArbitrary(id, { minDim: 7, maxDim: 50 }), weight: 1 },
  );
}

/**
 * (a) the spot check confirms the certified constant on ≥ 1000 random instances;
 * (b) with the constant(s) divided by 4 it fails on a clear majority of ≥ 200 instances.
 */
export function spotCheckSuite<C extends ClassId>(id: C, quarter: (m: Extract<Membership, { class: C }>) => Extract<Membership, { class: C }>, seed: number): void {
  const cls = classById[id];
  let worst = 0;
  let worstAt = '';
  let power = NaN;

  it(`${id}: the spot check confirms the certified constant on 1000 random instances`, () => {
    let runs = 0;
    fc.assert(
      fc.property(mixedDimensions(id), (c) => {
        runs++;
        const r = cls.spotCheck(c.instance, c.membership, { ...OPTIONS, seed: c.name.seed });
        if (r.worstRatio > worst) {
          worst = r.worstRatio;
          worstAt = formatName(c.name);
        }
        return r.worstRatio <= 1 + r.slack;
      }),
      { seed, numRuns: 1000 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
  });

  it(`${id}: a quarter of the certified constant is refuted on most of 200 random instances`, () => {
    const cases = fc.sample(mixedDimensions(id), { seed: seed + 1, numRuns: 200 });
    let refuted = 0;
    for (const c of cases) {
      const r = cls.spotCheck(c.instance, quarter(c.membership), { ...OPTIONS, seed: c.name.seed });
      if (r.worstRatio > 1 + r.slack) refuted++;
    }
    power = refuted / cases.length;
    expect(power).toBeGreaterThan(0.5);
  });

  it(`${id}: summary`, () => {
    console.log(`[classes] ${id}: worst ratio ${worst.toPrecision(17)} (${worstAt}); refuted at ¼ constant: ${(100 * power).toFixed(1)}%`);
  });
}
