import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('l0-l1-smooth membership spot check', () => {
  spotCheckSuite('l0-l1-smooth', (m) => ({ ...m, L0: m.L0 / 4, L1: m.L1 / 4 }), 4101);
});
