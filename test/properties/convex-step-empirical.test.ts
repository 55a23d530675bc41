import { describe, it } from 'vitest';
import { convexStepEmpiricalProperty } from '../../properties/convex-step-empirical.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('convex-step-empirical', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(convexStepEmpiricalProperty, 9259);
    printRateDiagnostics(convexStepEmpiricalProperty, 9259);
  });
});
