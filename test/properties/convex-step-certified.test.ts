import { describe, it } from 'vitest';
import { convexStepCertifiedProperty } from '../../properties/convex-step-certified.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('convex-step-certified', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(convexStepCertifiedProperty, 84825);
    printRateDiagnostics(convexStepCertifiedProperty, 84825);
  });
});
