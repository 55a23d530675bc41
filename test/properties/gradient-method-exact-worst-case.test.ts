import { gradientMethodExactWorstCaseProperty } from '../../properties/gradient-method-exact-worst-case.js';
import { propertyTests } from './property-harness.js';

propertyTests(gradientMethodExactWorstCaseProperty, { seed: 4301, powerCases: 200 });
