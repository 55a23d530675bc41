import { corollary1CertifiedProperty } from '../../properties/corollary1-certified.js';
import { propertyTests } from './property-harness.js';

propertyTests(corollary1CertifiedProperty, { seed: 0x1a8 });
