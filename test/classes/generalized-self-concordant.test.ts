import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('generalized-self-concordant membership spot check', () => {
  spotCheckSuite('generalized-self-concordant', (m) => ({ ...m, M: m.M / 4 }), 98642);
});
