import { it } from 'vitest';
import { classLowerBoundProperty } from '../../properties/class-lower-bound.js';
import { runPropertySuite } from './property-harness.js';

it('class-lower-bound: no violations on the cases; the power check is caught', () => {
  runPropertySuite(classLowerBoundProperty, 20250613);
}, 120_000);
