import { describe, it } from 'vitest';
import { envelopeQscProperty } from '../../properties/envelope-qsc.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('envelope-qsc', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(envelopeQscProperty, 13160);
    printRateDiagnostics(envelopeQscProperty, 13160);
  });
});
