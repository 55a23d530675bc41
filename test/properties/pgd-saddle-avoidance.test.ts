import { saddleAvoidanceProperty } from '../../properties/saddle-avoidance.js';
import { propertyTests } from './property-harness.js';

propertyTests(saddleAvoidanceProperty, { seed: 5201, powerCases: 80 });
