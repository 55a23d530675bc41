import { theorem1SumProperty } from '../../properties/theorem1-sum.js';
import { propertyTests } from './property-harness.js';

propertyTests(theorem1SumProperty, { seed: 0x1a7 });
