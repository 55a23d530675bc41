import { descentProperty } from '../../properties/descent.js';
import { propertyTests } from './property-harness.js';

propertyTests(descentProperty, { seed: 4101, powerCases: 80 });
