import { it } from 'vitest';
import { lemma1ChainProperty } from '../../properties/lemma1-chain.js';
import { runPropertySuite } from './property-harness.js';

it('lemma1-chain: no violations on the cases; the power check is caught', () => {
  runPropertySuite(lemma1ChainProperty, 20250613);
}, 120_000);
