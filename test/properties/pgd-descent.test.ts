import { pgdDescentProperty } from '../../properties/pgd-descent.js';
import { propertyTests } from './property-harness.js';

propertyTests(pgdDescentProperty, { seed: 5101, powerCases: 150 });
