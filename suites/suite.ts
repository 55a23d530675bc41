import type { Property } from '../properties/property.js';
import type { PaperExperiment } from './paper.js';

/** One property as a suite runs it: how many scenarios, how many power-check cases, which seed. */
export interface SuiteEntry {
  readonly property: Property;
  readonly cases: number;
  readonly powerCases: number;
  readonly seed: number;
}

/** A named list of properties with case counts, seeds and a time budget. */
export interface Suite {
  readonly name: string;
  readonly description: string;
  /** the wall-clock budget the suite is sized for on the 2-core reference machine */
  readonly timeBudgetSeconds: number;
  entries(properties: readonly Property[]): SuiteEntry[];
  /** experiments run beside the properties (solver comparisons with rate diagnostics): reported, never gated */
  readonly experiments?: readonly PaperExperiment[];
}
