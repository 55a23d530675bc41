import { trialCountProperty } from '../../properties/trial-count.js';
import { propertyTests } from './property-harness.js';

propertyTests(trialCountProperty, { seed: 0x1a6 });
