/**
 * Every power check's promise rests on its calibration (`npm run bench:power`): the promised rate p₀
 * sits at least CALIBRATION_MARGIN below the 99.9% lower bound of the measured rate, and the suites
 * draw enough power cases that the check is judged, not "too few", with overwhelming probability.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, EVERY_PROPERTY } from '../../properties/index.js';
import { suiteByName } from '../../suites/index.js';
import { applicableToJudge, CALIBRATION_MARGIN, POWER_FALSE_ALARM } from '../../src/harness/power-judgement.js';
import { binomialCdf, clopperPearsonLower } from '../../src/rates/binomial.js';

describe('power-check promises', () => {
  for (const p of EVERY_PROPERTY) {
    it(`${p.id}: a gating theorem, p₀ = ${p.power.minCaught} well below the measured ${p.power.calibration.caught}/${p.power.calibration.applicable}`, () => {
      const c = p.power.calibration;
      expect(p.power.theorem.gating).toBe(true);
      expect(p.power.minCaught).toBeGreaterThan(0);
      expect(p.power.minCaught).toBeLessThan(1);
      expect(c.applicable).toBeLessThanOrEqual(c.drawn);
      expect(c.caught).toBeLessThanOrEqual(c.applicable);
      expect(p.power.minCaught).toBeLessThanOrEqual(clopperPearsonLower(c.caught, c.applicable, 0.999) - CALIBRATION_MARGIN);
    });
  }

  for (const name of ['smoke', 'ci', 'audit']) {
    it(`the ${name} suite draws enough power cases to judge every power check`, () => {
      for (const e of suiteByName(name)!.entries(ALL_PROPERTIES)) {
        const c = e.property.power.calibration;
        const applicableRate = c.applicable / c.drawn;
        const tooFew = binomialCdf(applicableToJudge(e.property.power.minCaught) - 1, e.powerCases, applicableRate);
        expect(tooFew, `${e.property.id}: ${e.powerCases} power cases, ${(applicableRate * 100).toFixed(0)}% applicable, ${applicableToJudge(e.property.power.minCaught)} needed`).toBeLessThan(POWER_FALSE_ALARM);
      }
    });
  }
});
