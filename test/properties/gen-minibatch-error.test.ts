import { genMinibatchErrorProperty } from '../../properties/gen-minibatch-error.js';
import { propertyTests } from './property-harness.js';

propertyTests(genMinibatchErrorProperty, { seed: 5301 });
