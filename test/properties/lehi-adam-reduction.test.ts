import { lehiAdamReductionProperty } from '../../properties/lehi-adam-reduction.js';
import { propertyTests } from './property-harness.js';

propertyTests(lehiAdamReductionProperty, { seed: 5403, powerCases: lehiAdamReductionProperty.powerCases });
