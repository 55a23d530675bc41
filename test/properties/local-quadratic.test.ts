import { localQuadraticProperty } from '../../properties/local-quadratic.js';
import { propertyTests } from './property-harness.js';

propertyTests(localQuadraticProperty, { seed: 0x1b2 });
