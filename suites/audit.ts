import type { Suite } from './suite.js';

export const audit: Suite = {
  name: 'audit',
  description: 'every property on ten times its default cases with fresh seeds and a large power check: the long search',
  timeBudgetSeconds: 3600,
  entries: (properties) => properties.map((property, i) => ({ property, cases: 10 * property.cases, powerCases: 5 * (property.powerCases ?? property.cases), seed: 3000 + i })),
};
