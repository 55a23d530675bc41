import { gradientMethodRateProperty } from '../../properties/gradient-method-rate.js';
import { propertyTests } from './property-harness.js';

propertyTests(gradientMethodRateProperty, { seed: 4201, powerCases: 200 });
