import { it } from 'vitest';
import { harmonicMeanProperty } from '../../properties/harmonic-mean.js';
import { runPropertySuite } from './property-harness.js';

it('harmonic-mean: no violations on the cases; the power check is caught', () => {
  runPropertySuite(harmonicMeanProperty, 20250613);
}, 120_000);
