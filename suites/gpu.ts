import { BACKEND_PROPERTIES } from '../properties/index.js';
import { largeDataProperty } from '../properties/large-data.js';
import type { Property } from '../properties/property.js';
import type { Suite } from './suite.js';

export const gpu: Suite = {
  name: 'gpu',
  description:
    'for `--backend tfjs` (float32): every ci property, its checks taking their slack and precision floor from the backend, on a fifth of the ci cases (their power checks run in ci on cpu); the differential property against the float64 reference with its power check; and the large data-heavy instances a CPU-bound tfjs backend affords (logistic m = 10⁵, n = 100; LogSumExp m = 2·10⁴, n = 300; softmax m = 2·10⁴, n = 200)',
  timeBudgetSeconds: 300,
  entries: (properties: readonly Property[]) => [
    ...properties.map((property, i) => ({ property, cases: Math.max(4, Math.round(property.cases / 5)), powerCases: 0, seed: 5000 + i })),
    ...BACKEND_PROPERTIES.map((property, i) => ({ property, cases: property.cases, powerCases: 40, seed: 5900 + i })),
    { property: largeDataProperty, cases: largeDataProperty.cases, powerCases: 2, seed: 5950 },
  ],
};
