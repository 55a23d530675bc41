import { linearSolveProperty } from '../../properties/linear-solve.js';
import { propertyTests } from './property-harness.js';

propertyTests(linearSolveProperty, { seed: 0x1a1 });
