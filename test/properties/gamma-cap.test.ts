import { it } from 'vitest';
import { gammaCapProperty } from '../../properties/gamma-cap.js';
import { runPropertySuite } from './property-harness.js';

it('gamma-cap: no violations on the cases; the power check is caught', () => {
  runPropertySuite(gammaCapProperty, 20250613);
}, 120_000);
