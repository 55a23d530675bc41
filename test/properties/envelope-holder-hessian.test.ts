import { describe, it } from 'vitest';
import { envelopeHolderHessianProperty } from '../../properties/envelope-holder-hessian.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('envelope-holder-hessian', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(envelopeHolderHessianProperty, 14879);
    printRateDiagnostics(envelopeHolderHessianProperty, 14879);
  });
});
