import { describe, it } from 'vitest';
import { envelopeL0L1Property } from '../../properties/envelope-l0-l1.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('envelope-l0-l1', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(envelopeL0L1Property, 0x102);
    printRateDiagnostics(envelopeL0L1Property, 0x102);
  });
});
