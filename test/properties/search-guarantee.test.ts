import { it } from 'vitest';
import { searchGuaranteeProperty } from '../../properties/search-guarantee.js';
import { runPropertySuite } from './property-harness.js';

it('search-guarantee: no violations on the cases; the power check is caught', () => {
  runPropertySuite(searchGuaranteeProperty, 20250613);
}, 120_000);
