import { affineInvarianceProperty } from '../../properties/affine-invariance.js';
import { propertyTests } from './property-harness.js';

propertyTests(affineInvarianceProperty, { seed: 0xaff });
