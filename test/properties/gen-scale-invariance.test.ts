import { genScaleInvarianceProperty } from '../../properties/gen-scale-invariance.js';
import { propertyTests } from './property-harness.js';

propertyTests(genScaleInvarianceProperty, { seed: 5201 });
