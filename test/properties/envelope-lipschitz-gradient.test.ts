import { describe, it } from 'vitest';
import { envelopeLipschitzGradientProperty } from '../../properties/envelope-lipschitz-gradient.js';
import { runPropertySuite } from './property-harness.js';
import { printRateDiagnostics } from './convex-rate-diagnostics.js';

describe('envelope-lipschitz-gradient', () => {
  it('holds on every case and catches its power defect', () => {
    runPropertySuite(envelopeLipschitzGradientProperty, 7622);
    printRateDiagnostics(envelopeLipschitzGradientProperty, 7622);
  });
});
