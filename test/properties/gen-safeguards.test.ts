import { genSafeguardsProperty } from '../../properties/gen-safeguards.js';
import { propertyTests } from './property-harness.js';

propertyTests(genSafeguardsProperty, { seed: 5104, powerCases: 400 });
