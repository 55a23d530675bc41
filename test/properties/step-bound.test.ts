import { stepBoundProperty } from '../../properties/step-bound.js';
import { propertyTests } from './property-harness.js';

propertyTests(stepBoundProperty, { seed: 0x1a2 });
