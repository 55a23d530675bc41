import { describe, it } from 'vitest';
import { envelopeHolderThirdProperty } from '../../properties/envelope-holder-third.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('envelope-holder-third', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(envelopeHolderThirdProperty, 8504);
    printRateDiagnostics(envelopeHolderThirdProperty, 8504);
  });
});
