import { genTruncationOrderProperty } from '../../properties/gen-truncation-order.js';
import { propertyTests } from './property-harness.js';

propertyTests(genTruncationOrderProperty, { seed: 5401, powerCases: 120 });
