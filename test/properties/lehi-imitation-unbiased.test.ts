import { lehiImitationUnbiasedProperty } from '../../properties/lehi-imitation-unbiased.js';
import { propertyTests } from './property-harness.js';

propertyTests(lehiImitationUnbiasedProperty, { seed: 5402, powerCases: lehiImitationUnbiasedProperty.powerCases });
