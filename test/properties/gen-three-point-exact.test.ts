import { genThreePointExactProperty } from '../../properties/gen-three-point-exact.js';
import { propertyTests } from './property-harness.js';

propertyTests(genThreePointExactProperty, { seed: 5101 });
