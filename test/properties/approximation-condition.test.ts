import { it } from 'vitest';
import { approximationConditionProperty } from '../../properties/approximation-condition.js';
import { runPropertySuite } from './property-harness.js';

it('approximation-condition: no violations on the cases; the power check is caught', () => {
  runPropertySuite(approximationConditionProperty, 20250613);
}, 120_000);
