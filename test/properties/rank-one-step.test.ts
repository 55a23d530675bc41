import { rankOneStepProperty } from '../../properties/rank-one-step.js';
import { propertyTests } from './property-harness.js';

propertyTests(rankOneStepProperty, { seed: 0x1b3 });
