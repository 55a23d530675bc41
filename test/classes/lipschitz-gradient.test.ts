import { describe } from 'vitest';
import { spotCheckSuite } from './spot-check-suite.js';

describe('lipschitz-gradient membership spot check', () => {
  spotCheckSuite('lipschitz-gradient', (m) => ({ ...m, L: m.L / 4 }), 9698);
});
