import { quadraticDoublingProperty } from '../../properties/quadratic-doubling.js';
import { propertyTests } from './property-harness.js';

propertyTests(quadraticDoublingProperty, { seed: 0x1b1 });
