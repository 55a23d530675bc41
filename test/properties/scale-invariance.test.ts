import { scaleInvarianceProperty } from '../../properties/scale-invariance.js';
import { propertyTests } from './property-harness.js';

propertyTests(scaleInvarianceProperty, { seed: 0x1b4 });
