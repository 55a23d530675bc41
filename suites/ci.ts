import type { Suite } from './suite.js';

export const ci: Suite = {
  name: 'ci',
  description: 'every property at its default case count with its power check: the CI gate (≤ 5 min on 2 cores)',
  timeBudgetSeconds: 300,
  entries: (properties) => properties.map((property, i) => ({ property, cases: property.cases, powerCases: property.powerCases ?? property.cases, seed: 2000 + i })),
};
