import { audit } from './audit.js';
import { ci } from './ci.js';
import { smoke } from './smoke.js';
import type { Suite } from './suite.js';

export type { Suite, SuiteEntry } from './suite.js';

export const SUITES: readonly Suite[] = [smoke, ci, audit];

export function suiteByName(name: string): Suite | undefined {
  return SUITES.find((s) => s.name === name);
}
