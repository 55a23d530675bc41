import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('holder-third membership spot check', () => {
  spotCheckSuite('holder-third', (m) => ({ ...m, L: m.L / 4 }), 25558);
});
