import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('holder-hessian membership spot check', () => {
  spotCheckSuite('holder-hessian', (m) => ({ ...m, L: m.L / 4 }), 37574);
});
