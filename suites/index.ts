import { audit } from './audit.js';
import { ci } from './ci.js';
import { gpu } from './gpu.js';
import { gpuLarge } from './gpu-large.js';
import { peers } from './peers.js';
import { smoke } from './smoke.js';
import type { Suite } from './suite.js';

export type { Suite, SuiteEntry } from './suite.js';

export const SUITES: readonly Suite[] = [smoke, ci, audit, gpu, gpuLarge, peers];

/** The paper suite is a list of experiments with rate diagnostics (suites/paper.ts), not of properties. */
export const PAPER_SUITE = {
  name: 'paper',
  description: "the paper's experiments (the figures of the authors' notebook, the phase diagram, the super-universal rules) with rate diagnostics, reported and not gated",
  timeBudgetSeconds: 120,
};

export function suiteByName(name: string): Suite | undefined {
  return SUITES.find((s) => s.name === name);
}
