import { BACKEND_PROPERTIES } from '../properties/index.js';
import type { Property } from '../properties/property.js';
import type { Suite } from './suite.js';

export const gpu: Suite = {
  name: 'gpu',
  description:
    'for `--backend tfjs` (float32): every ci property, its checks taking their slack and precision floor from the backend, on a fifth of the ci cases (their power checks run in ci on cpu), and the differential property against the float64 reference with its power check',
  timeBudgetSeconds: 300,
  entries: (properties: readonly Property[]) => [
    ...properties.map((property, i) => ({ property, cases: Math.max(4, Math.round(property.cases / 5)), powerCases: 0, seed: 5000 + i })),
    ...BACKEND_PROPERTIES.map((property, i) => ({ property, cases: property.cases, powerCases: 40, seed: 5900 + i })),
  ],
};
