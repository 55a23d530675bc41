import { lemma1DecreaseProperty } from '../../properties/lemma1-decrease.js';
import { propertyTests } from './property-harness.js';

propertyTests(lemma1DecreaseProperty, { seed: 0x1a3 });
