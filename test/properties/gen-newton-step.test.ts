import { genNewtonStepProperty } from '../../properties/gen-newton-step.js';
import { propertyTests } from './property-harness.js';

propertyTests(genNewtonStepProperty, { seed: 5102 });
