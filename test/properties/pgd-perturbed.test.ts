import { pgdPerturbedProperty } from '../../properties/pgd-perturbed.js';
import { propertyTests } from './property-harness.js';

propertyTests(pgdPerturbedProperty, { seed: 5301, powerCases: 20 });
