import { describe, expect, it } from 'vitest';
import { checkPower, checkProperty } from '../../properties/property.js';
import { envelopeL0L1Property } from '../../properties/envelope-l0-l1.js';

describe('envelope-l0-l1', () => {
  it('never violated; not applicable on the catalog until a family certifies f* and x* (or D) with an (L0, L1) membership', () => {
    const r = checkProperty(envelopeL0L1Property, envelopeL0L1Property.cases, 0x101);
    const s = r.summary['envelope-l0-l1'];
    const reasons = new Set(r.cases.map((c) => c.verdicts['envelope-l0-l1']?.note).filter(Boolean));
    console.log(`[envelope-l0-l1] holds ${s.holds}, violated ${s.violated}, not applicable ${s.notApplicable}; reasons: ${[...reasons].join(' | ')}`);
    expect(s.violated).toBe(0);
    const power = checkPower(envelopeL0L1Property, envelopeL0L1Property.cases, 0x102);
    console.log(`[envelope-l0-l1] power: caught ${power.caught}/${power.applicable}`);
    if (power.applicable > 0) expect(power.fraction).toBeGreaterThanOrEqual(envelopeL0L1Property.power.minCaught);
  });
});
