import { genKantorovichProperty } from '../../properties/gen-kantorovich.js';
import { propertyTests } from './property-harness.js';

propertyTests(genKantorovichProperty, { seed: 5103 });
