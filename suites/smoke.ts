import type { Suite } from './suite.js';

export const smoke: Suite = {
  name: 'smoke',
  description: 'every property on a few scenarios and a small power check: the quick sanity pass (≤ 30 s)',
  timeBudgetSeconds: 30,
  entries: (properties) => properties.map((property, i) => ({ property, cases: Math.max(3, Math.round(property.cases / 10)), powerCases: property.powerCases ?? property.cases, seed: 1000 + i })),
};
