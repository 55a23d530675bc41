import { lehiOutputConditionProperty } from '../../properties/lehi-output-condition.js';
import { propertyTests } from './property-harness.js';

propertyTests(lehiOutputConditionProperty, { seed: 5401, powerCases: lehiOutputConditionProperty.powerCases });
