import { corollary1EmpiricalProperty } from '../../properties/corollary1-empirical.js';
import { propertyTests } from './property-harness.js';

propertyTests(corollary1EmpiricalProperty, { seed: 0x1a9 });
