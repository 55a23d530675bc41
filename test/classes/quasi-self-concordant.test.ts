import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('quasi-self-concordant membership spot check', () => {
  spotCheckSuite('quasi-self-concordant', (m) => ({ ...m, M: m.M / 4 }), 40541);
});
