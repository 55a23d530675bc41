import { BACKEND_PROPERTIES } from '../properties/index.js';
import type { Property } from '../properties/property.js';
import type { Suite } from './suite.js';

/**
 * Properties whose checks still state float64-only allowances (bitwise identities, 1e-10-relative
 * recursions, exact Sherman–Morrison algebra): on float32 they report false violations, so the gpu
 * suite leaves them out until their slack is taken from the backend.
 */
export const FLOAT64_ONLY_PROPERTIES: readonly string[] = ['quadratic-doubling', 'local-quadratic', 'rank-one-step', 'affine-invariance', 'approximation-condition'];

export const gpu: Suite = {
  name: 'gpu',
  description:
    'for `--backend tfjs` (float32): the ci properties whose checks take their slack from the backend, on a fifth of the ci cases (their power checks run in ci on cpu), and the differential property against the float64 reference with its power check; leaves out the float64-only checks: ' +
    FLOAT64_ONLY_PROPERTIES.join(', '),
  timeBudgetSeconds: 300,
  entries: (properties: readonly Property[]) => [
    ...properties.filter((p) => !FLOAT64_ONLY_PROPERTIES.includes(p.id)).map((property, i) => ({ property, cases: Math.max(4, Math.round(property.cases / 5)), powerCases: 0, seed: 5000 + i })),
    ...BACKEND_PROPERTIES.map((property, i) => ({ property, cases: property.cases, powerCases: 40, seed: 5900 + i })),
  ],
};
