import type { Scenario } from '../scenarios/scenario.js';
import type { CaseKind } from './results.js';
import type { ProblemSource } from './suite-problems.js';

/** One case to run: everything a worker needs, as plain data. */
export interface CaseJob {
  readonly key: string;
  readonly property: string;
  readonly kind: CaseKind;
  readonly index: number;
  readonly scenario: Scenario;
  readonly backend: string;
  /** keep the per-iteration series for the report */
  readonly keepTrace: boolean;
  /** shrink the scenario when the case is a violation */
  readonly shrink: boolean;
  /** the user problems the scenario's instance is built from, registered by the worker before the case runs (suite-problems.ts) */
  readonly problems?: readonly ProblemSource[];
}

export function caseKey(property: string, kind: CaseKind, index: number): string {
  return `${property}/${kind}/${index}`;
}
